"""The one JSON API under /api/v1/: bearer tokens, JSON errors with the field at fault."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from cso.accounts.api import router as auth_router
from cso.accounts.services import user_for_token
from cso.audit.api import router as audit_router
from cso.calls.api import router as calls_router
from cso.errors import ServiceError
from cso.units.api import router as units_router

log = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="cso",
    version="1",
    description="Call intake with triage, dispatch, unit status and audit for CSO programs.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
api.add_router("/auth", auth_router)
api.add_router("/calls", calls_router)
api.add_router("/units", units_router)
api.add_router("/audit", audit_router)


def _error(request: HttpRequest, status: int, message: str, field: str | None) -> HttpResponse:
    return api.create_response(request, {"message": message, "field": field}, status=status)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _error(request, exc.status, exc.message, exc.field)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    # loc is like ("body", "data", "latitude"); the last name is the field a client sent.
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "data")]
    field = location[-1] if location else None
    message = str(first.get("msg", "Invalid input."))
    if field:
        message = f"{field}: {message}"
    return _error(request, 422, message, field)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Sign in: send 'Authorization: Bearer <token>'.", None)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), None)


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged in full for the operators; the client gets no stack trace.
    log.exception("unexpected error in %s %s", request.method, request.path)
    return _error(request, 500, "Internal error; it has been logged.", None)
