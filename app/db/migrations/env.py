"""Alembic environment: always run by `app.db.migrate` on a connection it hands over."""

from alembic import context

from app.db.problem_tally import made_by_sql
from app.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
    compare_type=True,
    # Text indexes and the problem tally are made by SQL, not by the models.
    include_name=lambda name, kind, _parent: kind != "table" or not made_by_sql(name),
)
with context.begin_transaction():
    context.run_migrations()
