"""Dispatch: assignment, escalation to sworn, clearing, the board and the field page."""
