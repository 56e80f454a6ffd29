from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Each test process keeps its own cache of compiled standards (dsl/cache.py), never the user's."""
    os.environ.setdefault("PARKSCORE_CACHE_DIR", tempfile.mkdtemp(prefix="parkscore-cache-"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/cases/**/*.expected; review with git diff")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so paths in outputs are stable and relative."""
    monkeypatch.chdir(ROOT)
    return ROOT
