"""A speed-up must not change one decision: compare every decision with a recorded snapshot.

Before changing the engine for speed, record the decisions of a large, varied set of calls
(the benchmark's narratives, every case and blind-set call under every profile, and variants
of them with typos, shorthand, punctuation and odd characters) outside the repository:

    .venv/bin/python -m cso.core.triage.tests.test_decisions_unchanged --record /tmp/before.jsonl

then, after each change, compare (the test is skipped when no snapshot is named):

    CSO_TRIAGE_SNAPSHOT=/tmp/before.jsonl .venv/bin/pytest src/cso/core/triage -q -k unchanged

The snapshot is a few tens of megabytes and is not kept in the repository; the calls are
rebuilt from a fixed seed, and each line keeps its call too, so a drift in the set shows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cso.core.policy import available_profiles, load_profile
from cso.core.policy.profile import Profile
from cso.core.triage import triage
from cso.core.triage.lexicon import (
    COLD_PHRASES,
    HAZARD_PHRASES,
    HOT_PHRASES,
    HOT_VERBS,
    NEGATION_AFTER,
    NEGATION_BEFORE,
    NOT_TYPOS,
    PRESENCE_PHRASES,
    PROGRESSIVE_MARKERS,
    SAFE_CONTEXT,
    TOGETHER,
)
from cso.core.triage.text import NUMBER_WORDS, SHORTHAND
from cso.core.types import Call, ScreeningQuestion

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parents[4]
BENCHMARK = REPO / "benchmarks" / "triage.py"
SHARED = Path(os.environ.get("CSO_SHARED", REPO.parent / "shared"))
SEED = 7
BENCHMARK_CALLS = 100_000
# The benchmark's calls also run under every other profile, this many of them.
BENCHMARK_CALLS_PER_OTHER_PROFILE = 20_000
LEXICON_SALADS = 40_000
RANDOM_TEXTS = 5_000

# One call to decide: (profile id, source, call type, narrative, answers).
Sample = tuple[str, str | None, str | None, str | None, dict[str, bool]]


def _benchmark_calls() -> list[tuple[str | None, str | None, str]]:
    """(call type, narrative, source) of every call the benchmark builds for its seed."""
    if not BENCHMARK.is_file() or not (SHARED / "data").is_dir():
        return []
    spec = importlib.util.spec_from_file_location("triage_benchmark", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build_calls(SHARED, BENCHMARK_CALLS, SEED)
    return [(call.call_type, call.narrative, source) for call, source in built]


def _written_calls() -> list[tuple[str | None, str | None, dict[str, bool]]]:
    """Every case and blind-set call: (call type, narrative, answers)."""
    paths = sorted((TESTS / "cases").glob("*.jsonl")) + sorted((TESTS / "blind").rglob("*.jsonl"))
    calls = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                calls.append((row.get("call_type"), row.get("narrative"), row.get("answers", {})))
    return calls


def _typo(rng: random.Random, word: str) -> str:
    """One slip: a letter dropped, doubled, swapped with the next, or replaced."""
    if len(word) < 3:
        return word
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at] + word[at:]
    if kind == 2:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + rng.choice("aeioustrnl") + word[at + 1 :]


_ODD_BITS = [
    ", ",
    ". ",
    "; ",
    "! ",
    "? ",
    "\n",
    " w/ ",
    " w/o ",
    " b/c ",
    " <5 ",
    " < 30 ",
    "\u2019s ",
    "\u00a0",
    " 10-16 ",
    " 273.5 ",
    " 5150 ",
    " (x3) ",
    " -- ",
    " 's ",
    " don't ",
    " he's ",
    " clerk's ",
    " | ",
    " but ",
    " 30 min ago ",
    " 2 hrs ago ",
    " 14 yo ",
    " age 9 ",
    " she is ten ",
    " turned 12 ",
    "...",
    " _ ",
    " 1/2 ",
    " é ",
    " ½ ",
]


def _variants(rng: random.Random, narrative: str) -> list[str]:
    """The narrative with typos, in capitals, with odd punctuation and shorthand mixed in."""
    words = narrative.split()
    typoed = " ".join(_typo(rng, w) if rng.random() < 0.3 else w for w in words)
    mixed = " ".join(w + rng.choice(_ODD_BITS) if rng.random() < 0.25 else w for w in words)
    shuffled = words[:]
    rng.shuffle(shuffled)
    return [typoed, narrative.upper(), mixed, " ".join(shuffled), narrative.replace(" ", ", ")]


def _lexicon_words() -> list[str]:
    """Every phrase and word the screen knows, with shorthand and number words."""
    phrases = [p for group in HAZARD_PHRASES.values() for p in group]
    phrases += [*SAFE_CONTEXT, *NEGATION_BEFORE, *NEGATION_AFTER, *COLD_PHRASES, *HOT_PHRASES]
    phrases += [*PRESENCE_PHRASES, *HOT_VERBS, *PROGRESSIVE_MARKERS, *NOT_TYPOS]
    phrases += [w for rule in TOGETHER for w in (*rule[1], *rule[2])]
    phrases += [*SHORTHAND, *NUMBER_WORDS, "year old", "yo", "ago", "minutes", "hours"]
    return sorted(set(phrases))


def _salad(rng: random.Random, known: list[str], filler: list[str]) -> str:
    """A few lexicon phrases and ordinary words, some misspelt, with breaks between."""
    parts = []
    for _ in range(rng.randrange(1, 9)):
        word = rng.choice(known) if rng.random() < 0.6 else rng.choice(filler)
        if rng.random() < 0.1:
            word = _typo(rng, word)
        if rng.random() < 0.3:
            word = word.upper()
        parts.append(word + (rng.choice(_ODD_BITS) if rng.random() < 0.3 else " "))
    return "".join(parts)


def _random_text(rng: random.Random) -> str:
    """Any characters, as the property tests draw them."""
    alphabet = "abcdefghijklmnopqrstuvwxyz ABC.,;!?|/<'-_0123456789\n\t\u2019\u00a0éß½İ\u0301"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))


def samples() -> Iterator[Sample]:
    """The calls whose decisions the snapshot keeps, in a fixed order."""
    rng = random.Random(SEED)
    profiles = available_profiles()
    bench = _benchmark_calls()
    for index, (call_type, narrative, source) in enumerate(bench):
        yield "stockton", source, call_type, narrative, {}
        if index < BENCHMARK_CALLS_PER_OTHER_PROFILE:
            for other in profiles:
                if other != "stockton":
                    yield other, source, call_type, narrative, {}
    written = _written_calls()
    call_types = sorted({t for t, _, _ in written if t} | {t for t, _, _ in bench[:5000] if t})
    narratives = [n for _, n, _ in written if n]
    for call_type, narrative, answers in written:
        for profile in profiles:
            yield profile, None, call_type, narrative, answers
            yield profile, None, None, narrative, {}
            yield profile, None, call_type, None, {}
    for narrative in narratives:
        profile = rng.choice(profiles)
        call_type = rng.choice([None, rng.choice(call_types)])
        for variant in _variants(rng, narrative):
            yield profile, None, call_type, variant, {}
        yield profile, None, call_type, f"{narrative} {rng.choice(narratives)}", {}
    known = _lexicon_words()
    filler = sorted({w for n in narratives for w in n.lower().split()})
    questions = [q.value for q in ScreeningQuestion]
    for _ in range(LEXICON_SALADS):
        answers = {q: rng.random() < 0.5 for q in questions if rng.random() < 0.15}
        call_type = rng.choice([None, None, rng.choice(call_types), _salad(rng, known, filler)])
        yield rng.choice(profiles), None, call_type, _salad(rng, known, filler), answers
    for _ in range(RANDOM_TEXTS):
        yield (
            rng.choice(profiles),
            None,
            rng.choice([None, _random_text(rng)]),
            _random_text(rng),
            {},
        )


def decide(sample: Sample, loaded: dict[str, Profile]) -> dict[str, object]:
    """The line the snapshot keeps for one call: the call and its decision."""
    profile_id, source, call_type, narrative, answers = sample
    if profile_id not in loaded:
        loaded[profile_id] = load_profile(profile_id)
    call = Call(call_type, narrative, {ScreeningQuestion(k): v for k, v in answers.items()})
    decision = triage(call, loaded[profile_id], source)
    return {"call": list(sample), "decision": decision.as_dict()}


def record(path: Path) -> int:
    """Write the snapshot; returns how many calls it holds."""
    loaded: dict[str, Profile] = {}
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for sample in samples():
            out.write(json.dumps(decide(sample, loaded), ensure_ascii=False) + "\n")
            count += 1
    return count


SNAPSHOT = os.environ.get("CSO_TRIAGE_SNAPSHOT")


@pytest.mark.skipif(not SNAPSHOT, reason="no snapshot named (set CSO_TRIAGE_SNAPSHOT)")
def test_every_decision_matches_the_snapshot() -> None:
    assert SNAPSHOT
    loaded: dict[str, Profile] = {}
    differences: list[str] = []
    count = changed = 0
    with Path(SNAPSHOT).open(encoding="utf-8") as recorded:
        for sample, line in zip(samples(), recorded, strict=True):
            count += 1
            expected = json.loads(line)
            got = json.loads(json.dumps(decide(sample, loaded), ensure_ascii=False))
            if got == expected:
                continue
            changed += 1
            if len(differences) < 20:
                differences.append(f"{expected['call']}\n  was {expected['decision']}")
                differences[-1] += f"\n  now {got['decision']}"
    assert not changed, f"{changed} of {count} decisions changed:\n" + "\n".join(differences)
    assert count > 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Record the decision snapshot.")
    parser.add_argument("--record", type=Path, required=True, help="the snapshot file to write")
    args = parser.parse_args()
    print(f"{record(args.record):,} decisions written to {args.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
