"""The unit status state machine: the statuses, the allowed moves, and transition()."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType


class UnitStatus(StrEnum):
    """Where a unit stands in its shift."""

    AVAILABLE = "available"
    EN_ROUTE = "en_route"
    ON_SCENE = "on_scene"
    TRANSPORTING = "transporting"
    # A CSO who asked for a sworn officer waits at a safe distance until one arrives.
    STANDING_BY = "standing_by"
    OUT_OF_SERVICE = "out_of_service"
    OFF_DUTY = "off_duty"

    @property
    def label(self) -> str:
        """The words a dispatcher reads on the board."""
        return _LABELS[self]


_LABELS = {
    UnitStatus.AVAILABLE: "Available",
    UnitStatus.EN_ROUTE: "En route",
    UnitStatus.ON_SCENE: "On scene",
    UnitStatus.TRANSPORTING: "Transporting",
    UnitStatus.STANDING_BY: "Standing by (safe distance)",
    UnitStatus.OUT_OF_SERVICE: "Out of service",
    UnitStatus.OFF_DUTY: "Off duty",
}


class UnitKind(StrEnum):
    """Who works the unit: a civilian Community Service Officer or a sworn officer."""

    CSO = "cso"
    SWORN = "sworn"


_S = UnitStatus
TRANSITIONS: Mapping[UnitStatus, frozenset[UnitStatus]] = MappingProxyType(
    {
        _S.OFF_DUTY: frozenset({_S.AVAILABLE}),
        # Straight to on scene: self-initiated work, or flagged down in the street.
        _S.AVAILABLE: frozenset({_S.EN_ROUTE, _S.ON_SCENE, _S.OUT_OF_SERVICE, _S.OFF_DUTY}),
        # Standing by from en route: the call turned out to need a sworn officer before arrival.
        _S.EN_ROUTE: frozenset({_S.ON_SCENE, _S.AVAILABLE, _S.STANDING_BY, _S.OUT_OF_SERVICE}),
        _S.ON_SCENE: frozenset({_S.TRANSPORTING, _S.AVAILABLE, _S.STANDING_BY}),
        _S.TRANSPORTING: frozenset({_S.ON_SCENE, _S.AVAILABLE}),
        # Back on scene once the sworn officer has arrived and the CSO assists.
        _S.STANDING_BY: frozenset({_S.ON_SCENE, _S.AVAILABLE}),
        _S.OUT_OF_SERVICE: frozenset({_S.AVAILABLE, _S.OFF_DUTY}),
    }
)

BUSY_STATUSES: frozenset[UnitStatus] = frozenset(
    {_S.EN_ROUTE, _S.ON_SCENE, _S.TRANSPORTING, _S.STANDING_BY}
)
ASSIGNABLE_STATUSES: frozenset[UnitStatus] = frozenset({_S.AVAILABLE})

ILLEGAL_TRANSITION = (
    "A unit that is {current} cannot go to {target}; from {current} it can go to: {allowed}."
)
ALREADY_IN_STATUS = "The unit is already {current}; from {current} it can go to: {allowed}."


def allowed_targets(current: UnitStatus) -> tuple[UnitStatus, ...]:
    """The statuses a unit may move to from `current`, in the order the enum declares them."""
    return tuple(status for status in UnitStatus if status in TRANSITIONS[current])


# The name reads as what happened ("an illegal transition"), as the callers already spell it.
class IllegalTransition(ValueError):  # noqa: N818
    """A status change the state machine refuses; the message says what is allowed instead."""

    def __init__(self, current: UnitStatus, target: UnitStatus) -> None:
        self.current = current
        self.target = target
        template = ALREADY_IN_STATUS if current == target else ILLEGAL_TRANSITION
        allowed = ", ".join(status.label for status in allowed_targets(current))
        super().__init__(
            template.format(current=current.label, target=target.label, allowed=allowed)
        )


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One accepted move of the state machine, stamped with the time it was made."""

    from_status: UnitStatus
    to_status: UnitStatus
    at: datetime


def transition(current: UnitStatus, target: UnitStatus, now: datetime) -> StatusChange:
    """Move a unit from `current` to `target` at `now`, or raise IllegalTransition."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)
    return StatusChange(from_status=current, to_status=target, at=now)
