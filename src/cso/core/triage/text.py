"""Turning CAD text into tokens: case, punctuation, shorthand and police codes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

Payload = TypeVar("Payload")

# Clause breaks end the reach of a negation ("no weapons seen. man has a knife").
CLAUSE_BREAK = "|"
_TOKEN = re.compile(r"[^\W_]+(?:[.-]\d+)*(?:'[^\W_]+)?|[.;!?|]")
_SLASH_WORDS = re.compile(r"\bw/o\b|\bw/(?=\s|[a-z])|\bb/c\b|\bs/b\b|\bn/b\b|\bs/w\b")
_SLASH_EXPANSION = {
    "w/o": " without ",
    "w/": " with ",
    "b/c": " because ",
    "s/b": " southbound ",
    "n/b": " northbound ",
    "s/w": " southwest ",
}
_LESS_THAN = re.compile(r"<\s*(\d+)")
# Marks that break a clause, replaced in this order by " | ". ". " ends a sentence; a dot inside
# a number ("273.5") does not.
_BREAK_MARKS = (",", "\n", ". ", ";", "?", "!")

# CAD shorthand read as the words it stands for.
SHORTHAND: dict[str, tuple[str, ...]] = {
    "susp": ("suspect",),
    "susps": ("suspects",),
    "sus": ("suspect",),
    "veh": ("vehicle",),
    "vehs": ("vehicles",),
    "rp": ("caller",),
    "wc": ("welfare", "check"),
    "burg": ("burglary",),
    "pvt": ("private",),
    "yoa": ("years", "old"),
    "nite": ("night",),
    "tonite": ("tonight",),
    "yo": ("years", "old"),
    "y/o": ("years", "old"),
    "rps": ("caller",),
    "comp": ("caller",),
    "compl": ("caller",),
    "goa": ("gone", "on", "arrival"),
    "unk": ("unknown",),
    "wpn": ("weapon",),
    "wpns": ("weapons",),
    "weap": ("weapon",),
    "inj": ("injury",),
    "injs": ("injuries",),
    "ip": ("in", "progress"),
    "dv": ("domestic",),
    "bf": ("boyfriend",),
    "gf": ("girlfriend",),
    "juv": ("juvenile",),
    "juvs": ("juveniles",),
    "subj": ("subject",),
    "subjs": ("subjects",),
    "neg": ("negative",),
    "hx": ("history",),
    "mh": ("mental", "health"),
    "etoh": ("intoxicated",),
    "intox": ("intoxicated",),
    "lic": ("license",),
    "plt": ("plate",),
    "prop": ("property",),
    "apt": ("apartment",),
    "bldg": ("building",),
    "res": ("residence",),
    "occ": ("occurred",),
    "approx": ("about",),
    "hrs": ("hours",),
    "hr": ("hour",),
    "mins": ("minutes",),
    "min": ("minutes",),
    "yest": ("yesterday",),
    "yday": ("yesterday",),
    "lnu": ("unknown",),
    "dob": ("born",),
    "ofc": ("officer",),
    "ofcr": ("officer",),
    "pd": ("police",),
    "fd": ("fire", "department"),
    "ems": ("ems",),
    "ppty": ("property",),
    "mva": ("accident",),
    "mvc": ("accident",),
    "tc": ("accident",),
    "pdo": ("property", "damage", "only"),
    "acc": ("accident",),
    "lft": ("left",),
    "poss": ("possible",),
    "fem": ("female",),
    "wm": ("male",),
    "bm": ("male",),
    "hm": ("male",),
    "wf": ("female",),
    "bfem": ("female",),
    "hf": ("female",),
    "nfd": ("nothing", "further"),
    "nfi": ("nothing", "further"),
    "aoa": ("area",),
    "adv": ("advised",),
    "advs": ("advises",),
    "req": ("requests",),
    "reqs": ("requests",),
    "ref": ("regarding",),
    "re": ("regarding",),
    "ppl": ("people",),
    "hse": ("house",),
    "hd": ("head",),
    "lp": ("license", "plate"),
    "lo": ("locked", "out"),
    "dk": ("drunk",),
    "dks": ("drunk",),
    # Police radio and penal codes common in CAD narratives.
    "10-10": ("fight",),
    "10-15": ("in", "custody"),
    "10-16": ("domestic",),
    "10-31": ("in", "progress"),
    "10-32": ("gun",),
    "10-50": ("accident",),
    "10-52": ("ambulance",),
    "10-55": ("drunk", "driver"),
    "10-57": ("hit", "and", "run"),
    "10-71": ("shooting",),
    "10-80": ("pursuit",),
    "10-90": ("alarm",),
    "10-91": ("animal",),
    "187": ("homicide",),
    "207": ("kidnap",),
    "211": ("robbery",),
    "242": ("battery",),
    "245": ("assault", "with", "weapon"),
    "246": ("shooting",),
    "261": ("rape",),
    "273.5": ("domestic", "violence"),
    "415": ("disturbance",),
    "417": ("brandishing",),
    "459": ("burglary",),
    "484": ("theft",),
    "487": ("theft",),
    "488": ("theft",),
    "594": ("vandalism",),
    "5150": ("psychiatric", "hold"),
    "10851": ("stolen", "vehicle"),
    "530.5": ("identity", "theft"),
    "470": ("forgery",),
    "476": ("bad", "check"),
    "532": ("fraud",),
    "602": ("trespass",),
    "243": ("battery",),
    "422": ("threats",),
    "646.9": ("stalking",),
    "166": ("restraining", "order"),
    "148": ("resisting",),
    "11550": ("under", "the", "influence"),
    "12020": ("weapon",),
    "25850": ("loaded", "firearm"),
    "20002": ("hit", "and", "run"),
    "10852": ("vehicle", "tampering"),
    "23152": ("drunk", "driver"),
    "22500": ("parking",),
    "22651": ("tow",),
}


# "'s" that means "is", kept; any other "'s" is a possessive and dropped ("clerk's" -> "clerk").
CONTRACTIONS = frozenset(
    {
        "he's",
        "she's",
        "it's",
        "that's",
        "there's",
        "what's",
        "who's",
        "someone's",
        "somebody's",
        "here's",
        "where's",
        "let's",
    }
)

# Words that become other words; clause-break punctuation and "but" become "|".
_REWRITES: dict[str, tuple[str, ...]] = {
    **SHORTHAND,
    **dict.fromkeys(".;!?", (CLAUSE_BREAK,)),
    "but": (CLAUSE_BREAK,),
}
_REWRITE_KEYS = frozenset(_REWRITES)
_ONE_WORD_REWRITES = {word: words[0] for word, words in _REWRITES.items() if len(words) == 1}
_MULTI_WORD_KEYS = _REWRITE_KEYS.difference(_ONE_WORD_REWRITES)
_BREAK_AND_SPACE = CLAUSE_BREAK.encode() + b" "


def _only_letters_digits_breaks(lowered: str) -> bool:
    """True when every character is a letter, a digit, "|" or a space (not for an empty text)."""
    if lowered.isascii():
        # str.isalnum looks each character up in the Unicode tables; for ASCII text the bytes
        # test gives the same answer several times faster.
        return lowered.encode().translate(None, _BREAK_AND_SPACE).isalnum()
    return lowered.replace(CLAUSE_BREAK, "").replace(" ", "").isalnum()


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-case word tokens with shorthand and codes expanded; clause breaks kept as '|'."""
    lowered = text.lower()
    for mark in _BREAK_MARKS:
        # Most marks are absent: looking is cheaper than a replace call.
        if mark in lowered:
            lowered = lowered.replace(mark, " | ")
    if "\u2019" in lowered or "\u00a0" in lowered:
        lowered = lowered.replace("\u00a0", " ").replace("\u2019", "'")
    if "/" in lowered:
        # " w/ " is by far the most common: as plain text it spares most calls the pattern (the
        # pattern gives it the same words, and the spaces kept around it keep its neighbours').
        lowered = lowered.replace(" w/ ", "  with  ")
        if "/" in lowered:
            lowered = _SLASH_WORDS.sub(lambda m: _SLASH_EXPANSION[m.group(0).rstrip()], lowered)
    if "<" in lowered:
        lowered = _LESS_THAN.sub(r" less than \1 ", lowered)
    lowered = lowered.rstrip(". ")
    words = lowered.split()
    if _only_letters_digits_breaks(lowered):
        # Most narratives are plain words and clause breaks with no shorthand: the words are
        # the tokens.
        if _REWRITE_KEYS.isdisjoint(words):
            while words and words[-1] == CLAUSE_BREAK:
                words.pop()
            return tuple(words)
        if CLAUSE_BREAK not in text:
            # Every "|" was put in above, as a word of its own, so no word needs the token
            # pattern: only shorthand is rewritten.
            if _MULTI_WORD_KEYS.isdisjoint(words):
                words = list(map(_ONE_WORD_REWRITES.get, words, words))
            else:
                words = [token for word in words for token in _REWRITES.get(word, (word,))]
            while words and words[-1] == CLAUSE_BREAK:
                words.pop()
            return tuple(words)
    # Splitting on white space is several times faster than the token pattern; only a word
    # holding other characters (a dot, hyphen, apostrophe, bracket) goes through the pattern.
    out: list[str] = []
    append, extend, rewrite = out.append, out.extend, _REWRITES.get
    for word in words:
        if word.isalnum() or word == CLAUSE_BREAK:
            expansion = rewrite(word)
            if expansion is None:
                append(word)
            else:
                extend(expansion)
            continue
        for token in _TOKEN.findall(word):
            if token.endswith("'s") and token not in CONTRACTIONS:
                token = token[:-2]
            expansion = rewrite(token)
            if expansion is None:
                append(token)
            else:
                extend(expansion)
    while out and out[-1] == CLAUSE_BREAK:
        out.pop()
    return tuple(out)


