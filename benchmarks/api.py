"""Benchmark the JSON API: `cso serve` on PostgreSQL, concurrent clients taking calls and
reading the board.

Run: scripts/with-postgres .venv/bin/python benchmarks/api.py

Options: --seconds 30 (load phase), --clients 20, --workers 3 (or a list, 3,4,8: each count
gets its own server, the calls of the previous run deleted first, and the lowest intake p95 is
reported), --board-every 3, --baseline-seconds 10, --warmup 3.

DATABASE_URL must name an empty PostgreSQL database (scripts/with-postgres makes a throwaway
one). The script migrates it and seeds a shift: 4 dispatchers, 8 CSO units and 6 sworn units,
all available. It starts `cso serve` (gunicorn) on a free port with a fresh SECRET_KEY, waits for
/healthz, takes one bearer token per client from POST /api/v1/auth/token, and then, after a short
warm-up that is not counted (followed by ANALYZE, as autovacuum would do on a running
system), runs two timed phases with the same clients:

- baseline: every client loops GET /healthz (one `SELECT 1` through the same server), the least
  any request costs here, so the figures can be read as ratios on a noisy shared machine;
- load: every client loops POST /api/v1/calls (intake: triage decision, save, audit and the
  unit recommendation in the response) with a call drawn from a small list (about half for a
  CSO, half sworn for hazards), and every third call reads the board: GET
  /api/v1/calls?status=pending&limit=50 and GET /api/v1/units. Nobody assigns the calls, so
  the pending queue grows through the run (to about 2,000 calls in 30 s here).

Each client is a thread with one http.client connection, sending the next request as soon as
the last is answered (no think time); gunicorn's sync workers close the connection after each
response, so the connect is part of every request, as for any client of `cso serve`.
Prints requests/s, calls/s, p50/p95/p99 per request kind, the ratio of intake p95 to healthz
p95, and, from /proc, the CPU time per request of the server, PostgreSQL and this client and
how busy the whole machine was (other processes on a shared machine show there).
Target: intake p95 under 100 ms.
Exits 1 if any request failed (not 2xx), 2 if DATABASE_URL is not PostgreSQL or not empty.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

TARGET_P95_MS = 100.0
HOST = "127.0.0.1"
CENTRE = (44.4759, -73.2121)  # Burlington (VT), as in the demo
DISPATCHERS = 4
CSO_SKILLS = [["bilingual", "cpr"], ["fingerprinting"], ["car_seat_technician"], ["cpr"]]
SWORN_SKILLS = [["cpr", "leads"], ["cpr", "leads", "bilingual"]]
# (call type, narrative): the first eight route to a CSO under the default (streator) profile,
# the rest to sworn officers, most for a hazard (weapon, fight, domestic, alarm, ...).
CALLS = [
    ("PARKING", "car parked across the driveway, blocking the garage since this morning"),
    ("VEHLOCK", "keys locked in the car in the grocery store lot"),
    ("PROPLOST", "lost wallet, last seen at the bus stop on {street}"),
    ("ANIMAL", "dog loose in the road, friendly, nobody hurt"),
    ("DISVEH", "disabled vehicle in the right lane, driver waiting with hazards on"),
    ("MVCP", "minor fender bender in the store parking lot, no injuries, info exchanged"),
    ("LIFTASST", "elderly woman fell at home, not hurt, needs help getting up"),
    ("PROPFND", "found a bike leaning on the fence for two days"),
    ("THEFT", "bike stolen from the porch overnight, no suspect seen"),
    ("FIGHT", "two males fighting in the street, one has a knife"),
    ("DOMESTIC", "caller hears yelling and screaming next door, possible domestic"),
    ("SUSPVEH", "suspicious vehicle parked with two occupants for an hour"),
    ("ALARM", "burglar alarm going off at the pharmacy"),
    ("", "man with a gun in the parking lot threatening people"),
    ("NOISE", "loud party with about fifty people, music very loud"),
    ("TRESPASS", "male refusing to leave the store, yelling at staff, intoxicated"),
]
STREETS = ["Church St", "Pearl St", "North Ave", "Shelburne Rd", "Main St", "Pine St"]
KINDS = {
    "intake": "POST /api/v1/calls (decision + recommendation)",
    "pending": "GET /api/v1/calls?status=pending&limit=50",
    "units": "GET /api/v1/units",
    "board": "board reads (both GETs above)",
    "healthz": "GET /healthz (baseline)",
}


class SetupError(Exception):
    """The benchmark cannot run: a message for the user, exit status 2."""


def postgres_url() -> str:
    """DATABASE_URL, which must be PostgreSQL: the benchmark is of the production setup."""
    url = os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(url).scheme.split("+")[0]
    if scheme not in {"postgres", "postgresql", "pgsql"}:
        shown = f"{scheme}://..." if scheme else "not set"
        raise SetupError(
            f"DATABASE_URL must be a PostgreSQL URL (it is {shown}). Run with a throwaway "
            "database: scripts/with-postgres .venv/bin/python benchmarks/api.py"
        )
    return url


# --- the database: migrate and seed a shift, in this process -------------------------------


def seed(env: dict[str, str]) -> tuple[list[tuple[str, str]], int | None]:
    """Migrate, then add dispatchers and available units; return the (username, password)s
    and the pid of the PostgreSQL server when it runs on this machine."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cso.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction
    from django.utils import timezone

    from cso.accounts.models import User
    from cso.core.unit_status import UnitKind, UnitStatus
    from cso.units.models import Unit
    from cso.units.services import apply_status

    call_command("migrate", verbosity=0)
    if User.objects.exists():
        raise SetupError(
            "the database behind DATABASE_URL already has users; the benchmark writes "
            "thousands of calls and needs an empty one (use scripts/with-postgres)"
        )
    now = timezone.now()
    logins = [(f"bench-dispatcher-{i}", secrets.token_urlsafe(12)) for i in range(DISPATCHERS)]
    with transaction.atomic():
        for username, password in logins:
            User.objects.create_user(username=username, password=password, role="dispatcher")
        units = [(f"CSO-{i + 1}", UnitKind.CSO, CSO_SKILLS[i % 4]) for i in range(8)]
        units += [(f"1-ADAM-{11 + i}", UnitKind.SWORN, SWORN_SKILLS[i % 2]) for i in range(6)]
        for i, (callsign, kind, skills) in enumerate(units):
            unit = Unit.objects.create(
                callsign=callsign,
                kind=kind,
                skills=skills,
                latitude=CENTRE[0] + ((i % 5) - 2) * 0.006,
                longitude=CENTRE[1] + ((i % 7) - 3) * 0.005,
                status_since=now - timedelta(hours=1),
            )
            apply_status(
                actor=None,
                unit=unit,
                target=UnitStatus.AVAILABLE,
                now=now - timedelta(hours=1),
                call_id=None,
            )
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version'), pg_backend_pid()")
        version, backend = cursor.fetchone()
    connections.close_all()
    print(f"PostgreSQL {version}; seeded {DISPATCHERS} dispatchers, 8 CSO and 6 sworn units")
    return logins, postmaster_pid(backend)


