"""How call-type strings are compared: case, spacing and punctuation do not matter."""

from __future__ import annotations

import re
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def call_type_key(text: str) -> str:
    """The lookup key of a call-type string: case and runs of spaces do not count."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().casefold()
