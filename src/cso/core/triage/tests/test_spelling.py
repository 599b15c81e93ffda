"""The slip reader finds exactly the target a plain edit-by-edit comparison finds.

`correct` looks slips up in an index for speed; the reference here compares the word with
every target one by one, as the rule in spelling.py's docstring reads.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cso.core.triage.lexicon import NOT_TYPOS
from cso.core.triage.spelling import MIN_SUBSTITUTION_LENGTH, _vocabulary, correct


def _one_slip(word: str, target: str, substitution: bool) -> bool:
    if word[0] != target[0] or word == target:
        return False
    if len(word) == len(target):
        diffs = [i for i in range(len(word)) if word[i] != target[i]]
        if substitution and len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == target[diffs[1]]
            and word[diffs[1]] == target[diffs[0]]
        )
    shorter, longer = sorted((word, target), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer)))


def _reference_correct(word: str) -> str | None:
    known, targets = _vocabulary()
    if len(word) < 5 or word in known or not word.isalpha():
        return None
    for target, is_hazard in targets.get(word[0], ()):
        substitution = not is_hazard and len(target) >= MIN_SUBSTITUTION_LENGTH
        if _one_slip(word, target, substitution):
            return target
    return None


_TARGETS = sorted(target for group in _vocabulary()[1].values() for target, _ in group)


@st.composite
def _slipped_targets(draw: st.DrawFn) -> str:
    letters = list(draw(st.sampled_from(_TARGETS)))
    position = draw(st.integers(0, len(letters) - 1))
    letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    slip = draw(st.sampled_from(["insert", "delete", "swap", "replace"]))
    if slip == "insert":
        letters.insert(position, letter)
    elif slip == "delete":
        del letters[position]
    elif slip == "swap" and position + 1 < len(letters):
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    else:
        letters[position] = letter
    return "".join(letters)


@settings(max_examples=3000, deadline=None)
@given(_slipped_targets())
def test_correct_agrees_with_edit_by_edit_comparison(word: str) -> None:
    expected = None if word in NOT_TYPOS else _reference_correct(word)
    assert correct(word) == expected


def test_slips_are_read_as_the_word_meant() -> None:
    assert correct("wepaon") == "weapon"  # swapped neighbours
    assert correct("weaponn") == "weapon"  # one letter too many
    assert correct("suspcet") == "suspect"
    assert correct("vandalsim") == "vandalism"
    assert correct("abandoxed") == "abandoned"  # wrong letter in a long non-hazard word


def test_first_letter_and_short_words_are_never_corrected() -> None:
    assert correct("xeapon") is None
    assert correct("gunn") is None


def test_the_paired_word_rules_words_are_read_as_they_stand() -> None:
    """ "swaying" beside a car is a sign of a drunk driver, not a slip of "saying"."""
    assert correct("swaying") is None
    assert correct("staggering") is None
