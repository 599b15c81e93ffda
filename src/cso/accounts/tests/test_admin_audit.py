"""Changes to accounts made in the admin land in the audit trail: who changed whose role."""

from __future__ import annotations

from typing import Any

from cso.accounts.models import User
from cso.audit.models import AuditEvent


def _superuser(client: Any) -> User:
    admin = User.objects.create_superuser(username="root", password="root-password")
    client.force_login(admin)
    return admin


def _change_form(user: User, **changes: Any) -> dict[str, Any]:
    """The admin's change form for a user as a browser would send it, with changes."""
    form: dict[str, Any] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    if user.is_active:
        form["is_active"] = "on"
    form.update(changes)
    return form


def test_a_role_change_in_the_admin_is_audited_with_before_and_after(
    shift: Any, client: Any
) -> None:
    admin = _superuser(client)
    cso = shift.users["cso"]
    response = client.post(
        f"/admin/accounts/user/{cso.pk}/change/", _change_form(cso, role="senior_cso")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=cso.pk).role == "senior_cso"
    event = AuditEvent.objects.get(action="user.changed", target_id=cso.pk)
    assert (event.target_type, event.actor_username) == ("user", admin.username)
    assert event.before is not None
    assert event.after is not None
    assert (event.before["role"], event.after["role"]) == ("cso", "senior_cso")
    assert {k for k in event.before if event.before[k] != event.after[k]} == {"role"}


def test_saving_an_account_unchanged_writes_no_audit_row(shift: Any, client: Any) -> None:
    _superuser(client)
    cso = shift.users["cso"]
    response = client.post(f"/admin/accounts/user/{cso.pk}/change/", _change_form(cso))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(target_type="user", target_id=cso.pk).exists()


def test_deactivating_and_adding_accounts_is_audited(shift: Any, client: Any) -> None:
    _superuser(client)
    cso = shift.users["cso_other"]
    form = _change_form(cso)
    del form["is_active"]
    assert client.post(f"/admin/accounts/user/{cso.pk}/change/", form).status_code == 302
    event = AuditEvent.objects.get(action="user.changed", target_id=cso.pk)
    assert (event.before["is_active"], event.after["is_active"]) == (True, False)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newcso",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = User.objects.get(username="newcso")
    created = AuditEvent.objects.get(action="user.created", target_id=added.pk)
    assert created.before is None
    assert created.after is not None
    assert created.after["username"] == "newcso"


def test_a_password_change_is_audited_without_the_password(shift: Any, client: Any) -> None:
    _superuser(client)
    cso = shift.users["cso"]
    response = client.post(
        f"/admin/accounts/user/{cso.pk}/password/",
        {"password1": "another-long-phrase-7", "password2": "another-long-phrase-7"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="user.password_changed", target_id=cso.pk)
    assert (event.before, event.after) == (None, None)
    assert "another-long-phrase-7" not in str(event.__dict__)


def test_deleting_an_account_is_audited_with_what_it_was(shift: Any, client: Any) -> None:
    _superuser(client)
    leaving = User.objects.create_user(username="leaving", password="x", role="analyst")
    response = client.post(f"/admin/accounts/user/{leaving.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not User.objects.filter(username="leaving").exists()
    event = AuditEvent.objects.get(action="user.deleted", target_id=leaving.pk)
    assert event.after is None
    assert event.before is not None
    assert (event.before["username"], event.before["role"]) == ("leaving", "analyst")
