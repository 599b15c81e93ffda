"""The one error a bad policy file raises: it names the file, the line and the field."""

from __future__ import annotations


class PolicyError(ValueError):
    """A policy, catalogue or alias file that cannot be used as it is."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"
