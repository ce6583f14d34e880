"""Alembic migrations. HEAD names the newest revision so opening a file can tell whether a
migration is pending without importing Alembic (0.35 s at start-up); a test keeps it true."""

HEAD = "0032"
