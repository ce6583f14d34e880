"""Alembic environment: always run by `app.db.migrate` on a connection it hands over."""

from alembic import context

from app.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
