"""The HTML report of a run, checked in a real headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from pipeline.cli import main

#: Flags for a browser that loads one local file and talks to nobody.
_QUIET_BROWSER = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--disable-extensions",
                  "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000"]

#: Added to a copy of the page: records script errors and console.error calls,
#: and on load writes into the title whether the plot image decoded.
_PROBE = """<script>
window.__errors = 0;
window.addEventListener('error', () => { window.__errors += 1; }, true);
const __consoleError = console.error;
console.error = (...a) => { window.__errors += 1; __consoleError(...a); };
window.addEventListener('load', () => {
  const img = document.getElementById('growth-plot');
  const ok = img && img.complete && img.naturalWidth > 0;
  document.title = (ok ? 'plot ' + img.naturalWidth + 'x' + img.naturalHeight : 'no plot')
    + ' errors ' + window.__errors;
});
</script>"""


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, installed here when missing and apt can (as root)."""
    found = shutil.which("chromium")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        # The package lists of a fresh machine may be empty: update once if needed.
        for command in (["apt-get", "install", "-y", "-q", "chromium"],
                        ["apt-get", "update", "-q"],
                        ["apt-get", "install", "-y", "-q", "chromium"]):
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=900)
            found = shutil.which("chromium")
            if found:
                break
    if found is None:
        pytest.skip("no chromium, and it cannot be installed here (needs root and apt)")
    return found


def _load(chromium, page, tmp_path) -> tuple[str, list[str]]:
    """(the DOM after load, the console lines Chromium logged)."""
    done = subprocess.run(
        [chromium, *_QUIET_BROWSER, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         page.as_uri()], capture_output=True, text=True, timeout=120,
        env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [r for r in done.stderr.splitlines() if ":CONSOLE" in r]


def test_report_is_self_contained(tiny_run, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(tiny_run), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"report: {out}"
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert 'src="data:image/png;base64,' in page
    assert not re.search(r"(src|href)=\"(?!data:)", page), "the page must not load anything"
    assert "<th>cumulative proved</th>" in page and "<td>0 (seed)</td>" in page
    assert "Targets proved" in page and "Hardest conjectures proved" in page
    assert main(["report", str(tiny_run), "--out", str(tmp_path / "r.txt")]) == 3
    (tmp_path / "d.html").mkdir()
    assert main(["report", str(tiny_run), "--out", str(tmp_path / "d.html")]) == 3
    assert not (tmp_path / "d.html.tmp").exists()


def test_report_loads_in_chromium_with_the_plot_and_no_console_errors(
        tiny_run, tmp_path, chromium):
    out = tmp_path / "report.html"
    assert main(["report", str(tiny_run), "--out", str(out)]) == 0
    dom, console = _load(chromium, out, tmp_path)
    assert console == [] and "<h1>leanplay run" in dom
    probe = tmp_path / "probe.html"
    probe.write_text(out.read_text().replace("</head>", _PROBE + "</head>", 1))
    dom, _ = _load(chromium, probe, tmp_path)
    assert "<title>plot 1100x400 errors 0</title>" in dom
