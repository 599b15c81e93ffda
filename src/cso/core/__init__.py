"""The framework-free core: policy, triage and the rules every other layer calls."""
