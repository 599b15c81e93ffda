"""JSON answers for the API's hot list endpoints.

django-ninja validates every returned object against its response schema; for a list of 50
calls that validation cost more than the database work. The lists return their dicts directly
(the schema still documents them in OpenAPI), and a test checks every list item against the
schema so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse


def json_list(items: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse(items, safe=False, encoder=DjangoJSONEncoder)
