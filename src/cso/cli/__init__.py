"""The `cso` command line: one module per command group."""
