"""Opening the local SQLite file: pragmas, migrations with a backup first, session factories."""

from app.db.database import Database, open_database

__all__ = ["Database", "open_database"]
