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


def test_the_sealing_migration_lists_every_personal_column() -> None:
    """Migration 0031 seals the columns of its own frozen list: a model's `__sensitive__`
    column missing there would stay in clear in every file migrated from before it."""
    import importlib

    sealing = importlib.import_module("app.db.migrations.versions.0031_personal_fields_sealed")
    declared = {
        (mapper.local_table.name, column)
        for mapper in Base.registry.mappers
        for column in getattr(mapper.class_, "__sensitive__", ())
    }
    frozen = {(table, c) for table, columns in sealing.SENSITIVE.items() for c in columns}
    assert declared, "no model declares a personal column"
    assert sorted(declared - frozen) == []
