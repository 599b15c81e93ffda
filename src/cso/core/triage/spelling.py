"""Reading past typos: a word one slip away from a word the screen or the catalogue knows.

CAD narratives are typed fast ("brokn", "wepon", "suspcts"). A word that is not known
is read as the known word one insertion, deletion or adjacent swap away, with the same
first letter; substitutions only for long non-hazard words ("insurence"), since a
substitution turns "fight" into "light". Hazard words are tried first, so a slip is read
as danger when it could be either. Real words that sit one slip from a hazard word are
listed in lexicon.toml `not_typos` and never corrected.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import filterfalse

from cso.core.policy.loader import shipped_catalogue
from cso.core.triage.lexicon import (
    COLD_PHRASES,
    HAZARD_PHRASES,
    HOT_PHRASES,
    NEGATION_AFTER,
    NEGATION_BEFORE,
    NOT_TYPOS,
    PAIRED_WORDS,
    SAFE_CONTEXT,
)
from cso.core.triage.text import CLAUSE_BREAK, tokenize

MIN_TYPO_LENGTH = 5
MIN_TARGET_LENGTH = 6
MIN_SUBSTITUTION_LENGTH = 8
# Stands for the wrong letter of a substitution; no word holds it.
_BLANK = "\0"
# How many words read_tokens keeps as checked before it starts over.
_CLEAN_LIMIT = 200_000


def _words(phrases: tuple[str, ...] | list[str]) -> set[str]:
    return {token for phrase in phrases for token in tokenize(phrase) if token.isalpha()}


@cache
def _vocabulary() -> tuple[frozenset[str], dict[str, list[tuple[str, bool]]]]:
    """Known words, and the correction targets by first letter, hazard words first."""
    hazard_words = set().union(*(_words(p) for p in HAZARD_PHRASES.values()))
    other = _words(SAFE_CONTEXT + NEGATION_BEFORE + NEGATION_AFTER + COLD_PHRASES + HOT_PHRASES)
    for incident in shipped_catalogue():
        other |= _words(list(incident.keywords))
    other -= hazard_words
    # The paired-word rules' words are read as they stand ("swaying" is no slip of "saying"),
    # but no other word is read as one of them.
    known = frozenset(hazard_words | other | {word for word in PAIRED_WORDS if word.isalpha()})
    targets: dict[str, list[tuple[str, bool]]] = {}
    for word in sorted(hazard_words):
        if len(word) >= MIN_TARGET_LENGTH:
            targets.setdefault(word[0], []).append((word, True))
    for word in sorted(other):
        if len(word) >= MIN_TARGET_LENGTH:
            targets.setdefault(word[0], []).append((word, False))
    return known, targets


@cache
def _slip_index() -> tuple[dict[str, int], dict[str, list[str]], dict[str, list[str]]]:
    """The correction targets, for finding every target one slip from a word at once.

    Each target's rank in its first letter's list (correct takes the first), each target with
    one letter other than the first left out (the word lacks a letter), and each long non-hazard
    target with one letter other than the first blanked out (the word has a wrong letter).
    """
    _, targets = _vocabulary()
    rank: dict[str, int] = {}
    shortened: dict[str, list[str]] = {}
    blanked: dict[str, list[str]] = {}
    for letter_targets in targets.values():
        for position, (term, is_hazard) in enumerate(letter_targets):
            rank[term] = position
            substitutable = not is_hazard and len(term) >= MIN_SUBSTITUTION_LENGTH
            for i in range(1, len(term)):
                shortened.setdefault(term[:i] + term[i + 1 :], []).append(term)
                if substitutable:
                    blanked.setdefault(term[:i] + _BLANK + term[i + 1 :], []).append(term)
    return rank, shortened, blanked


@lru_cache(maxsize=65536)
def correct(token: str) -> str | None:
    """The known word this unknown word is a slip of, or None.

    A slip keeps the first letter: one letter missing, one too many, two neighbours swapped,
    or (for long non-hazard words) one letter wrong. Of several targets, the first in the
    order hazard words first, then alphabetical.
    """
    known, _ = _vocabulary()
    if len(token) < MIN_TYPO_LENGTH or token in known or token in NOT_TYPOS:
        return None
    if not token.isalpha():
        return None
    rank, shortened, blanked = _slip_index()
    found = list(shortened.get(token, ()))
    for i in range(1, len(token)):
        rest = token[i + 1 :]
        without = token[:i] + rest
        if without in rank:
            found.append(without)
        found += blanked.get(token[:i] + _BLANK + rest, ())
        if rest and token[i] != rest[0]:
            swapped = token[:i] + rest[0] + token[i] + rest[1:]
            if swapped in rank:
                found.append(swapped)
    return min(found, key=rank.__getitem__) if found else None


# Words read as they stand: the known words, clause breaks, and words checked and found to be
# no slip. Checked words are bounded, since narratives bring new words (names, streets) without
# end; numbers and codes are never slips and never kept.
_AS_IS: set[str] = set()


def _start_as_is() -> set[str]:
    _AS_IS.clear()
    _AS_IS.update(_vocabulary()[0])
    _AS_IS.add(CLAUSE_BREAK)
    return _AS_IS


def _remember_as_is(word: str) -> None:
    if len(_AS_IS) > _CLEAN_LIMIT:
        _start_as_is()
    _AS_IS.add(word)


def read_tokens(text: str) -> tuple[tuple[str, ...], dict[int, str]]:
    """The text's tokens with slips corrected, and the words as typed where corrected."""
    tokens = tokenize(text)
    fixes: dict[str, str] = {}
    # Only the words not read as they stand are looked at, most often a house number or two:
    # filtering the tokens in C costs less than building a set of them to take the difference.
    for word in filterfalse((_AS_IS or _start_as_is()).__contains__, tokens):
        if not word.isalpha():
            continue
        fixed = correct(word) if len(word) >= MIN_TYPO_LENGTH else None
        if fixed is None:
            _remember_as_is(word)
        else:
            fixes[word] = fixed
    if not fixes:
        return tokens, {}
    typed = {i: token for i, token in enumerate(tokens) if token in fixes}
    return tuple(fixes.get(token, token) for token in tokens), typed