_AGE_AFTER = {("year", "old"), ("years", "old"), ("yr", "old"), ("yrs", "old")}
MAX_HUMAN_AGE = 120
# Words just before a number that make it an age: digits after any of these ("turned 12"),
# number words only after these or "is" ("she is ten", where "is 10 feet" would mislead).
_AGE_BEFORE = frozenset({"age", "aged", "turned", "she's", "he's"})
_AGE_BEFORE_WORDS = _AGE_BEFORE | {"is"}
# Any of these in a call means it may state an age; without them stated_ages finds none.
AGE_CUES = _AGE_BEFORE_WORDS | {"old"}


NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def number_of(token: str) -> int | None:
    """A token as a whole number: digits ("14") or a word ("fourteen", "forty")."""
    if token.isdecimal():
        return int(token)
    return NUMBER_WORDS.get(token)


def stated_ages(tokens: tuple[str, ...]) -> tuple[int, ...]:
    """Ages a call states: "14 year old", "14 yo", "age 14", "aged 14", "she is ten"."""
    ages = []
    for i, token in enumerate(tokens):
        value = number_of(token)
        if value is None or value > MAX_HUMAN_AGE:
            continue
        if not token.isdecimal():
            # A number word is an age only right after "is", "she's", "turned" and the like.
            if (tokens[i - 1] if i else "") in _AGE_BEFORE_WORDS:
                ages.append(value)
            continue
        after = tuple(tokens[i + 1 : i + 3])
        before = tokens[i - 1] if i else ""
        if after in _AGE_AFTER or before in _AGE_BEFORE:
            ages.append(value)
    return tuple(ages)


