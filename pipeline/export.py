"""A run's results as Lean: every proved theorem with its proof, in one file.

The file starts with the library's header. Proofs may cite what earlier
rounds proved (config `cite_found`), so those lemmas come first under the
names proofs cite them by (`pipeline.found`), in the order they were proved;
then each proved target and conjecture is declared again under a fresh name
(`leanplay_found_N`, the run's own name in a comment above it), so that no
name clashes with the library: every proof was checked against the library
and the lemmas proved before it, and reads the same here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lean_env.library import Library
from pipeline.found import found_lemmas
from pipeline.store import Store

__all__ = ["export_lean", "check_export", "EXPORT_PREFIX"]

EXPORT_PREFIX = "leanplay_found_"


def export_lean(store: Store, header: str, targets: bool = True) -> tuple[str, int]:
    """The Lean text of every proved target and conjecture of a run.

    Args:
        targets: whether the proved targets are lemmas (not when the library
            declares them itself, ``pipeline.found.targets_in_library``).

    Returns:
        `(text, count)`: the file's text (`header` first) and how many
        theorems it declares.
    """
    found = store.theorems("kind != 'seed' AND proof IS NOT NULL")
    parts = [header.rstrip("\n"), "",
             "-- What later proofs may cite, under the names they cite it by.", ""]
    for name, statement, proof in found_lemmas(store, 10**9, targets):
        parts.append(f"theorem {name} : {statement} :=")
        parts += ["  " + row for row in proof.strip().splitlines()]
        parts.append("")
    parts += [f"-- {len(found)} theorems proved by leanplay and checked by Lean one by one.",
              "-- Each keeps the run's name in the comment above it.", ""]
    for i, t in enumerate(found):
        origin = "target" if t.kind == "target" else f"conjecture from {t.parent}"
        parts.append(f"-- {t.name} ({origin}, proved in round {t.proved_round})")
        # Laid out as the checker checked it: proof lines indented under the statement.
        parts.append(f"theorem {EXPORT_PREFIX}{i} : {t.statement} :=")
        parts += ["  " + row for row in t.proof.strip().splitlines()]
        parts.append("")
    return "\n".join(parts), len(found)


def check_export(library: Library, path: Path, count: int) -> tuple[list[str], set[str]]:
    """Run Lean on an exported file with the library on its search path.

    Returns:
        `(errors, axioms)`: Lean's error messages (none when the file checks)
        and every axiom the exported theorems use, read from `#print axioms`
        run on a copy of the file beside it.
    """
    path = Path(path)
    probe = path.with_name(path.stem + ".axioms.lean")
    probe.write_text(path.read_text(encoding="utf-8") + "".join(
        f"#print axioms {EXPORT_PREFIX}{i}\n" for i in range(count)), encoding="utf-8")
    try:
        done = library.toolchain.run(["--json", probe.name], cwd=probe.parent,
                                     env=library.env(), timeout=1800)
    finally:
        probe.unlink(missing_ok=True)
    messages = [json.loads(r) for r in done.stdout.splitlines() if r.startswith("{")]
    errors = [m["data"] for m in messages if m.get("severity") == "error"]
    if done.returncode and not errors:
        errors = [done.stderr.strip() or f"lean exited with {done.returncode}"]
    axioms: set[str] = set()
    for m in messages:
        found = re.search(r"depends on axioms: \[(.*?)\]", m.get("data", ""), re.S)
        if found:
            axioms |= {a.strip() for a in found.group(1).split(",") if a.strip()}
    return errors, axioms
