"""Reading the policy's CSV tables: exact headers, and fields checked where they are read."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from cso.core.policy.errors import PolicyError
from cso.core.types import Category, HazardSign


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; a wrong header or unreadable file is a PolicyError."""
    name = str(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise PolicyError(name, 1, None, f"header must be {','.join(columns)}")
            for row in reader:
                yield reader.line_num, {key: value or "" for key, value in row.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise PolicyError(name, None, None, f"cannot read: {error}") from None


def parse_category(value: str, path: Path, line: int) -> Category:
    """A demand category, or a PolicyError naming the row."""
    try:
        return Category(value.strip())
    except ValueError:
        raise PolicyError(str(path), line, "category", f"unknown category {value!r}") from None


def parse_hazards(value: str, path: Path, line: int) -> tuple[HazardSign, ...]:
    """';'-separated hazard signs, or a PolicyError naming the row and the bad sign."""
    signs: list[HazardSign] = []
    for part in value.split(";"):
        if not part.strip():
            continue
        try:
            signs.append(HazardSign(part.strip()))
        except ValueError:
            raise PolicyError(
                str(path), line, "hazards", f"unknown hazard sign {part.strip()!r}"
            ) from None
    return tuple(signs)