# A phrase found at token positions [start, end), with what it means.
Match = tuple[int, int, Payload]


class PhraseIndex(Generic[Payload]):
    """Finds the longest listed phrase at each position of a token sequence (a word trie)."""

    # The key under which a trie node keeps the payload of the phrase ending there; no token
    # is empty, so it cannot clash with a word.
    _END = ""

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}

    def add(self, phrase: str | Sequence[str], payload: Payload) -> None:
        """Register a phrase (text is tokenized the same way calls are); the first payload wins."""
        tokens = tokenize(phrase) if isinstance(phrase, str) else tuple(phrase)
        tokens = tuple(t for t in tokens if t != CLAUSE_BREAK)
        if not tokens:
            return
        node = self._root
        for token in tokens:
            node = node.setdefault(token, {})
        node.setdefault(self._END, payload)

    def add_all(self, phrases: Iterable[str], payload: Payload) -> None:
        """Register several phrases with one payload."""
        for phrase in phrases:
            self.add(phrase, payload)

    def find(self, tokens: tuple[str, ...]) -> list[Match[Payload]]:
        """All longest matches, left to right; a match may not overlap the one before it."""
        root, end_key = self._root, self._END
        found: list[Match[Payload]] = []
        count = len(tokens)
        position = 0
        for start, token in enumerate(tokens):
            if token not in root or start < position:
                continue
            # The node of the longest phrase seen so far, and where that phrase ends (0: none).
            node = matched = root[token]
            matched_end = start + 1 if end_key in node else 0
            cursor = start + 1
            while cursor < count:
                node = node.get(tokens[cursor])
                if node is None:
                    break
                cursor += 1
                if end_key in node:
                    matched_end, matched = cursor, node
            if matched_end:
                found.append((start, matched_end, matched[end_key]))
                position = matched_end
        return found
