"""JSON answers for the API's hot endpoints: intake and the lists.

django-ninja validates every returned object against its response schema; for a list of 50
calls that validation cost more than the database work. These endpoints return their dicts
directly (the schema still documents them in OpenAPI), and a test checks their answers against
the schemas so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse


def json_list(items: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse(items, safe=False, encoder=DjangoJSONEncoder)


def json_answer(item: dict[str, Any], *, status: int = 200) -> JsonResponse:
    return JsonResponse(item, status=status, encoder=DjangoJSONEncoder)
