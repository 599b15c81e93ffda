"""POST /api/v1/auth/token: a username and password for a bearer token."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from cso.accounts.services import token_create

router = Router(tags=["auth"])


class TokenCreate(Schema):
    username: str
    password: str


class TokenRead(Schema):
    token: str


@router.post("/token", auth=None, response=TokenRead)
def create_token(request: HttpRequest, data: TokenCreate) -> dict[str, str]:
    return {
        "token": token_create(username=data.username, password=data.password, now=timezone.now())
    }
