"""Template context: the signed-in user's role and permissions."""

from __future__ import annotations

from django.http import HttpRequest

from cso.accounts.roles import ROLE_PERMISSIONS, Role


def role(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"perms_cso": frozenset()}
    try:
        granted = ROLE_PERMISSIONS[Role(user.role)]
    except ValueError:
        granted = frozenset()
    # Templates test permissions by name with dots replaced: {% if "call_assign" in perms_cso %}
    return {"perms_cso": frozenset(p.value.replace(".", "_") for p in granted)}
