"""Small excerpts of real public data that the demo runs on."""
