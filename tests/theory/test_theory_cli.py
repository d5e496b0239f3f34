"""The `theory` command line, run in-process on tiny sizes."""

import argparse

import pytest

from theory.cli import register
from theory.errors import TheoryError


def _run(argv, capsys):
    parser = argparse.ArgumentParser(prog="leanplay")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "command, words",
    [
        (
            [
                "growth",
                "--nodes",
                "24",
                "--trials",
                "1",
                "--families",
                "expander,cycle",
            ],
            ["growth (p=0.5, c=2, beta 0/1", "expander (24 nodes", "cycle (24 nodes"],
        ),
        (
            [
                "classifier",
                "--classes",
                "3",
                "--dims",
                "4",
                "--per-class",
                "5",
                "--steps",
                "20",
            ],
            ["classifier: Q=3 classes, N=15 points in R^4", "18 numbers"],
        ),
        (
            [
                "overparam",
                "--dims",
                "8",
                "--train",
                "6",
                "--test",
                "40",
                "--widths",
                "8,16",
                "--depths",
                "1,2",
                "--steps",
                "10",
            ],
            ["overparam: N=6 <= M=8, widths 8..16"],
        ),
        (
            ["flow", "--points", "4", "--dims", "3", "--hidden", "16", "--steps", "5"],
            ["relu head with P=", "tanh head with P="],
        ),
        (
            [
                "depth",
                "--points",
                "6",
                "--dims",
                "3",
                "--width",
                "8",
                "--depths",
                "1,3",
                "--steps",
                "5",
            ],
            ["depth: N=6, width 8, depths 1/3"],
        ),
        (
            ["ramp", "--classes", "2", "--per-class", "4"],
            ["ramp: Q=2, L=2, N=8", "3 = 2^Q - 1 other configurations"],
        ),
    ],
)
def test_each_command_writes_its_plot_and_one_line(command, words, tmp_path, capsys):
    out = tmp_path / "plots"
    code, printed = _run(["theory", *command, "--out", str(out)], capsys)
    assert code == 0
    assert printed.count("\n") == 1
    for word in words:
        assert word in printed
    png = out / f"{command[0]}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"plot {png}" in printed


def test_the_run_directory_commands(run_dir, tmp_path, capsys):
    out = str(tmp_path)
    code, printed = _run(
        [
            "theory",
            "growth",
            "--nodes",
            "20",
            "--trials",
            "1",
            "--families",
            "cycle",
            "--run-dir",
            str(run_dir),
            "--out",
            out,
        ],
        capsys,
    )
    assert code == 0 and "theorem graph (17 nodes" in printed
    assert "the run itself 0.144 over 2 rounds" in printed  # ln(20 / 15) / 2
    code, printed = _run(
        [
            "theory",
            "classifier",
            "--run-dir",
            str(run_dir),
            "--dims",
            "8",
            "--steps",
            "10",
            "--out",
            out,
        ],
        capsys,
    )
    assert code == 0 and "Q=4 classes, N=27 points in R^8" in printed
    for command in (
        ["flow", "--points", "8", "--dims", "4", "--hidden", "16"],
        ["depth", "--points", "8", "--dims", "4", "--depths", "1,2"],
        ["overparam", "--dims", "8", "--train", "6", "--widths", "8"],
    ):
        code, printed = _run(
            [
                "theory",
                *command,
                "--steps",
                "3",
                "--run-dir",
                str(run_dir),
                "--out",
                out,
            ],
            capsys,
        )
        assert code == 0, command


def test_expected_errors_are_theory_errors(run_dir, tmp_path, capsys):
    with pytest.raises(TheoryError, match="no leanplay run directory"):
        _run(["theory", "growth", "--run-dir", str(tmp_path / "none")], capsys)
    with pytest.raises(TheoryError, match="not sequentially linearly separable"):
        _run(
            [
                "theory",
                "classifier",
                "--run-dir",
                str(run_dir),
                "--labels",
                "proved",
                "--steps",
                "1",
                "--out",
                str(tmp_path),
            ],
            capsys,
        )
    (tmp_path / "file").write_text("")
    with pytest.raises(TheoryError, match="must be a folder"):
        _run(
            ["theory", "ramp", "--classes", "2", "--out", str(tmp_path / "file")],
            capsys,
        )
    with pytest.raises(TheoryError, match="unknown families"):
        _run(["theory", "growth", "--families", "torus"], capsys)
    with pytest.raises(TheoryError, match="exceed the input dimension"):
        _run(
            [
                "theory",
                "overparam",
                "--dims",
                "4",
                "--train",
                "6",
                "--widths",
                "8",
                "--out",
                str(tmp_path),
            ],
            capsys,
        )


def test_usage_errors_exit_with_code_2(capsys):
    for argv in (
        ["theory", "overparam", "--widths", "8,x"],
        ["theory", "growth", "-p", "2"],
        ["theory"],
    ):
        with pytest.raises(SystemExit) as exit_:
            _run(argv, capsys)
        assert exit_.value.code == 2
