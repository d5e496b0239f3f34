"""Run configuration: defaults, overrides, clear errors."""

from __future__ import annotations

import pytest

from pipeline.config import ConfigError, RunConfig, load_config


def test_defaults_and_overrides(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("rounds: 5\ntemperature: 0.5\n")
    cfg = load_config(path, {"seed": 3, "rounds": None})
    assert (cfg.rounds, cfg.temperature, cfg.seed) == (5, 0.5, 3)
    assert load_config(None) == RunConfig()


@pytest.mark.parametrize("text,needle", [
    ("roundz: 3\n", "unknown config key"),
    ("rounds: three\n", "must be int"),
    ("rounds: -1\n", ">= 0"),
    ("attempt_targets: 1\n", "must be bool"),
    ("- a\n- b\n", "mapping"),
    ("conjecture_strategy: greedy\n", "must be one of walk, diverse"),
    ("diversity_similarity: 3\n", "must be str"),
    ("diversity_beta: -1\n", ">= 0"),
    ("rounds: [\n", "cannot read"),
])
def test_bad_config_is_refused(tmp_path, text, needle):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=needle):
        load_config(path)


def test_set_overrides_one_key_at_a_time(tmp_path, capsys):
    from pipeline.cli import _settings, main

    assert _settings(["rounds=8", "conjecture_strategy=diverse", "diversity_beta=0.5",
                      "attempt_targets=false"]) == {
        "rounds": 8, "conjecture_strategy": "diverse", "diversity_beta": 0.5,
        "attempt_targets": False}
    run_dir = tmp_path / "r"
    assert main(["run", "--run-dir", str(run_dir), "--set", "conjecture_strategy=greedy"]) == 3
    assert "must be one of walk, diverse, uniform, none" in capsys.readouterr().err
    assert main(["run", "--run-dir", str(run_dir), "--set", "rounds"]) == 2
    assert not run_dir.exists()


def test_set_rounds_is_honoured_and_resume_accepts_the_same_command(tiny_run, tiny_config,
                                                                     tmp_path, capsys):
    import shutil

    from pipeline.cli import main
    from pipeline.store import Store

    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    # The command that started the run, repeated: accepted, nothing to do.
    assert main(["run", "--run-dir", str(copy), "--config", str(tiny_config), "--quiet"]) == 0
    assert main(["run", "--run-dir", str(copy), "--seed", "0", "--quiet"]) == 0
    # Other settings on resume: refused, naming the key.
    assert main(["run", "--run-dir", str(copy), "--seed", "1"]) == 3
    assert "seed (0 in the run, 1 asked)" in capsys.readouterr().err
    # Fewer rounds than done: refused, config left alone.
    before = (copy / "config.yaml").read_text()
    assert main(["run", "--run-dir", str(copy), "--rounds", "0"]) == 3
    assert "already completed 1 rounds" in capsys.readouterr().err
    assert (copy / "config.yaml").read_text() == before
    # --set rounds=2 on resume runs round 2.
    assert main(["run", "--run-dir", str(copy), "--set", "rounds=2", "--quiet"]) == 0
    assert [r["round"] for r in Store(copy / "run.db").rounds()] == [1, 2]
    assert "rounds: 2" in (copy / "config.yaml").read_text()
