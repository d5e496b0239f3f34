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
