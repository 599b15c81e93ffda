"""JSON for the API's errors that Django answers before any endpoint runs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"


class ApiMethodNotAllowedMiddleware:
    """A wrong method on an API path gets JSON naming the methods allowed, like every other
    API error, instead of the router's plain text."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith(API_PREFIX):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        # The router lists the methods in no fixed order; sorted, the answer is the same each time.
        allowed = ", ".join(
            sorted(m.strip() for m in response.get("Allow", "").split(",") if m.strip())
        )
        answer = JsonResponse(
            {
                "message": f"{request.method} is not allowed on {request.path}; "
                f"allowed: {allowed or 'none'}.",
                "field": None,
            },
            status=405,
        )
        if allowed:
            answer["Allow"] = allowed
        return answer
