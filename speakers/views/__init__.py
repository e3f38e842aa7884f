"""Public views: one module per page or group of routes."""
