"""The words of danger, negation and time that the narrative screen looks for.

The phrases live in lexicon.toml beside this module, so that a reviewer can read
and amend them as data; this module only loads and checks them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from cso.core.types import HazardSign

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
NEGATION_REACH = 5
NEGATION_AFTER_REACH = 2


def _load() -> dict[str, Any]:
    with LEXICON_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    unknown = set(data["hazards"]) - {sign.value for sign in HazardSign}
    missing = {sign.value for sign in HazardSign} - set(data["hazards"])
    if unknown or missing:
        raise ValueError(f"{LEXICON_PATH}: hazards unknown {unknown or '{}'}, missing {missing}")
    return data


_DATA = _load()
HAZARD_PHRASES: dict[HazardSign, tuple[str, ...]] = {
    HazardSign(sign): tuple(phrases) for sign, phrases in _DATA["hazards"].items()
}
SAFE_CONTEXT: tuple[str, ...] = tuple(_DATA["context"]["safe"])
NEGATION_BEFORE: tuple[str, ...] = tuple(_DATA["context"]["negation_before"])
NEGATION_AFTER: tuple[str, ...] = tuple(_DATA["context"]["negation_after"])
HOT_PHRASES: tuple[str, ...] = tuple(_DATA["context"]["hot"])
COLD_PHRASES: tuple[str, ...] = tuple(_DATA["context"]["cold"])
PRESENCE_PHRASES: tuple[str, ...] = tuple(_DATA["context"]["presence"])
HOT_VERBS: frozenset[str] = frozenset(_DATA["context"]["hot_verbs"])
PROGRESSIVE_MARKERS: frozenset[str] = frozenset(_DATA["context"]["progressive_markers"])
NOT_TYPOS: frozenset[str] = frozenset(_DATA["context"]["not_typos"])
# (sign, words, with, clause, denials cancel): the sign holds when a word of each set stands
# in the same call, or with clause = True, in the same clause; a word just after a denial
# ("no kids") does not count unless the rule says denials_cancel = false.
TOGETHER: tuple[tuple[HazardSign, frozenset[str], frozenset[str], bool, bool], ...] = tuple(
    (
        HazardSign(rule["sign"]),
        frozenset(rule["words"]),
        frozenset(rule["with"]),
        rule.get("scope", "call") == "clause",
        rule.get("denials_cancel", True),
    )
    for rule in _DATA["together"]
)
# Every word some [[together]] rule looks for.
PAIRED_WORDS: frozenset[str] = frozenset().union(*(rule[1] | rule[2] for rule in TOGETHER))
