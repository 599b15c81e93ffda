"""The narrative screen: hazard signs in CAD text, read with negation, time and typos."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Cue:
    """What one listed phrase tells the screen; a phrase may be in several lists."""

    signs: tuple[HazardSign, ...] = ()
    safe: bool = False
    negate_before: bool = False
    negate_after: bool = False
    cold: bool = False
    hot: bool = False
    read_as: str = ""


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


def _build_index() -> PhraseIndex[Cue]:
    flags: dict[tuple[str, ...], dict[str, object]] = {}

    def put(phrases: tuple[str, ...], **flag: object) -> None:
        for phrase in phrases:
            key = tuple(t for t in tokenize(phrase) if t != CLAUSE_BREAK)
            entry = flags.setdefault(key, {"signs": ()})
            for name, value in flag.items():
                if name == "signs":
                    entry["signs"] = (*entry["signs"], *value)  # type: ignore[misc]
                else:
                    entry[name] = value

    for sign, phrases in HAZARD_PHRASES.items():
        put(phrases, signs=(sign,))
    put(SAFE_CONTEXT, safe=True)
    put(NEGATION_BEFORE, negate_before=True)
    put(NEGATION_AFTER, negate_after=True)
    put(COLD_PHRASES, cold=True)
    put(HOT_PHRASES, hot=True)
    index: PhraseIndex[Cue] = PhraseIndex()
    for key, entry in flags.items():
        index.add(key, Cue(**entry))  # type: ignore[arg-type]
    return index


_INDEX = _build_index()
_SINGLE_WORD_HAZARDS: dict[str, tuple[HazardSign, ...]] = {}
for _sign, _phrases in HAZARD_PHRASES.items():
    for _phrase in _phrases:
        _words = tokenize(_phrase)
        if len(_words) == 1 and len(_words[0]) >= FUZZY_MIN_LENGTH and _words[0].isalpha():
            _SINGLE_WORD_HAZARDS[_words[0]] = (*_SINGLE_WORD_HAZARDS.get(_words[0], ()), _sign)
# Every word of every listed phrase: such a word is read as itself, never as a typo.
_KNOWN_WORDS = _INDEX.all_words()


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
def misspelt_hazard(token: str) -> tuple[str, tuple[HazardSign, ...]] | None:
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


# Words already checked and found not to be a typo of a hazard word; bounded, since
# narratives bring new words (house numbers, names) without end.
_CLEAN_WORDS: set[str] = set()
_CLEAN_WORDS_LIMIT = 200_000


def _has_typo_candidates(tokens: tuple[str, ...]) -> bool:
    """Whether any new word might be a misspelt hazard; checked words are skipped in C."""
    fresh = set(tokens).difference(_KNOWN_WORDS, _CLEAN_WORDS)
    if not fresh:
        return False
    words = [token for token in fresh if len(token) >= FUZZY_MIN_LENGTH - 1 and token.isalpha()]
    if any(misspelt_hazard(word) for word in words):
        return True
    if len(_CLEAN_WORDS) > _CLEAN_WORDS_LIMIT:
        _CLEAN_WORDS.clear()
    _CLEAN_WORDS.update(words)
    return False


def _minutes_before(tokens: tuple[str, ...], position: int) -> int | None:
    if position > 0 and tokens[position - 1].isdigit():
        return int(tokens[position - 1])
    return None


@lru_cache(maxsize=65536)
def screen(narrative: str) -> Screening:
    """Read a narrative for hazard signs (not negated), and for signs it is hot or cold."""
    tokens = tokenize(narrative)
    events = _INDEX.find(tokens)
    if _has_typo_candidates(tokens):
        typos = False
        for position, token in enumerate(tokens):
            typo = misspelt_hazard(token)
            if typo is not None:
                events.append((position, position + 1, Cue(signs=typo[1], read_as=typo[0])))
                typos = True
        if typos:
            events.sort(key=lambda event: event[0])

    hazards: list[tuple[HazardHit, int]] = []
    negated: list[HazardHit] = []
    hot: list[str] = []
    cold: list[str] = []
    negation_start = -1
    negate_until = -1
    for start, end, cue in events:
        if cue.safe:
            continue
        words = " ".join(tokens[start:end])
        in_negation = start < negate_until and CLAUSE_BREAK not in tokens[negation_start:start]
        if cue.negate_after and hazards:
            kept = []
            for hit, hit_end in hazards:
                near = start - hit_end <= NEGATION_AFTER_REACH
                if near and CLAUSE_BREAK not in tokens[hit_end:start]:
                    negated.append(hit)
                else:
                    kept.append((hit, hit_end))
            hazards = kept
        if cue.negate_before:
            negation_start, negate_until = end, end + NEGATION_REACH
            continue
        if cue.hot:
            minutes = _minutes_before(tokens, start) if words.endswith("ago") else None
            (cold if minutes is not None and minutes >= COLD_MINUTES else hot).append(words)
        if cue.cold and not in_negation:
            cold.append(words)
        if cue.read_as:
            words = f"{words} (read as {cue.read_as})"
        for sign in cue.signs:
            hit = HazardHit(sign, words)
            if in_negation:
                negated.append(hit)
            else:
                hazards.append((hit, end))
    for position in range(1, len(tokens)) if not HOT_VERBS.isdisjoint(tokens) else ():
        if tokens[position] in HOT_VERBS:
            for back in (1, 2):
                if position >= back and tokens[position - back] in PROGRESSIVE_MARKERS:
                    hot.append(" ".join(tokens[position - back : position + 1]))
                    break
    return Screening(
        tuple(hit for hit, _ in hazards), tuple(negated), tuple(hot), tuple(cold), tokens
    )
