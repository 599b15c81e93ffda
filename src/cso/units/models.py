"""Units, the history of their status, check-ins and safety alarms."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cso.core.unit_status import UnitKind, UnitStatus

STATUS_CHOICES = [(s.value, s.label) for s in UnitStatus]


class Unit(models.Model):
    callsign = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=8, choices=[(k.value, k.value.upper()) for k in UnitKind])
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=UnitStatus.OFF_DUTY)
    status_since = models.DateTimeField()
    # Skill codes from cso.core.recommendation.SKILLS (bilingual, fingerprinting, ...).
    skills = models.JSONField(default=list, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # The person working the unit this shift; a CSO acts only on their own unit.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit",
    )
    shift_started_at = models.DateTimeField(null=True, blank=True)
    last_check_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "callsign"]

    def __str__(self) -> str:
        return self.callsign

    @property
    def status_label(self) -> str:
        return UnitStatus(self.status).label

    def snapshot(self) -> dict[str, object]:
        """The audited fields, as the audit trail stores them."""
        return {
            "callsign": self.callsign,
            "kind": self.kind,
            "status": self.status,
            "skills": list(self.skills),
            "user": self.user_id,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


class UnitStatusChange(models.Model):
    """Every status a unit held, with its time: the state machine's timestamp per transition."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=STATUS_CHOICES)
    to_status = models.CharField(max_length=16, choices=STATUS_CHOICES)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    call_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]


class CheckIn(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="check_ins")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=STATUS_CHOICES)


class SafetyAlarm(models.Model):
    """A missed check-in; it stays on the board until someone acknowledges it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="alarms")
    due_at = models.DateTimeField()
    raised_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        # One alarm per missed deadline, however many pages notice it at once.
        constraints = [
            models.UniqueConstraint(fields=["unit", "due_at"], name="one_alarm_per_missed_check_in")
        ]
