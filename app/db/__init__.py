"""Opening the local SQLite file: pragmas, migrations with a backup first, session factories.

`Database` and `open_database` load lazily: importing SQLAlchemy costs about 0.45 s, and the
window paints before it needs them (`app.db.peek` reads what the first paint shows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.db.database import Database, open_database

__all__ = ["Database", "open_database"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from app.db import database

        return getattr(database, name)
    raise AttributeError(name)
