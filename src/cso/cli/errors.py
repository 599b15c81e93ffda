"""How the command line reports a bad policy file: one line, no stack trace."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import click

from cso.core.policy import PolicyError, load_profile
from cso.core.policy.profile import Profile

P = ParamSpec("P")
R = TypeVar("R")


def policy_errors_exit(function: Callable[P, R]) -> Callable[P, R]:
    """Turn a PolicyError into 'error: file:line: field: message' and exit status 2."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except PolicyError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def profile_or_exit(agency: str) -> Profile:
    """A shipped profile, or a clear error naming the ones that exist."""
    try:
        return load_profile(agency)
    except PolicyError as error:
        raise click.BadParameter(error.message, param_hint="--agency") from None
