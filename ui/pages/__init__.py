"""Navigation pages. Each is its own class, built the first time it is shown."""