def clear_calls() -> None:
    """Delete the calls a run took, so each worker count starts from the same database."""
    from django.db import connections

    from cso.calls.models import Call

    Call.objects.all().delete()
    connections.close_all()


def refresh_statistics() -> None:
    """ANALYZE after the warm-up, as autovacuum does on a running system.

    The run starts from empty tables, whose statistics tell the planner that a sort of the
    pending calls is cheap; autovacuum refreshes them only after its next nap (a minute), so
    without this the measured phase would plan against a state no real server stays in.
    """
    from django.db import connection, connections

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connections.close_all()


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def cso_command() -> str:
    beside = Path(sys.executable).with_name("cso")
    found = str(beside) if beside.exists() else shutil.which("cso")
    if found is None:
        raise SetupError("the `cso` command is not installed (make a venv: `make test`)")
    return found


class Server:
    """`cso serve` on a free port, its output in a log file; stopped on leaving the block."""

    def __init__(self, workers: int, env: dict[str, str], log: Path) -> None:
        self.workers, self.env, self.log_path = workers, env, log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        bind = f"{HOST}:{self.port}"
        command = [cso_command(), "serve", "--bind", bind, "--workers", str(self.workers)]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self.wait_healthy()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()  # gunicorn's master stops its workers gracefully on SIGTERM
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(text[-lines:])

    def wait_healthy(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SetupError(f"`cso serve` exited early:\n{self.log_tail()}")
            conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
            try:
                if request(conn, "GET", "/healthz")[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.2)
        raise SetupError(f"`cso serve` did not answer /healthz in {timeout:.0f} s")


# --- CPU accounting (Linux /proc; skipped elsewhere) ----------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Cpu:
    """CPU seconds: the server (gunicorn's master and workers), PostgreSQL (the postmaster and
    its backends, when on this machine), this client process, and the whole machine (busy and
    total, all CPUs)."""

    server: float
    postgres: float
    client: float
    interrupts: float
    machine_busy: float
    machine_total: float

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(*(a - b for a, b in zip(astuple(self), astuple(other), strict=True)))


def _process_seconds(pid: int) -> tuple[int, float]:
    """(parent pid, user + system CPU seconds) of a process."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def postmaster_pid(backend_pid: int) -> int | None:
    """The local postmaster, parent of our backend; None if the database is elsewhere."""
    try:
        parent = _process_seconds(backend_pid)[0]
        with open(f"/proc/{parent}/comm") as handle:
            return parent if handle.read().strip() in {"postgres", "postmaster"} else None
    except (OSError, IndexError, ValueError):
        return None


def cpu_now(server_pid: int, postgres_pid: int | None) -> Cpu | None:
    """The CPU used so far by each process tree and the machine; None where /proc cannot tell."""
    roots = {server_pid: 0.0, postgres_pid: 0.0}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    parent, seconds = _process_seconds(int(entry))
                    for root in (int(entry), parent):
                        if root in roots:
                            roots[root] += seconds
                            break
        with open("/proc/stat") as handle:
            ticks = [int(t) for t in handle.readline().split()[1:9]]
    except (OSError, IndexError, ValueError):
        return None
    times = os.times()
    idle = ticks[3] + ticks[4]  # idle + iowait
    total = sum(ticks)
    interrupts = ticks[5] + ticks[6]  # irq + softirq: the network stack, mostly
    return Cpu(roots[server_pid], roots[postgres_pid], times.user + times.system,
               interrupts / CLOCK_TICKS, (total - idle) / CLOCK_TICKS,
               total / CLOCK_TICKS)  # fmt: skip


# --- the clients -----------------------------------------------------------------------------


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    body: object = None,
    token: str | None = None,
) -> tuple[int, bytes, float]:
    """One request on a connection: (status, body, seconds), the connect included."""
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    return response.status, payload, time.perf_counter() - started


def calls_for(rng: random.Random) -> Iterator[dict[str, object]]:
    """An endless stream of realistic calls: type, narrative, address, coordinates, caller."""
    while True:
        call_type, narrative = rng.choice(CALLS)
        street = rng.choice(STREETS)
        call: dict[str, object] = {
            "call_type": call_type,
            "narrative": narrative.format(street=street),
            "address": f"{rng.randint(1, 1999)} {street}",
            "latitude": round(CENTRE[0] + rng.uniform(-0.03, 0.03), 6),
            "longitude": round(CENTRE[1] + rng.uniform(-0.03, 0.03), 6),
            "caller_name": rng.choice(["J. Smith", "A. Nguyen", "M. Garcia", "R. Lee"]),
            "callback_number": f"802-555-{rng.randint(0, 9999):04d}",
        }
        if rng.random() < 0.3:  # the call-taker asked the screening questions
            call.update(in_progress=False, weapons=False, injuries=False)
        yield call


@dataclass
class Tally:
    """One phase's results, shared by the client threads (appends are thread-safe)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    routes: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0
    cpu: Cpu | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        self.seconds.setdefault(kind, []).append(seconds)

    def count(self, *kinds: str) -> int:
        return sum(len(self.seconds.get(k, ())) for k in kinds)


class Client:
    """One client: a token, a connection, and its own stream of calls."""

    def __init__(self, port: int, token: str, seed: int) -> None:
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.calls = calls_for(random.Random(seed))
        self.iteration = 0

    def call(self, tally: Tally, kind: str, method: str, path: str, body: object = None) -> bytes:
        try:
            status, payload, seconds = request(self.conn, method, path, body, self.token)
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            tally.failures.append(f"{method} {path}: {type(error).__name__}: {error}")
            return b""
        if not 200 <= status < 300:
            tally.failures.append(f"{method} {path}: HTTP {status}: {payload[:200]!r}")
            return b""
        tally.add(kind, seconds)
        return payload

    def healthz(self, tally: Tally) -> None:
        self.call(tally, "healthz", "GET", "/healthz")

    def dispatch(self, tally: Tally, board_every: int) -> None:
        """Take a call; every `board_every` calls, read the board as a dispatcher's screen does."""
        payload = self.call(tally, "intake", "POST", "/api/v1/calls", next(self.calls))
        if payload:
            route = json.loads(payload)["route"]
            with tally.lock:
                tally.routes[route] += 1
        self.iteration += 1
        if self.iteration % board_every == 0:
            self.call(tally, "pending", "GET", "/api/v1/calls?status=pending&limit=50")
            self.call(tally, "units", "GET", "/api/v1/units")


def take_tokens(port: int, logins: list[tuple[str, str]], clients: int) -> list[str]:
    """One bearer token per client, the clients spread over the dispatchers' logins."""
    tokens: list[str] = [""] * clients

    def take(index: int) -> None:
        username, password = logins[index % len(logins)]
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        body = {"username": username, "password": password}
        status, payload, _ = request(conn, "POST", "/api/v1/auth/token", body)
        conn.close()
        if status != 200:
            raise SetupError(f"POST /api/v1/auth/token: HTTP {status}: {payload[:200]!r}")
        tokens[index] = json.loads(payload)["token"]

    errors = run_threads([lambda i=i: take(i) for i in range(clients)])
    if errors:
        raise errors[0]
    return tokens


def run_threads(targets: list[Callable[[], None]]) -> list[BaseException]:
    """Run each target in its own thread; return what they raised."""
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(t,), daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def run_phase(
    clients: list[Client],
    seconds: float,
    step: Callable[[Client, Tally], None],
    meter: Callable[[], Cpu | None],
) -> Tally:
    """All clients loop `step` from one start until `seconds` have passed; in-flight requests
    finish and count, and the wall time runs until the last one is back."""
    tally = Tally()
    start = threading.Barrier(len(clients) + 1)
    deadline = 0.0

    def loop(client: Client) -> None:
        start.wait()
        while time.perf_counter() < deadline:
            step(client, tally)

    threads = [threading.Thread(target=loop, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    cpu_before = meter()
    deadline = time.perf_counter() + seconds
    begun = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    tally.wall = time.perf_counter() - begun
    cpu_after = meter()
    if cpu_before is not None and cpu_after is not None:
        tally.cpu = cpu_after - cpu_before
    return tally


# --- the run and the report ------------------------------------------------------------------


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 in milliseconds."""
    if len(values) < 2:
        only = values[0] * 1000 if values else float("nan")
        return only, only, only
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


@dataclass
class Result:
    workers: int
    baseline: Tally
    load: Tally

    def p95(self, kind: str) -> float:
        tally = self.baseline if kind == "healthz" else self.load
        return percentiles(tally.seconds.get(kind, []))[1]


def line(kind: str, tally: Tally) -> str:
    values = tally.seconds.get(kind, [])
    p50, p95, p99 = percentiles(values)
    rate = len(values) / tally.wall if tally.wall else 0.0
    return (
        f"  {KINDS[kind]:<47} {len(values):>7,} {rate:>8,.1f}/s  "
        f"p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f} ms"
    )


def cpu_line(tally: Tally, requests: int) -> str:
    """CPU per request, and how busy the machine was: a shared machine's other work shows."""
    cpu = tally.cpu
    if cpu is None or not requests or cpu.machine_total <= 0:
        return "  CPU: not measured (no /proc)"
    share = 100 / cpu.machine_total
    others = cpu.machine_busy - cpu.server - cpu.postgres - cpu.client - cpu.interrupts
    return (
        f"  CPU per request: server {cpu.server / requests * 1000:.1f} ms, PostgreSQL "
        f"{cpu.postgres / requests * 1000:.1f} ms, client {cpu.client / requests * 1000:.1f} ms; "
        f"all CPUs {cpu.machine_busy * share:.0f}% busy: server {cpu.server * share:.0f}%, "
        f"PostgreSQL {cpu.postgres * share:.0f}%, client {cpu.client * share:.0f}%, "
        f"interrupts {cpu.interrupts * share:.0f}%, other processes {max(0.0, others) * share:.0f}%"
    )


def report(result: Result, clients: int) -> None:
    base, load = result.baseline, result.load
    load.seconds["board"] = load.seconds.get("pending", []) + load.seconds.get("units", [])
    requests = load.count("intake", "pending", "units")
    routes = ", ".join(
        f"{route} {n / max(1, load.count('intake')):.0%}" for route, n in load.routes.most_common()
    )
    print(f"\n{result.workers} workers, {clients} clients")
    print(f"  baseline {base.wall:.1f} s: {base.count('healthz') / base.wall:,.0f} requests/s")
    print(line("healthz", base))
    print(cpu_line(base, base.count("healthz")))
    print(
        f"  load {load.wall:.1f} s: {load.count('intake') / load.wall:,.1f} calls/s, "
        f"{requests / load.wall:,.1f} requests/s (routes: {routes})"
    )
    for kind in ("intake", "pending", "units", "board"):
        print(line(kind, load))
    print(cpu_line(load, requests))
    ratio = result.p95("intake") / result.p95("healthz")
    print(f"  intake p95 / healthz p95: {ratio:.1f}x")


def bench(
    workers: int,
    env: dict[str, str],
    logins: list[tuple[str, str]],
    postgres_pid: int | None,
    options: argparse.Namespace,
    log: Path,
) -> Result:
    every = options.board_every

    def dispatch(client: Client, tally: Tally) -> None:
        client.dispatch(tally, every)

    def healthz(client: Client, tally: Tally) -> None:
        client.healthz(tally)

    with Server(workers, env, log) as server:
        try:
            tokens = take_tokens(server.port, logins, options.clients)
            clients = [Client(server.port, t, seed=i) for i, t in enumerate(tokens)]

            def meter() -> Cpu | None:
                return cpu_now(server.pid, postgres_pid)

            warm = run_phase(clients, options.warmup, dispatch, meter)
            refresh_statistics()
            baseline = run_phase(clients, options.baseline_seconds, healthz, meter)
            load = run_phase(clients, options.seconds, dispatch, meter)
        except Exception:
            print(f"server log (tail):\n{server.log_tail()}", file=sys.stderr)
            raise
        for client in clients:
            client.conn.close()
    # Failures in the warm-up count too: a request that fails is a bug whenever it happens.
    baseline.failures[:0] = warm.failures
    return Result(workers, baseline, load)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="Load phase length.")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0, help="Seconds, not counted.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--workers",
        default="3",
        help="gunicorn workers (3, `cso serve`'s default, had the lowest intake p95 of 2-8 on "
        "2 CPUs); a comma list (3,4,8) runs each and reports the lowest intake p95.",
    )
    parser.add_argument("--board-every", type=int, default=3, help="Board reads every N calls.")
    options = parser.parse_args()
    # A plain SIGTERM would end this process without stopping the server it started.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    worker_counts = [int(w) for w in options.workers.split(",") if w.strip()]

    failed = 0
    with tempfile.TemporaryDirectory(prefix="cso-bench-api-") as tmp:
        try:
            env = dict(os.environ)
            env.update(
                DATABASE_URL=postgres_url(),
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS=f"{HOST},localhost",
                CSO_DATA_DIR=tmp,
                DEBUG="0",
                DJANGO_SETTINGS_MODULE="cso.config.settings",
            )
            logins, postgres_pid = seed(env)
            print(
                f"{os.cpu_count()} CPUs; {options.clients} clients; warm-up {options.warmup:g} s, "
                f"baseline {options.baseline_seconds:g} s, load {options.seconds:g} s; "
                f"board read every {options.board_every} calls"
            )
            results = []
            for index, workers in enumerate(worker_counts):
                if index:
                    clear_calls()
                log = Path(tmp, f"serve-{workers}.log")
                result = bench(workers, env, logins, postgres_pid, options, log)
                report(result, options.clients)
                results.append(result)
                for failure in (result.baseline.failures + result.load.failures)[:10]:
                    print(f"  FAILED {failure}", file=sys.stderr)
                failed += len(result.baseline.failures) + len(result.load.failures)
        except SetupError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    best = min(results, key=lambda r: r.p95("intake"))
    p95 = best.p95("intake")
    verdict = "met" if p95 < TARGET_P95_MS else "NOT MET"
    if len(results) > 1:
        print(f"\nlowest intake p95 with {best.workers} workers")
    print(f"intake p95 {p95:.1f} ms (target < {TARGET_P95_MS:g} ms: {verdict})")
    if failed:
        print(f"{failed:,} requests FAILED (the first ones above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
