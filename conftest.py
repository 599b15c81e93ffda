"""Where the tests find the shared source documents and real data: beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("CSO_SHARED", Path(__file__).resolve().parent.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder; tests that need it are skipped, saying where they looked, if absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared folder not found at {SHARED} (set CSO_SHARED)")
    return SHARED
