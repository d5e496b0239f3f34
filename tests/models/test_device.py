import torch

from models import pick_device
from models.device import DEVICE_ENV_VAR


def test_env_var_is_honoured(monkeypatch):
    monkeypatch.setenv(DEVICE_ENV_VAR, "meta")
    assert pick_device() == torch.device("meta")


def test_explicit_name_beats_env_var(monkeypatch):
    monkeypatch.setenv(DEVICE_ENV_VAR, "meta")
    assert pick_device("cpu") == torch.device("cpu")


def test_falls_back_to_cpu_without_gpu(monkeypatch):
    monkeypatch.delenv(DEVICE_ENV_VAR, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device() == torch.device("cpu")


def test_prefers_gpu_when_visible(monkeypatch):
    monkeypatch.delenv(DEVICE_ENV_VAR, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device() == torch.device("cuda")
