"""The staffing model: calls wait for CSO or sworn units that work shifts.

A discrete-event simulation over minutes. Calls are routed before they arrive (see
`routing`): `cso` calls need a CSO, `cso_accompanied` calls a CSO and a sworn unit at
once, `sworn` calls a sworn unit, and `refer` calls leave. A dispatched unit travels, then
serves the call. A CSO call escalates, with a set probability, when the CSO reaches the
scene: the CSO finishes its own part and a sworn unit is dispatched to the call as well.

Units work fixed shifts. At a shift change the new shift's units come on duty; units of
the old shift finish the call they are on (overtime) and go home. Waiting calls are served
first come, first served by whichever kind of unit they need; a call is never held back for
one that needs a unit that is not free. All randomness is drawn per call before the run
(`draw_randomness`), so runs with different staffing see the same calls (common random
numbers) and differ only by staffing.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cso.sim.routing import CSO, CSO_ACCOMPANIED, REFER, SWORN, RoutedCalls

FloatArray = npt.NDArray[np.float64]

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 1440
# After the last arrival the shifts go on until every call is served, for at most a week:
# calls still waiting then (a kind of unit that never works) are reported as waiting.
DRAIN_MINUTES = 7 * MINUTES_PER_DAY
# Travel times are gamma distributed with shape 2: rarely near zero, unlike an exponential.
TRAVEL_SHAPE = 2.0

ERR_SHIFT_HOURS = (
    "shift hours must divide the 24-hour day (1, 2, 3, 4, 6, 8, 12 or 24), not {value}"
)
ERR_SHIFT_START = "shift start must be an hour from 0 to 23, not {value}"
ERR_COUNTS = (
    "{kind} per shift must be one count for every shift or one count for each of the "
    "{slots} shifts of the day, each a whole number of at least 0; got {value}"
)
ERR_TRAVEL = "travel minutes must be a finite number of at least 0, not {value}"
ERR_ESCALATION = "escalation probability must be between 0 and 1, not {value}"

CSO_UNIT, SWORN_UNIT = 0, 1
UNIT_KINDS = ("cso", "sworn")
# Waiting lines, one per kind of call; each holds (time queued, call, is an escalation).
LINE_CSO, LINE_ACCOMPANIED, LINE_SWORN = 0, 1, 2
LINE_OF_ROUTE = {CSO: LINE_CSO, CSO_ACCOMPANIED: LINE_ACCOMPANIED, SWORN: LINE_SWORN}
EVENT_SHIFT, EVENT_FREE, EVENT_ESCALATE = 0, 1, 2


@dataclass(frozen=True)
class Staffing:
    """Units on duty in each shift of the day, the first shift starting at `shift_start_hour`."""

    csos: tuple[int, ...]
    sworn: tuple[int, ...]
    shift_hours: int = 8
    shift_start_hour: int = 7

    def __post_init__(self) -> None:
        hours = self.shift_hours
        if isinstance(hours, bool) or not isinstance(hours, int) or hours < 1 or 24 % hours:
            raise ValueError(ERR_SHIFT_HOURS.format(value=hours))
        start = self.shift_start_hour
        if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start <= 23:
            raise ValueError(ERR_SHIFT_START.format(value=start))
        for kind, counts in (("CSOs", self.csos), ("sworn units", self.sworn)):
            whole = all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts)
            if not whole or len(counts) != self.slots:
                raise ValueError(ERR_COUNTS.format(kind=kind, slots=self.slots, value=counts))

    @property
    def slots(self) -> int:
        """Shifts in a day."""
        return 24 // self.shift_hours

    @classmethod
    def per_shift(
        cls, csos: tuple[int, ...], sworn: tuple[int, ...], shift_hours: int, shift_start_hour: int
    ) -> Staffing:
        """Staffing from counts given once for every shift or once per shift."""
        # A bad shift length is refused by __post_init__; any count of copies will do till then.
        slots = 24 // shift_hours if shift_hours > 0 else 1
        return cls(
            csos * slots if len(csos) == 1 else csos,
            sworn * slots if len(sworn) == 1 else sworn,
            shift_hours,
            shift_start_hour,
        )

    def with_csos(self, count: int) -> Staffing:
        """The same shifts with `count` CSOs on every shift that has CSOs (every shift if none)."""
        working = [c > 0 for c in self.csos] if any(self.csos) else [True] * self.slots
        csos = tuple(count if on else 0 for on in working)
        return Staffing(csos, self.sworn, self.shift_hours, self.shift_start_hour)


@dataclass(frozen=True)
class Scenario:
    """What a unit's call takes besides service: travel, and how often CSO calls escalate."""

    travel_minutes: float = 10.0
    escalation_probability: float = 0.05

    def __post_init__(self) -> None:
        if not (math.isfinite(self.travel_minutes) and self.travel_minutes >= 0):
            raise ValueError(ERR_TRAVEL.format(value=self.travel_minutes))
        if not 0.0 <= self.escalation_probability <= 1.0:
            raise ValueError(ERR_ESCALATION.format(value=self.escalation_probability))


