"""POST /api/v1/auth/token: a username and password for a bearer token."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from cso.accounts.services import token_create, token_revoke

router = Router(tags=["auth"])


class TokenCreate(Schema):
    username: str
    password: str


class TokenRead(Schema):
    token: str


@router.delete("/token", response={204: None})
def revoke_token(request: HttpRequest) -> Status[None]:
    """Sign out: the bearer token of this request stops working."""
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() == "bearer" and key:
        token_revoke(actor=request.user, key=key.strip())  # type: ignore[arg-type]
    return Status(204, None)


@router.post("/token", auth=None, response=TokenRead)
def create_token(request: HttpRequest, data: TokenCreate) -> dict[str, str]:
    return {
        "token": token_create(username=data.username, password=data.password, now=timezone.now())
    }
