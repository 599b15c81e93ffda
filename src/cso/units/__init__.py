"""CSO and sworn units: status with its history, skills, roster, and lone-worker check-ins."""
