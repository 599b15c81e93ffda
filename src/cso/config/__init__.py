"""Django wiring only: settings from the environment, URLs, the one API."""
