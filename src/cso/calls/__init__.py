"""Calls for service: intake with triage, overrides, notes, and the linked sworn requests."""
