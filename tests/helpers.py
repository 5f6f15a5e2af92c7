"""Helpers shared by the tests (importable: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RENEWIE_SHARED", ROOT.parent / "shared"))
CORPUS = ROOT / "corpus"
# One fixed publication date for tests that need one (Duckling pins its reference time).
TEST_PUBLISHED = "2023-06-30"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is only beside the project in CI and on dev machines)")
    return path
