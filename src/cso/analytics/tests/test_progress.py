"""The progress bar runs the query beside it and gives back the same rows, or the same error."""

from __future__ import annotations

import duckdb
import pytest

from cso.analytics.progress import execute

QUERY = "SELECT range % 3 AS k, count(*) FROM range(200000) GROUP BY k ORDER BY k"


def test_with_a_bar_the_rows_are_those_without(capsys: pytest.CaptureFixture[str]) -> None:
    con = duckdb.connect()
    assert (
        execute(con, QUERY, "Reading")
        == execute(con, QUERY)
        == [
            (0, 66667),
            (1, 66667),
            (2, 66666),
        ]
    )
    assert capsys.readouterr().out == ""


def test_an_error_in_the_query_reaches_the_caller() -> None:
    with pytest.raises(duckdb.CatalogException):
        execute(duckdb.connect(), "SELECT * FROM no_such_table", "Reading")
