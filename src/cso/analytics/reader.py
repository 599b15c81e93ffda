"""Open a CAD export with DuckDB: CSV in any common dialect and encoding, or Parquet.

DuckDB's sniffer finds the CSV dialect (delimiter, quoting, header, skipped lines) and the
column types; every column is then read as text, so a stray value in a column the analysis
does not use can never cost a row, and the values it does use are parsed where the replay can
count and report the ones that fail. Encodings: UTF-8 (with or without a byte-order mark),
UTF-16 with a byte-order mark, and anything else as Latin-1, which decodes every byte.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from cso.analytics.errors import (
    ERR_CANNOT_OPEN,
    ERR_EMPTY_FILE,
    ERR_NO_FILE,
    ERR_NOT_A_FILE,
    ERR_SPREADSHEET,
    ERR_UNREADABLE,
    AnalyticsError,
)

PARQUET_MAGIC = b"PAR1"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
COMPRESSED = (".gz", ".zst")
ENCODING_PROBE_BYTES = 1 << 16
REJECTS_TABLE = "cso_rejects"
# The sniffer reads its sample from one buffer: a small one is faster to fill, and 8,192 rows
# show the dialect and the column types as well as DuckDB's default 20,480 do on CAD exports.
# A time column it misses is found by timeparse's own sample.
SNIFF_SAMPLE_ROWS = 8192
SNIFF_BUFFER_BYTES = 2 * 1024 * 1024
# How sniff_csv writes "no such character" (no quoting, no comments).
SNIFFED_NONE = "(empty)"
DEFAULT_QUOTE = '"'
REJECTS_SCAN = "cso_reject_scans"


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A SQL identifier, quoted so any column name works."""
    return '"' + name.replace('"', '""') + '"'


def first_error_line(error: BaseException) -> str:
    """The first line of a DuckDB error, without its class prefix."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for prefix in ("Invalid Input Error: ", "IO Error: ", "Conversion Error: ", "Binder Error: "):
        text = text.removeprefix(prefix)
    return text


@dataclass(frozen=True)
class Export:
    """A CAD export DuckDB can scan: its kind, columns, encoding and first data line."""

    path: Path
    kind: str
    columns: tuple[str, ...]
    types: dict[str, str]
    encoding: str = "utf-8"
    first_line: int = 2
    timestamp_format: str | None = None
    date_format: str | None = None
    # The sniffed dialect as read_csv options, so later scans do not sniff again.
    dialect: str = ""

    def scan(self, rejects: bool = True) -> str:
        """The SQL table expression that reads the file; CSV rows that break the dialect are
        stored as rejects (with their line) rather than failing the read."""
        path = sql_string(str(self.path))
        if self.kind == "parquet":
            return f"read_parquet({path})"
        columns = ", ".join(f"{sql_string(name)}: 'VARCHAR'" for name in self.columns)
        options = [
            "auto_detect = false",
            self.dialect,
            f"columns = {{{columns}}}",
            f"encoding = {sql_string(self.encoding)}",
        ]
        if rejects:
            options += [
                "store_rejects = true",
                f"rejects_table = {sql_string(REJECTS_TABLE)}",
                f"rejects_scan = {sql_string(REJECTS_SCAN)}",
            ]
        else:
            options.append("ignore_errors = true")
        return f"read_csv({path}, {', '.join(options)})"

    def text(self, column: str) -> str:
        """SQL for a column's values as text."""
        name = sql_name(column)
        return name if self.kind == "csv" else f"CAST({name} AS VARCHAR)"

    def with_encoding(self, encoding: str) -> Export:
        """The same export read with another encoding."""
        return replace(self, encoding=encoding)


def _check_file(path: Path) -> bytes:
    """The file's first bytes, or a clear error for a file that is missing or unusable."""
    if not path.exists():
        raise AnalyticsError(ERR_NO_FILE.format(path=path))
    if not path.is_file():
        raise AnalyticsError(ERR_NOT_A_FILE.format(path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(ENCODING_PROBE_BYTES)
    except OSError as error:
        raise AnalyticsError(
            ERR_CANNOT_OPEN.format(path=path, detail=error.strerror or error)
        ) from None
    if not head:
        raise AnalyticsError(ERR_EMPTY_FILE.format(path=path))
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)) and not path.name.endswith(COMPRESSED):
        raise AnalyticsError(ERR_SPREADSHEET.format(path=path))
    return head


def guess_encoding(head: bytes) -> str:
    """The encoding to read a CSV with, from its first bytes."""
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the probe's end is not a sign of another encoding.
        if error.start < len(head) - 3:
            return "latin-1"
    return "utf-8"


def _sniff(con: duckdb.DuckDBPyConnection, path: Path, encoding: str) -> Export:
    options = f"{sql_string(str(path))}, encoding = {sql_string(encoding)}"
    row = con.execute(
        "SELECT Columns, HasHeader, SkipRows, DateFormat, TimestampFormat, Delimiter, Quote, "
        f"Escape, NewLineDelimiter, Comment FROM sniff_csv({options}, ignore_errors = true, "
        f"sample_size = {SNIFF_SAMPLE_ROWS}, buffer_size = {SNIFF_BUFFER_BYTES})"
    ).fetchone()
    if row is None:
        raise AnalyticsError(ERR_UNREADABLE.format(path=path, detail="no columns found"))
    columns, has_header, skip_rows, date_format, timestamp_format, *characters = row
    names = tuple(str(column["name"]) for column in columns)
    types = {str(column["name"]): str(column["type"]) for column in columns}
    first_line = int(skip_rows or 0) + (2 if has_header else 1)
    delimiter, quote, escape, new_line, comment = (
        "" if value == SNIFFED_NONE else str(value) for value in characters
    )
    # No quote in the sample means none seen, not none used: a quoted value further on
    # ("DIRECTED PATROL-PRIORITY 1,2,3") must still read, and a quote inside an unquoted value
    # reads as itself either way. So the RFC 4180 quote and its doubling, unless others were seen.
    quote = quote or DEFAULT_QUOTE
    escape = escape or quote
    dialect = ", ".join(
        [
            f"delim = {sql_string(delimiter)}",
            f"quote = {sql_string(quote)}",
            f"escape = {sql_string(escape)}",
            f"new_line = {sql_string(new_line)}",
            f"comment = {sql_string(comment)}",
            f"skip = {int(skip_rows or 0)}",
            f"header = {'true' if has_header else 'false'}",
        ]
    )
    return Export(
        path=path,
        kind="csv",
        columns=names,
        types=types,
        encoding=encoding,
        first_line=first_line,
        timestamp_format=timestamp_format or None,
        date_format=date_format or None,
        dialect=dialect,
    )


def open_export(con: duckdb.DuckDBPyConnection, path: Path) -> Export:
    """Find how to read a CSV or Parquet file, or raise AnalyticsError saying why it cannot be."""
    head = _check_file(path)
    try:
        if head.startswith(PARQUET_MAGIC):
            described = con.execute(
                f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(path))})"
            ).fetchall()
            types = {str(name): str(kind) for name, kind, *_ in described}
            return Export(path, "parquet", tuple(types), types, first_line=1)
        compressed = path.name.endswith(COMPRESSED)
        encoding = "utf-8" if compressed else guess_encoding(head)
        try:
            return _sniff(con, path, encoding)
        except duckdb.Error as error:
            if encoding == "utf-8" and "unicode" in str(error).lower():
                return _sniff(con, path, "latin-1")
            raise
    except duckdb.Error as error:
        raise AnalyticsError(
            ERR_UNREADABLE.format(path=path, detail=first_error_line(error))
        ) from None
