"""Assignments of units to calls: one active per unit and per call, enforced by the database."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Assignment(models.Model):
    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    # Why it ended: cleared (with the call's disposition) or reassigned.
    end_reason = models.CharField(max_length=16, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            # The last line against a race: two dispatchers cannot both give one unit a call.
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(active=True), name="one_active_call_per_unit"
            ),
            models.UniqueConstraint(
                fields=["call"], condition=models.Q(active=True), name="one_active_unit_per_call"
            ),
        ]
