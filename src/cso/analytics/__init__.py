"""Analytics: replay agency policy over historical calls for service."""
