"""cso: operations software for police Community Service Officer programs."""

__version__ = "0.1.0"
