"""Unit skills, and the skills a call needs judged from its incident type and narrative."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

BILINGUAL = "bilingual"
FINGERPRINTING = "fingerprinting"
CAR_SEAT_TECHNICIAN = "car_seat_technician"
CPR = "cpr"
LEADS = "leads"

SKILLS: Mapping[str, str] = MappingProxyType(
    {
        BILINGUAL: "Bilingual",
        FINGERPRINTING: "Fingerprinting",
        CAR_SEAT_TECHNICIAN: "Car seat technician",
        CPR: "CPR",
        LEADS: "LEADS terminal certification",
    }
)

# The words a reason uses after "has" and "lacks".
_SKILL_NOUNS: Mapping[str, str] = MappingProxyType(
    {
        BILINGUAL: "bilingual skills",
        FINGERPRINTING: "fingerprinting",
        CAR_SEAT_TECHNICIAN: "car seat technician certification",
        CPR: "CPR certification",
        LEADS: "LEADS certification",
    }
)

# Incident type codes from cso/core/policy/catalogue.csv.
_INCIDENT_SKILLS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "FINGERPRINT": frozenset({FINGERPRINTING}),
        "CARSEAT": frozenset({CAR_SEAT_TECHNICIAN}),
    }
)

_LANGUAGES = (
    r"spanish|espanol|vietnamese|mandarin|cantonese|chinese|korean|arabic|russian|somali|hmong"
    r"|tagalog|portuguese|haitian creole|creole|polish|ukrainian|farsi|punjabi|hindi|french"
)
_NOT = r"(?:don'?t|doesn'?t|didn'?t|can'?t|cannot|can not|do not|does not|did not)"
_LANGUAGE_NEED = re.compile(
    r"\b(?:"
    r"spanish|espanol|habla|hablo|hablan"
    r"|no english|non[- ]?english|(?:little|limited|broken|poor|minimal) english"
    rf"|{_NOT} (?:speak|understand) (?:\w+ )?english"
    r"|interpret(?:er|ers|ing|ation)?|translat(?:e|or|ors|ion|ing)"
    r"|speaks? only|only speaks?|language barrier|language line"
    rf"|(?:speaks?|speaking) (?:only )?(?:{_LANGUAGES})"
    rf"|(?:{_LANGUAGES})[- ](?:speaking|speaker|speakers|only)"
    r")\b"
)
# A call-taker who writes that no interpreter is needed has already judged the language need,
# even when the narrative also names the caller's language.
_NO_LANGUAGE_NEED = re.compile(
    r"\b(?:no|without an?) (?:interpreter|translator)s? (?:is |are )?"
    r"(?:needed|required|necessary)\b"
    r"|\b(?:interpreter|translator)s? (?:is |are )?not (?:needed|required|necessary)\b"
    r"|\b(?:interpreter|translator)s? (?:isn'?t|aren'?t) (?:needed|required|necessary)\b"
    rf"|\b{_NOT} need an? (?:interpreter|translator)\b"
)


def skill_noun(code: str) -> str:
    """How a reason names a skill after 'has' or 'lacks'; unknown codes read as words."""
    return _SKILL_NOUNS.get(code, code.replace("_", " "))


def skill_order(codes: Iterable[str]) -> list[str]:
    """Skills in the order SKILLS lists them, any unknown codes after, alphabetically."""
    known = list(SKILLS)
    return sorted(
        codes, key=lambda code: (known.index(code) if code in SKILLS else len(known), code)
    )


def _fold(text: str) -> str:
    # Accents folded so "español" and "inglés" match however the call-taker typed them.
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def needs_language_help(narrative: str) -> bool:
    """Whether the narrative says the caller needs someone who speaks their language."""
    text = _fold(narrative)
    if _NO_LANGUAGE_NEED.search(text):
        return False
    return _LANGUAGE_NEED.search(text) is not None


def skills_for_incident(incident_type: str, narrative: str | None) -> frozenset[str]:
    """The skills a unit needs for this call: from the incident type and the narrative."""
    needed = set(_INCIDENT_SKILLS.get(incident_type.strip().upper(), frozenset()))
    if narrative and needs_language_help(narrative):
        needed.add(BILINGUAL)
    return frozenset(needed)
