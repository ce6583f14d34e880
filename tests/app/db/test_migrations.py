"""The migrations and the models describe the same schema, and HEAD names the newest one."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import open_database
from app.db.migrate import MIGRATIONS_DIR
from app.db.migrations import HEAD
from app.db.problem_tally import made_by_sql
from app.models import Base


def test_head_constant_names_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migrated_schema_matches_the_models(db_path: Path) -> None:
    database = open_database(db_path)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parent: (
                    kind != "table" or not made_by_sql(name)
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []
    database.close()
