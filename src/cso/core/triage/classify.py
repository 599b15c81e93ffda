"""Which incident type a call is: from its call-type string, or from its words."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from cso.core.policy.catalogue import UNCLASSIFIED_TYPE, Catalogue, IncidentType
from cso.core.policy.profile import Profile
from cso.core.triage.spelling import read_tokens
from cso.core.triage.text import CLAUSE_BREAK, PhraseIndex, tokenize
from cso.core.types import Category, HazardSign


class TypeMatch(NamedTuple):
    """The incident type of a call and how it was found."""

    incident: IncidentType
    category: Category
    hazards: tuple[HazardSign, ...]
    how: str
    words: str

    @property
    def classified(self) -> bool:
        """False when nothing said what the call is."""
        return self.incident is not UNCLASSIFIED_TYPE


# Words whose stem is another word: "parked" is not "park".
_UNSTEMMED = frozenset({"parked", "parking", "parks", "parker"})
NEGATION_REACH_FOR_TYPES = 3
# Types that say only that a call is administrative or unknown.
CATCH_ALL_TYPES = frozenset({"ADMIN", "INVEST", "ASSIST", "TROUBLE", "HLP2", "NCRNONE", "INFO"})
TYPE_NEGATIONS = frozenset({"no", "not", "non", "without", "never", "denies", "negative"})
# Read once: Python 3.11 reads an enum member through its class slowly (see engine.py).
_UNCLASSIFIED = Category.UNCLASSIFIED


@lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    """A crude stem, so 'vandalized', 'vandalizing' and 'vandalize' meet; used for types only."""
    if token in _UNSTEMMED:
        return token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 4 and not token.endswith("ss"):
            return token[: -len(suffix)]
    return token


def _stems(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(_stem, tokens))


@cache
def _keyword_index(catalogue: Catalogue) -> PhraseIndex[tuple[tuple[str, int], ...]]:
    """Keyword phrases to every (type, weight) that lists them; weight 0 marks a place word."""
    listed: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for incident in catalogue:
        for keyword in incident.keywords:
            # "+parking lot": a place that counts only beside another keyword of the type.
            context = keyword.startswith("+")
            weight = 0 if context else incident.weight
            phrase = _stems(tokenize(keyword.lstrip("+")))
            listed.setdefault(phrase, []).append((incident.code, weight))
    index: PhraseIndex[tuple[tuple[str, int], ...]] = PhraseIndex()
    for phrase, types in listed.items():
        index.add(phrase, tuple(types))
    return index


def _denied(tokens: tuple[str, ...], start: int) -> bool:
    """A keyword just after a denial ("no mental health concerns") does not type the call."""
    for back in range(start - 1, max(-1, start - 1 - NEGATION_REACH_FOR_TYPES), -1):
        if tokens[back] == CLAUSE_BREAK:
            return False
        if tokens[back] in TYPE_NEGATIONS:
            return True
    return False


@lru_cache(maxsize=16384)
def _infer_code(catalogue: Catalogue, text: str) -> tuple[str, str] | None:
    """_infer_code_from_tokens for a short text that recurs, such as a call-type string."""
    return _infer_code_from_tokens(catalogue, read_tokens(text)[0])


def _infer_code_from_tokens(
    catalogue: Catalogue, tokens: tuple[str, ...], harmless: frozenset[int] = frozenset()
) -> tuple[str, str] | None:
    """The type whose keywords cover most of the text, and the words that decided it.

    A keyword inside a harmless phrase ("stabbed all four of my tires") does not make the
    call a type that carries hazards (STABBING).
    """
    matches = _keyword_index(catalogue).find(_stems(tokens))
    if not matches:
        return None
    scores: dict[str, tuple[int, int, int]] = {}
    words: dict[str, str] = {}
    places: dict[str, int] = {}
    for start, end, types in matches:
        if _denied(tokens, start):
            continue
        for code, weight in types:
            if (
                harmless
                and catalogue.get(code).hazards
                and not harmless.isdisjoint(range(start, end))
            ):
                continue
            if not weight:
                places[code] = places.get(code, 0) + end - start
                continue
            length = (end - start) * weight
            total, longest, first = scores.get(code, (0, 0, -start))
            scores[code] = (total + length, max(longest, length), first)
            if length >= longest:
                words[code] = " ".join(tokens[start:end])
    if not scores:
        return None
    for code, extra in places.items():
        if code in scores:
            total, longest, first = scores[code]
            scores[code] = (total + extra, longest, first)
    best = max(scores, key=scores.__getitem__)
    return best, words[best]


def infer_type(
    catalogue: Catalogue,
    text: str,
    tokens: tuple[str, ...] | None = None,
    harmless: frozenset[int] = frozenset(),
) -> TypeMatch | None:
    """Read a type from free text (or its tokens, if already read), or None when nothing matches."""
    if tokens is None:
        inferred = _infer_code(catalogue, text)
    else:
        inferred = _infer_code_from_tokens(catalogue, tokens, harmless)
    if inferred is None:
        return None
    incident = catalogue.get(inferred[0])
    return TypeMatch(incident, incident.category, incident.hazards, "words", inferred[1])


@lru_cache(maxsize=16384)
def _resolve_call_type(profile: Profile, call_type: str, source: str | None) -> TypeMatch | None:
    """The type a call-type string names: code or name, alias, or its own words."""
    catalogue = profile.catalogue
    # The agency's own map knows its strings best ("Court" there may be an officer status, not
    # the catalogue's COURT), so with a named source it comes before catalogue names.
    aliased = profile.alias(call_type, source) if source else None
    direct = catalogue.lookup(call_type) if aliased is None else None
    if direct is not None:
        return TypeMatch(direct, direct.category, direct.hazards, "catalogue", call_type)
    if aliased is None:
        aliased = profile.alias(call_type, source)
    if aliased is not None:
        entry, map_name = aliased
        incident = catalogue.get(entry.incident_type)
        hazards = tuple(dict.fromkeys(incident.hazards + entry.hazards))
        return TypeMatch(
            incident, entry.category or incident.category, hazards, f"alias:{map_name}", call_type
        )
    from_type_words = infer_type(catalogue, call_type)
    if from_type_words is None:
        return None
    return TypeMatch(
        from_type_words.incident,
        from_type_words.category,
        from_type_words.hazards,
        "call type words",
        from_type_words.words,
    )


def resolve_type(
    profile: Profile,
    call_type: str | None,
    narrative: str | None,
    source: str | None = None,
    narrative_tokens: tuple[str, ...] | None = None,
    harmless: frozenset[int] = frozenset(),
) -> TypeMatch:
    """The incident type of a call: its code or alias first, then its words; else UNCLASSIFIED."""
    if call_type and call_type.strip():
        named = _resolve_call_type(profile, call_type, source)
        if named is not None and named.how == "call type words" and narrative_tokens:
            # An unknown call-type string is only a hint; read it with the narrative, its own
            # words counted twice.
            hint = read_tokens(call_type)[0]
            both = infer_type(
                profile.catalogue,
                "",
                (*hint, CLAUSE_BREAK, *hint, CLAUSE_BREAK, *narrative_tokens),
            )
            if both is not None:
                return TypeMatch(
                    both.incident, both.category, both.hazards, "call type words", both.words
                )
        if named is not None and named.incident.code in CATCH_ALL_TYPES and narrative_tokens:
            # A catch-all type ("FOLLOW UP" -> ADMIN) says little; a narrative that names a
            # type says more. Hazards still come from both.
            told = infer_type(profile.catalogue, "", narrative_tokens, harmless)
            if told is not None and told.incident.code not in CATCH_ALL_TYPES:
                hazards = tuple(dict.fromkeys(named.hazards + told.hazards))
                return TypeMatch(told.incident, told.category, hazards, told.how, told.words)
        if named is not None:
            return named
    if narrative and narrative.strip():
        from_narrative = infer_type(profile.catalogue, narrative, narrative_tokens, harmless)
        if from_narrative is not None:
            return from_narrative
    return TypeMatch(UNCLASSIFIED_TYPE, _UNCLASSIFIED, (), "none", call_type or "")
