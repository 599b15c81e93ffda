"""Staffing simulation of a CSO program beside sworn patrol."""