@dataclass(frozen=True)
class Draws:
    """Per-call random numbers, standardized to mean 1 (uniform for escalation)."""

    service: FloatArray
    travel: FloatArray
    escalation: FloatArray
    sworn_travel: FloatArray
    sworn_service: FloatArray


def draw_randomness(calls: int, rng: np.random.Generator) -> Draws:
    """Draw every random number a run needs, so staffing cannot shift the streams."""
    return Draws(
        service=rng.standard_exponential(calls),
        travel=rng.gamma(TRAVEL_SHAPE, 1.0 / TRAVEL_SHAPE, calls),
        escalation=rng.random(calls),
        sworn_travel=rng.gamma(TRAVEL_SHAPE, 1.0 / TRAVEL_SHAPE, calls),
        sworn_service=rng.standard_exponential(calls),
    )


@dataclass(frozen=True)
class RunOutcome:
    """What happened to every call in one run; NaN marks a call no unit was sent to."""

    routes: npt.NDArray[np.int8]
    wait: FloatArray
    response: FloatArray
    escalated: npt.NDArray[np.bool_]
    escalation_wait: FloatArray
    escalation_response: FloatArray
    waiting_at_end: int
    escalations_waiting_at_end: int
    busy_minutes: tuple[float, float]
    on_duty_minutes: tuple[float, float]
    overtime_minutes: tuple[float, float]
    freed_minutes: float
    horizon_minutes: float


