"""Triage: one decision function that routes a call under an agency's policy."""

from cso.core.triage.engine import triage

__all__ = ["triage"]
