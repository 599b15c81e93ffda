"""The narrative screen: hazard signs in CAD text, read with negation, time and typos."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from cso.core.triage.lexicon import (
    COLD_PHRASES,
    HAZARD_PHRASES,
    HOT_PHRASES,
    HOT_VERBS,
    NEGATION_AFTER,
    NEGATION_AFTER_REACH,
    NEGATION_BEFORE,
    NEGATION_REACH,
    PAIRED_WORDS,
    PRESENCE_PHRASES,
    PROGRESSIVE_MARKERS,
    SAFE_CONTEXT,
    TOGETHER,
)
from cso.core.triage.spelling import read_tokens
from cso.core.triage.text import (
    AGE_CUES,
    CLAUSE_BREAK,
    PhraseIndex,
    number_of,
    stated_ages,
    tokenize,
)
from cso.core.types import HazardSign

COLD_MINUTES = 30
# A stated age this young counts as a child in the [[together]] rules ("a 3 year old ... alone").
CHILD_AGE = 12
CHILD_TOKEN = "child"
# Every word some [[together]] rule looks for: most calls hold none, and skip the rules.
TOGETHER_WORDS = PAIRED_WORDS | {CHILD_TOKEN}
# For each word, the [[together]] rules that hold it in their first set and in their second,
# as bit masks (bit i for rule i): a rule needs checking only when the call's words meet both.
_IN_GROUP: dict[str, int] = {
    word: sum(1 << i for i, rule in enumerate(TOGETHER) if word in rule[1])
    for word in TOGETHER_WORDS
}
_IN_PARTNERS: dict[str, int] = {
    word: sum(1 << i for i, rule in enumerate(TOGETHER) if word in rule[2])
    for word in TOGETHER_WORDS
}
_DENIALS = frozenset({"not", "no", "never", "isn't", "aren't", "wasn't"})
# Every word the rules after the phrase search look for (action words, ages, paired words).
_RULE_WORDS = HOT_VERBS | AGE_CUES | TOGETHER_WORDS


class HazardHit(NamedTuple):
    """A hazard sign found in the text, with the words that showed it."""

    sign: HazardSign
    words: str


@dataclass(frozen=True, slots=True)
class Cue:
    """What one listed phrase tells the screen; a phrase may be in several lists."""

    signs: tuple[HazardSign, ...] = ()
    safe: bool = False
    negate_before: bool = False
    negate_after: bool = False
    cold: bool = False
    hot: bool = False
    present: bool = False
    # The phrase's words, and its hazard hits as found in a text typed without a slip: built
    # once here rather than for every call that holds the phrase.
    words: str = ""
    hits: tuple[HazardHit, ...] = ()


class Screening(NamedTuple):
    """What the narrative says about danger and time."""

    hazards: tuple[HazardHit, ...]
    negated: tuple[HazardHit, ...]
    hot: tuple[str, ...]
    cold: tuple[str, ...]
    tokens: tuple[str, ...]
    # A crime-like action word ("throwing", "stealing"): with a sign of now, it is in progress.
    acting: str = ""
    # Words saying a person is still there ("he's still outside"): a suspect, if a crime.
    present: str = ""
    # Positions inside harmless phrases ("stabbed all four of my tires", "shooting range"):
    # they neither make a call hot nor type it as a dangerous incident.
    harmless: frozenset[int] = frozenset()


_NOTHING_HARMLESS: frozenset[int] = frozenset()
# A Screening is made on every call: tuple.__new__ makes the same object without the named
# tuple's Python-level __new__, which costs as much again.
_new_tuple = tuple.__new__


def _build_index() -> PhraseIndex[Cue]:
    signs: dict[tuple[str, ...], tuple[HazardSign, ...]] = {}
    flags: dict[tuple[str, ...], dict[str, bool]] = {}

    def key_of(phrase: str) -> tuple[str, ...]:
        return tuple(t for t in tokenize(phrase) if t != CLAUSE_BREAK)

    def put(phrases: tuple[str, ...], flag: str) -> None:
        for phrase in phrases:
            flags.setdefault(key_of(phrase), {})[flag] = True

    for sign, phrases in HAZARD_PHRASES.items():
        for phrase in phrases:
            key = key_of(phrase)
            # A phrase listed twice under one sign ("ex boyfriend", "ex-boyfriend") is one
            # piece of evidence, not two.
            if sign not in signs.get(key, ()):
                signs[key] = (*signs.get(key, ()), sign)
            flags.setdefault(key, {})
    put(SAFE_CONTEXT, "safe")
    put(NEGATION_BEFORE, "negate_before")
    put(NEGATION_AFTER, "negate_after")
    put(COLD_PHRASES, "cold")
    put(HOT_PHRASES, "hot")
    put(PRESENCE_PHRASES, "present")
    index: PhraseIndex[Cue] = PhraseIndex()
    for key, flagged in flags.items():
        words = " ".join(key)
        found = signs.get(key, ())
        hits = tuple(HazardHit(sign, words) for sign in found)
        index.add(key, Cue(signs=found, words=words, hits=hits, **flagged))
    return index


_INDEX = _build_index()


def _undenied(
    tokens: tuple[str, ...], words: frozenset[str], denials_cancel: bool = True
) -> list[tuple[int, str]]:
    """(position, word) of these words not just after a denial ("no kids inside" has no kid)."""
    return [
        (position, token)
        for position, token in enumerate(tokens)
        if token in words
        and not (
            denials_cancel
            and any(tokens[back] in _DENIALS for back in range(max(0, position - 2), position))
        )
    ]


def _together(
    tokens: tuple[str, ...],
    group: frozenset[str],
    partners: frozenset[str],
    in_clause: bool,
    denials_cancel: bool,
    child_stated: bool,
) -> tuple[str, str] | None:
    """A word of each set, undenied (and within one clause, if asked), or None.

    `child_stated`: the call states an age of a child, which stands for the word "child".
    """
    if child_stated and CHILD_TOKEN in group and CHILD_TOKEN not in tokens:
        tokens = (*tokens, CHILD_TOKEN)
    firsts = _undenied(tokens, group, denials_cancel)
    seconds = _undenied(tokens, partners, denials_cancel)
    if not firsts or not seconds:
        return None
    if not in_clause:
        return firsts[0][1], seconds[0][1]
    clause_of = [0] * len(tokens)
    for position in range(1, len(tokens)):
        clause_of[position] = clause_of[position - 1] + (tokens[position - 1] == CLAUSE_BREAK)
    for first_at, first in firsts:
        for second_at, second in seconds:
            if clause_of[first_at] == clause_of[second_at]:
                return first, second
    return None


def _minutes_before(tokens: tuple[str, ...], position: int) -> int | None:
    return number_of(tokens[position - 1]) if position > 0 else None


def screen(narrative: str, context: tuple[str, ...] = ()) -> Screening:
    """Read a narrative for hazard signs (not negated), and for signs it is hot or cold.

    `context` is other text of the call (its call type's tokens): its words count in the
    call-wide [[together]] rules ("MISSING JUV" beside "just turned 12").
    """
    tokens, typed = read_tokens(narrative)
    events = _INDEX.find(tokens)

    # Hazards found so far, and where each one's words end (for a denial after them).
    hazards: list[HazardHit] = []
    hazard_ends: list[int] = []
    negated: list[HazardHit] = []
    hot: list[str] = []
    cold: list[str] = []
    negation_start = -1
    negate_until = -1
    present = ""
    harmless = _NOTHING_HARMLESS
    for start, end, cue in events:
        if cue.safe:
            harmless = harmless.union(range(start, end))
            continue
        if cue.negate_after and hazards:
            kept, kept_ends = [], []
            for hit, hit_end in zip(hazards, hazard_ends, strict=True):
                near = start - hit_end <= NEGATION_AFTER_REACH
                if near and CLAUSE_BREAK not in tokens[hit_end:start]:
                    negated.append(hit)
                else:
                    kept.append(hit)
                    kept_ends.append(hit_end)
            hazards, hazard_ends = kept, kept_ends
        if cue.negate_before:
            negation_start, negate_until = end, end + NEGATION_REACH
            continue
        in_negation = start < negate_until and CLAUSE_BREAK not in tokens[negation_start:start]
        words, hits = cue.words, cue.hits
        if typed and any(i in typed for i in range(start, end)):
            as_typed = " ".join(typed.get(i, tokens[i]) for i in range(start, end))
            words = f"{as_typed} (read as {words})"
            hits = tuple(HazardHit(sign, words) for sign in cue.signs)
        if cue.hot:
            minutes = _minutes_before(tokens, start) if words.endswith("ago") else None
            (cold if minutes is not None and minutes >= COLD_MINUTES else hot).append(words)
        if cue.cold and not in_negation:
            cold.append(words)
        if cue.present and not in_negation:
            present = present or words
        if in_negation:
            negated += hits
        else:
            for hit in hits:
                hazards.append(hit)
                hazard_ends.append(end)
    acting = ""
    # The rules test the tokens themselves: about half of all calls hold no word of theirs,
    # and a set of the tokens would cost more than this test.
    if context or not _RULE_WORDS.isdisjoint(tokens):
        acting = _apply_rules(tokens, context, harmless, hot, hazards)
    # Built here, once per call, with tuple.__new__; most lists are empty, and () is the empty
    # tuple that tuple() would give, at less cost.
    return _new_tuple(
        Screening,
        (
            tuple(hazards) if hazards else (),
            tuple(negated) if negated else (),
            tuple(hot) if hot else (),
            tuple(cold) if cold else (),
            tokens,
            acting,
            present,
            harmless,
        ),
    )


def _apply_rules(
    tokens: tuple[str, ...],
    context: tuple[str, ...],
    harmless: frozenset[int],
    hot: list[str],
    hazards: list[HazardHit],
) -> str:
    """The action-word, age and paired-word rules: adds to `hot` and `hazards`, and returns the
    first crime-like action word ("" when none)."""
    acting = ""
    if not HOT_VERBS.isdisjoint(tokens):
        for position, token in enumerate(tokens):
            if token not in HOT_VERBS or (position and tokens[position - 1] in _DENIALS):
                continue
            if position in harmless:
                continue
            acting = acting or token
            for back in (1, 2):
                if position >= back and tokens[position - back] in PROGRESSIVE_MARKERS:
                    hot.append(" ".join(tokens[position - back : position + 1]))
                    break
    child_stated = not AGE_CUES.isdisjoint(tokens) and any(
        age <= CHILD_AGE for age in stated_ages(tokens)
    )
    paired_words = TOGETHER_WORDS.intersection(tokens)
    if child_stated:
        paired_words |= PAIRED_WORDS.intersection((CHILD_TOKEN,))
    if context:
        paired_words |= TOGETHER_WORDS.intersection(context)
    if paired_words:
        in_group = in_partners = 0
        for word in paired_words:
            in_group |= _IN_GROUP[word]
            in_partners |= _IN_PARTNERS[word]
        # The rules with a word of each set in the call, lowest first (the rules' order).
        to_check = in_group & in_partners
        while to_check:
            rule_bit = to_check & -to_check
            to_check ^= rule_bit
            sign, group, partners, in_clause, denials_cancel = TOGETHER[rule_bit.bit_length() - 1]
            pair = _together(
                tokens if in_clause else (*context, CLAUSE_BREAK, *tokens),
                group,
                partners,
                in_clause,
                denials_cancel,
                child_stated,
            )
            if pair:
                hazards.append(HazardHit(sign, f"{pair[0]} ... {pair[1]}"))
    return acting
