"""The one error analytics raises for input it cannot use, and its messages."""

from __future__ import annotations

ERR_NO_FILE = "{path}: no such file"
ERR_NOT_A_FILE = "{path}: not a file"
ERR_CANNOT_OPEN = "{path}: cannot be read: {detail}"
ERR_EMPTY_FILE = "{path}: the file is empty"
ERR_SPREADSHEET = "{path}: looks like a spreadsheet workbook; save it as CSV and try again"
ERR_UNREADABLE = "{path}: not a readable CSV or Parquet file: {detail}"
ERR_UNKNOWN_COLUMN = "{path}: no column {column!r} (the {field} column{origin}); it has: {columns}"
ERR_NO_TYPE_COLUMN = (
    "{path}: which column holds the call type? Give --type-column, or --source NAME "
    "(shipped: {sources}), or --mapping FILE"
)
ERR_UNKNOWN_SOURCE = "unknown source {name!r}; shipped mappings: {mappings}; alias maps: {aliases}"
ERR_TIME_FORMAT = (
    "{path}: cannot read the times in column {column!r} (for example {examples}); "
    "expected dates such as 2022-01-31 14:05 or 01/31/2022 2:05 PM"
)
ERR_PERIOD_DAYS = "--period-days must be a positive number of days, not {value}"

ERR_MAPPING_READ = "{path}: cannot read the mapping file: {detail}"
ERR_MAPPING_TOML = "{path}: not valid TOML: {detail}"
ERR_MAPPING_KEY = "{path}: {key}: unknown key; expected one of {allowed}"
ERR_MAPPING_VALUE = "{path}: {key}: {problem}"
ERR_MAPPING_ALIASES = "{path}: aliases: unknown alias map {name!r}; shipped: {shipped}"


class AnalyticsError(ValueError):
    """An export or mapping that cannot be analysed as it is; the message is one line."""
