"""Shared test set-up: answers go to a temporary folder, never into the repo."""
import os

import pytest


@pytest.fixture(autouse=True)
def _answers_in_tmp(tmp_path, monkeypatch):
    """Point MEDIALIT_ANSWERS at a fresh folder and switch strict grading off."""
    monkeypatch.setenv("MEDIALIT_ANSWERS", str(tmp_path / "answers"))
    monkeypatch.delenv("MEDIALIT_STRICT", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    yield


def pytest_configure(config):
    """Run headless: matplotlib never opens a window."""
    os.environ.setdefault("MPLBACKEND", "Agg")
