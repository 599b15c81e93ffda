"""The append-only audit trail: who did what, when, with the record before and after."""
