"""The bridge from a call on the form to the core's triage: the agency profile, read once."""

from __future__ import annotations

from django.conf import settings

from cso.core.policy.loader import load_profile
from cso.core.policy.profile import Profile
from cso.core.triage.engine import triage
from cso.core.types import Call, Decision, ScreeningQuestion


def agency_profile() -> Profile:
    """The agency's profile (read once per id by the loader's own cache)."""
    return load_profile(settings.CSO_PROFILE)


def decide(
    *, call_type: str, narrative: str, answers: dict[str, bool | None], profile: Profile
) -> Decision:
    """The triage decision for what the call-taker has entered so far."""
    known = {ScreeningQuestion(k): v for k, v in answers.items() if v is not None}
    return triage(
        Call(call_type=call_type or None, narrative=narrative or None, answers=known), profile
    )
