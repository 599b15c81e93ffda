"""The Analytics page: replay a policy over an export, with a what-if, for the analyst."""
