"""Disposition codes a unit clears a call with."""

from __future__ import annotations

DISPOSITIONS: dict[str, str] = {
    "REPORT": "Report taken",
    "CITED": "Citation issued",
    "TOWED": "Vehicle towed or impounded",
    "ADVISED": "Advised / assisted, no report",
    "ASSISTED": "Service provided (assist, install, fingerprinting)",
    "GOA": "Gone on arrival",
    "UTL": "Unable to locate",
    "REFERRED": "Referred to another agency",
    "SWORN": "Taken over by a sworn officer",
    "DUPLICATE": "Duplicate of another call",
    "CANCELLED": "Cancelled by the caller or dispatch",
}

UNKNOWN_DISPOSITION = "Unknown disposition code {code!r}; use one of: {codes}."


def check_disposition(code: str) -> str:
    """The code, upper-cased, if it is known; else ValueError naming the known ones."""
    normalized = code.strip().upper()
    if normalized not in DISPOSITIONS:
        raise ValueError(UNKNOWN_DISPOSITION.format(code=code, codes=", ".join(DISPOSITIONS)))
    return normalized
