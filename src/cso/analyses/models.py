"""A saved analysis: what was run, by whom, and its summary and report."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Analysis(models.Model):
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    data_name = models.CharField(max_length=200)
    profile = models.CharField(max_length=64)
    add_cso_types = models.JSONField(default=list)
    remove_cso_types = models.JSONField(default=list)
    summary = models.JSONField()
    report_html = models.TextField()

    class Meta:
        ordering = ["-id"]
