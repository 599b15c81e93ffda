"""The one error type services raise: a message for a person, the field at fault, a status."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused request: bad input (400), not allowed (403), missing (404), conflict (409)."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class NotAllowedError(ServiceError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, status=403)


class NotFoundError(ServiceError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, status=404)


class ConflictError(ServiceError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, status=409)
