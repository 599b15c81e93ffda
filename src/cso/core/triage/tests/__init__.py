"""Tests of the triage engine, including the invented-call case set in cases/."""
