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

from cso.core.policy.loader import shipped_catalogue
from cso.core.triage.lexicon import (
    COLD_PHRASES,
    HAZARD_PHRASES,
    HOT_PHRASES,
    NEGATION_AFTER,
    NEGATION_BEFORE,
    NOT_TYPOS,
    SAFE_CONTEXT,
)
from cso.core.triage.text import CLAUSE_BREAK, tokenize

MIN_TYPO_LENGTH = 5
MIN_TARGET_LENGTH = 6
MIN_SUBSTITUTION_LENGTH = 8
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
    known = frozenset(hazard_words | other)
    targets: dict[str, list[tuple[str, bool]]] = {}
    for word in sorted(hazard_words):
        if len(word) >= MIN_TARGET_LENGTH:
            targets.setdefault(word[0], []).append((word, True))
    for word in sorted(other):
        if len(word) >= MIN_TARGET_LENGTH:
            targets.setdefault(word[0], []).append((word, False))
    return known, targets


def _one_edit(token: str, term: str, substitution: bool) -> bool:
    """One insertion, deletion or adjacent swap (or substitution, if allowed), first letter kept."""
    if token[0] != term[0] or token == term:
        return False
    if len(token) == len(term):
        diffs = [i for i in range(len(token)) if token[i] != term[i]]
        if substitution and len(diffs) == 1:
            return True
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
def correct(token: str) -> str | None:
    """The known word this unknown word is a slip of, or None."""
    known, targets = _vocabulary()
    if len(token) < MIN_TYPO_LENGTH or token in known or token in NOT_TYPOS:
        return None
    if not token.isalpha():
        return None
    for term, is_hazard in targets.get(token[0], ()):
        if abs(len(term) - len(token)) > 1:
            continue
        substitution = not is_hazard and len(term) >= MIN_SUBSTITUTION_LENGTH
        if _one_edit(token, term, substitution):
            return term
    return None


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
    tokens, typed, _ = read_tokens_with_set(text)
    return tokens, typed


def read_tokens_with_set(text: str) -> tuple[tuple[str, ...], dict[int, str], set[str]]:
    """read_tokens, and the set of the tokens, which the screen needs too."""
    tokens = tokenize(text)
    token_set = set(tokens)
    fresh = token_set.difference(_AS_IS or _start_as_is())
    if not fresh:
        return tokens, {}, token_set
    fixes: dict[str, str] = {}
    for word in fresh:
        if not word.isalpha():
            continue
        fixed = correct(word) if len(word) >= MIN_TYPO_LENGTH else None
        if fixed is None:
            _remember_as_is(word)
        else:
            fixes[word] = fixed
    if not fixes:
        return tokens, {}, token_set
    typed = {i: token for i, token in enumerate(tokens) if token in fixes}
    read = tuple(fixes.get(token, token) for token in tokens)
    return read, typed, set(read)
