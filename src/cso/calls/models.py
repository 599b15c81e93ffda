"""A call for service, its triage decision, overrides of its route, and notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cso.core.types import Route

ROUTE_CHOICES = [(r.value, r.value) for r in Route]


class CallStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ASSIGNED = "assigned", "Assigned"
    CLEARED = "cleared", "Cleared"


class CallKind(models.TextChoices):
    CALL = "call", "Call for service"
    # Created when a CSO asks for a sworn officer to take over; linked to the CSO's call.
    SWORN_REQUEST = "sworn_request", "Sworn officer requested"


class Call(models.Model):
    kind = models.CharField(max_length=16, choices=CallKind.choices, default=CallKind.CALL)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sworn_requests"
    )
    received_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=16, choices=CallStatus.choices, default=CallStatus.PENDING, db_index=True
    )
    # 1 is the most urgent. Set from the route and hazards at intake; escalation raises it.
    priority = models.PositiveSmallIntegerField(default=3)

    call_type = models.CharField(max_length=120, blank=True)
    narrative = models.TextField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Caller personal data: shown only to roles that need it, and every read is audited.
    caller_name = models.CharField(max_length=120, blank=True)
    callback_number = models.CharField(max_length=40, blank=True)
    # The call-taker's four questions: true, false, or not asked (null).
    in_progress = models.BooleanField(null=True)
    weapons = models.BooleanField(null=True)
    injuries = models.BooleanField(null=True)
    suspect_on_scene = models.BooleanField(null=True)

    # The triage decision at intake, kept as decided, and the route in force now.
    triage_route = models.CharField(max_length=16, choices=ROUTE_CHOICES)
    incident_type = models.CharField(max_length=16)
    category = models.CharField(max_length=24)
    reasons = models.JSONField(default=list)
    policy_refs = models.JSONField(default=list)
    hazards = models.JSONField(default=list)
    profile = models.CharField(max_length=64)
    route = models.CharField(max_length=16, choices=ROUTE_CHOICES)

    assigned_unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="calls"
    )
    disposition = models.CharField(max_length=16, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["priority", "received_at"]
        # The board's and the API's lists filter on status and sort by time, then id: with the
        # id in the index PostgreSQL reads the newest rows in order instead of sorting them all.
        indexes = [
            models.Index(fields=["status", "received_at", "id"], name="call_status_received_id")
        ]

    def __str__(self) -> str:
        return f"Call {self.pk}"

    @property
    def answers(self) -> dict[str, bool | None]:
        return {
            "in_progress": self.in_progress,
            "weapons": self.weapons,
            "injuries": self.injuries,
            "suspect_on_scene": self.suspect_on_scene,
        }

    def snapshot(self) -> dict[str, object]:
        """The audited fields (caller personal data included: the trail is for auditors)."""
        return {
            "kind": self.kind,
            "parent": self.parent_id,
            "status": self.status,
            "priority": self.priority,
            "call_type": self.call_type,
            "narrative": self.narrative,
            "address": self.address,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "caller_name": self.caller_name,
            "callback_number": self.callback_number,
            **self.answers,
            "triage_route": self.triage_route,
            "incident_type": self.incident_type,
            "hazards": list(self.hazards),
            "route": self.route,
            "assigned_unit": self.assigned_unit_id,
            "disposition": self.disposition,
        }


class Override(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="overrides")
    from_route = models.CharField(max_length=16, choices=ROUTE_CHOICES)
    to_route = models.CharField(max_length=16, choices=ROUTE_CHOICES)
    justification = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()


class CallNote(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
