"""The narrative screen: hazard signs in CAD text, read with negation, time and typos."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from cso.core.triage.lexicon import (
    COLD_PHRASES,
    HAZARD_PHRASES,
    HOT_PHRASES,
    HOT_VERBS,
    NEGATION_AFTER,
    NEGATION_AFTER_REACH,
    NEGATION_BEFORE,
    NEGATION_REACH,
    NOT_TYPOS,
    PROGRESSIVE_MARKERS,
    SAFE_CONTEXT,
)
from cso.core.triage.text import CLAUSE_BREAK, PhraseIndex, tokenize
from cso.core.types import HazardSign

COLD_MINUTES = 30
FUZZY_MIN_LENGTH = 6


class Cue(Enum):
    """What a phrase tells the screen."""

    SAFE = "safe"
    NEGATE_BEFORE = "negate_before"
    NEGATE_AFTER = "negate_after"
    COLD = "cold"
    HOT = "hot"


Tag = Cue | HazardSign


@dataclass(frozen=True, slots=True)
class HazardHit:
    """A hazard sign found in the text, with the words that showed it."""

    sign: HazardSign
    words: str


@dataclass(frozen=True, slots=True)
class Screening:
    """What the narrative says about danger and time."""

    hazards: tuple[HazardHit, ...]
    negated: tuple[HazardHit, ...]
    hot: tuple[str, ...]
    cold: tuple[str, ...]
    tokens: tuple[str, ...]


def _build_index() -> PhraseIndex[frozenset[Tag]]:
    tags: dict[tuple[str, ...], set[Tag]] = {}

    def put(phrase: str, tag: Tag) -> None:
        key = tuple(t for t in tokenize(phrase) if t != CLAUSE_BREAK)
        tags.setdefault(key, set()).add(tag)

    for sign, phrases in HAZARD_PHRASES.items():
        for phrase in phrases:
            put(phrase, sign)
    for phrase in SAFE_CONTEXT:
        put(phrase, Cue.SAFE)
    for phrase in NEGATION_BEFORE:
        put(phrase, Cue.NEGATE_BEFORE)
    for phrase in NEGATION_AFTER:
        put(phrase, Cue.NEGATE_AFTER)
    for phrase in COLD_PHRASES:
        put(phrase, Cue.COLD)
    for phrase in HOT_PHRASES:
        put(phrase, Cue.HOT)
    index: PhraseIndex[frozenset[Tag]] = PhraseIndex()
    for key, found in tags.items():
        index.add(key, frozenset(found))
    return index


_INDEX = _build_index()
_SINGLE_WORD_HAZARDS: dict[str, frozenset[HazardSign]] = {}
for _sign, _phrases in HAZARD_PHRASES.items():
    for _phrase in _phrases:
        _words = tokenize(_phrase)
        if len(_words) == 1 and len(_words[0]) >= FUZZY_MIN_LENGTH and _words[0].isalpha():
            _SINGLE_WORD_HAZARDS[_words[0]] = _SINGLE_WORD_HAZARDS.get(_words[0], frozenset()) | {
                _sign
            }
_KNOWN_WORDS = _INDEX.first_words()


def _one_edit(token: str, term: str) -> bool:
    """One insertion, deletion or adjacent swap; not substitution, which hits too many words."""
    if token[0] != term[0] or token == term:
        return False
    if len(token) == len(term):
        diffs = [i for i in range(len(token)) if token[i] != term[i]]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and token[diffs[0]] == term[diffs[1]]
            and token[diffs[1]] == term[diffs[0]]
        )
    shorter, longer = (token, term) if len(token) < len(term) else (term, token)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer)))


@lru_cache(maxsize=65536)
def misspelt_hazard(token: str) -> tuple[str, frozenset[HazardSign]] | None:
    """The hazard word a token is one typo away from ('weapn' -> 'weapon'), if any."""
    if (
        len(token) < FUZZY_MIN_LENGTH - 1
        or not token.isalpha()
        or token in _KNOWN_WORDS
        or token in NOT_TYPOS
    ):
        return None
    for term, signs in _SINGLE_WORD_HAZARDS.items():
        if abs(len(term) - len(token)) <= 1 and _one_edit(token, term):
            return term, signs
    return None


def _minutes_before(tokens: tuple[str, ...], position: int) -> int | None:
    if position > 0 and tokens[position - 1].isdigit():
        return int(tokens[position - 1])
    return None


@lru_cache(maxsize=65536)
def screen(narrative: str) -> Screening:
    """Read a narrative for hazard signs (not negated), and for signs it is hot or cold."""
    tokens = tokenize(narrative)
    matches = _INDEX.find(tokens)
    covered = [False] * len(tokens)
    for match in matches:
        for i in range(match.start, match.end):
            covered[i] = True

    found: list[tuple[int, int, HazardSign, str]] = []
    for position, token in enumerate(tokens):
        if not covered[position]:
            typo = misspelt_hazard(token)
            if typo is not None:
                for sign in typo[1]:
                    found.append((position, position + 1, sign, f"{token} (read as {typo[0]})"))

    events: list[tuple[int, int, frozenset[Tag] | HazardSign, str]] = [
        (m.start, m.end, m.payload, " ".join(tokens[m.start : m.end])) for m in matches
    ]
    events.extend(found)
    events.sort(key=lambda e: e[0])

    hazards: list[tuple[HazardHit, int]] = []
    negated: list[HazardHit] = []
    hot: list[str] = []
    cold: list[str] = []
    negation_start = -1
    negate_until = -1
    for start, end, payload, words in events:
        tags: frozenset[Tag] = payload if isinstance(payload, frozenset) else frozenset({payload})
        if Cue.SAFE in tags:
            continue
        in_negation = start < negate_until and CLAUSE_BREAK not in tokens[negation_start:start]
        if Cue.NEGATE_AFTER in tags:
            kept = []
            for hit, hit_end in hazards:
                near = start - hit_end <= NEGATION_AFTER_REACH
                if near and CLAUSE_BREAK not in tokens[hit_end:start]:
                    negated.append(hit)
                else:
                    kept.append((hit, hit_end))
            hazards = kept
        if Cue.NEGATE_BEFORE in tags:
            negation_start, negate_until = end, end + NEGATION_REACH
            continue
        if Cue.HOT in tags:
            minutes = _minutes_before(tokens, start) if words.endswith("ago") else None
            (cold if minutes is not None and minutes >= COLD_MINUTES else hot).append(words)
        if Cue.COLD in tags and not in_negation:
            cold.append(words)
        for tag in tags:
            if isinstance(tag, HazardSign):
                hit = HazardHit(tag, words)
                if in_negation:
                    negated.append(hit)
                else:
                    hazards.append((hit, end))
    for position in range(1, len(tokens)):
        if tokens[position] in HOT_VERBS:
            for back in (1, 2):
                if position >= back and tokens[position - back] in PROGRESSIVE_MARKERS:
                    hot.append(" ".join(tokens[position - back : position + 1]))
                    break
    return Screening(
        tuple(hit for hit, _ in hazards), tuple(negated), tuple(hot), tuple(cold), tokens
    )
