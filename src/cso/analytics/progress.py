"""A progress bar for long imports: DuckDB reports how far a query is, tqdm draws it."""

from __future__ import annotations

import sys
import threading
from typing import Any

import duckdb
from tqdm import tqdm

POLL_SECONDS = 0.1
# Below this size a read takes well under a second: a bar would only flicker.
MIN_BYTES_FOR_BAR = 20 * 1024 * 1024
BAR = "{desc}: {percentage:3.0f}%|{bar}| {elapsed}"


def execute(
    con: duckdb.DuckDBPyConnection, sql: str, label: str | None = None
) -> list[tuple[Any, ...]]:
    """Run a statement and fetch its rows; with a label, draw a bar on stderr while it runs."""
    if label is None:
        return con.execute(sql).fetchall()
    # DuckDB tracks progress only with its own bar enabled; its printing stays off.
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    outcome: dict[str, Any] = {}

    def run() -> None:
        """Run the query in the worker thread, keeping its rows or its error."""
        try:
            outcome["rows"] = con.execute(sql).fetchall()
        except BaseException as error:  # re-raised in the caller's thread below
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    with tqdm(total=100, desc=label, file=sys.stderr, leave=False, bar_format=BAR) as bar:
        worker.start()
        try:
            while worker.is_alive():
                worker.join(POLL_SECONDS)
                done = con.query_progress()
                if done >= 0:
                    bar.update(max(0.0, min(100.0, done) - bar.n))
        except KeyboardInterrupt:
            con.interrupt()
            worker.join()
            raise
    con.execute("SET enable_progress_bar = false")
    if "error" in outcome:
        raise outcome["error"]
    rows: list[tuple[Any, ...]] = outcome["rows"]
    return rows