def on_duty_minutes(staffing: Staffing, horizon: float) -> tuple[float, float]:
    """Unit-minutes on duty within [0, horizon), CSOs and sworn."""
    length = staffing.shift_hours * MINUTES_PER_HOUR
    start_of_day = staffing.shift_start_hour * MINUTES_PER_HOUR
    totals = [0.0, 0.0]
    begin = _first_shift_start(staffing)
    while begin < horizon:
        slot = ((begin - start_of_day) // length) % staffing.slots
        overlap = min(begin + length, horizon) - max(begin, 0)
        totals[CSO_UNIT] += staffing.csos[slot] * overlap
        totals[SWORN_UNIT] += staffing.sworn[slot] * overlap
        begin += length
    return totals[CSO_UNIT], totals[SWORN_UNIT]


def _first_shift_start(staffing: Staffing) -> int:
    """The start of the shift on duty at minute 0 (at or before it)."""
    length = staffing.shift_hours * MINUTES_PER_HOUR
    offset = (staffing.shift_start_hour * MINUTES_PER_HOUR) % length
    return offset - length if offset else 0


def simulate_staffing(
    arrivals: FloatArray,
    calls: RoutedCalls,
    horizon: float,
    staffing: Staffing,
    scenario: Scenario,
    draws: Draws,
) -> RunOutcome:
    """Run one replication: every call from arrival to dispatch, travel and service."""
    n = len(calls)
    times = arrivals.tolist()
    routes = calls.routes.tolist()
    service = (draws.service * calls.service_means).tolist()
    travel = (draws.travel * scenario.travel_minutes).tolist()
    escalates = (
        (draws.escalation < scenario.escalation_probability) & (calls.routes == CSO)
    ).tolist()
    sworn_travel = (draws.sworn_travel * scenario.travel_minutes).tolist()
    sworn_service = (draws.sworn_service * calls.service_means).tolist()

    nan = math.nan
    wait, response = [nan] * n, [nan] * n
    escalation_wait, escalation_response = [nan] * n, [nan] * n
    escalated = [False] * n
    lines: tuple[deque[tuple[float, int, bool]], ...] = (deque(), deque(), deque())
    free = [0, 0]
    busy, overtime = [0.0, 0.0], [0.0, 0.0]
    events: list[tuple[float, int, int, int, int]] = []
    order = itertools.count()
    length = staffing.shift_hours * MINUTES_PER_HOUR
    start_of_day = staffing.shift_start_hour * MINUTES_PER_HOUR
    shift_id, shift_end = -1, 0.0
    pending_escalations = 0
    heapq.heappush(events, (float(_first_shift_start(staffing)), next(order), EVENT_SHIFT, 0, 0))

    def send(kind: int, now: float, end: float) -> None:
        free[kind] -= 1
        if now < horizon:
            busy[kind] += min(end, shift_end, horizon) - now
        if end > shift_end:
            overtime[kind] += end - shift_end
        heapq.heappush(events, (end, next(order), EVENT_FREE, kind, shift_id))

    def dispatch(now: float) -> None:
        nonlocal pending_escalations
        while True:
            # The longest-waiting call that a free unit can take goes next.
            best, best_time = -1, math.inf
            if free[CSO_UNIT] and lines[LINE_CSO]:
                best, best_time = LINE_CSO, lines[LINE_CSO][0][0]
            both = free[CSO_UNIT] and free[SWORN_UNIT]
            if both and lines[LINE_ACCOMPANIED] and lines[LINE_ACCOMPANIED][0][0] < best_time:
                best, best_time = LINE_ACCOMPANIED, lines[LINE_ACCOMPANIED][0][0]
            if free[SWORN_UNIT] and lines[LINE_SWORN] and lines[LINE_SWORN][0][0] < best_time:
                best = LINE_SWORN
            if best < 0:
                return
            queued, call, is_escalation = lines[best].popleft()
            if is_escalation:
                trip = sworn_travel[call]
                escalation_wait[call] = now - queued
                escalation_response[call] = now - queued + trip
                send(SWORN_UNIT, now, now + trip + sworn_service[call])
                continue
            trip = travel[call]
            end = now + trip + service[call]
            wait[call] = now - queued
            response[call] = now - queued + trip
            if best == LINE_SWORN:
                send(SWORN_UNIT, now, end)
                continue
            send(CSO_UNIT, now, end)
            if best == LINE_ACCOMPANIED:
                send(SWORN_UNIT, now, end)
            elif escalates[call]:
                escalated[call] = True
                pending_escalations += 1
                heapq.heappush(events, (now + trip, next(order), EVENT_ESCALATE, call, 0))

    limit = horizon + DRAIN_MINUTES
    i = 0
    while True:
        next_arrival = times[i] if i < n else math.inf
        if i >= n and not pending_escalations and not any(lines):
            break
        # Events go before an arrival at the same minute: a shift that starts at 07:00
        # takes the 07:00 call.
        if events[0][0] <= next_arrival:
            now, _, kind, a, b = heapq.heappop(events)
            if now > limit:
                break
            if kind == EVENT_FREE:
                if b == shift_id:
                    free[a] += 1
                    dispatch(now)
            elif kind == EVENT_SHIFT:
                shift_id += 1
                shift_end = now + length
                slot = ((int(now) - start_of_day) // length) % staffing.slots
                free[CSO_UNIT], free[SWORN_UNIT] = staffing.csos[slot], staffing.sworn[slot]
                heapq.heappush(events, (shift_end, next(order), EVENT_SHIFT, 0, 0))
                dispatch(now)
            else:
                pending_escalations -= 1
                lines[LINE_SWORN].append((now, a, True))
                dispatch(now)
        else:
            route = routes[i]
            if route != REFER:
                lines[LINE_OF_ROUTE[route]].append((next_arrival, i, False))
                dispatch(next_arrival)
            i += 1

    escalations_queued = sum(1 for item in lines[LINE_SWORN] if item[2])
    wait_array = np.array(wait, dtype=np.float64)
    escalated_array = np.array(escalated, dtype=np.bool_)
    freed = (calls.routes == CSO) & ~np.isnan(wait_array) & ~escalated_array
    return RunOutcome(
        routes=calls.routes,
        wait=wait_array,
        response=np.array(response, dtype=np.float64),
        escalated=escalated_array,
        escalation_wait=np.array(escalation_wait, dtype=np.float64),
        escalation_response=np.array(escalation_response, dtype=np.float64),
        waiting_at_end=sum(len(line) for line in lines) - escalations_queued,
        escalations_waiting_at_end=escalations_queued + pending_escalations,
        busy_minutes=(busy[CSO_UNIT], busy[SWORN_UNIT]),
        on_duty_minutes=on_duty_minutes(staffing, horizon),
        overtime_minutes=(overtime[CSO_UNIT], overtime[SWORN_UNIT]),
        freed_minutes=float(np.sum(calls.service_means[freed])),
        horizon_minutes=horizon,
    )
