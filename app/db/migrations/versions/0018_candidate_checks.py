"""candidate_check: each committee candidate's eligibility checks (推荐关、审核关) with who
checked and when (issue 17 item 1, DOMAIN.md §2)

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table only: no batch copy of committee_member.
    op.create_table(
        "candidate_check",
        sa.Column("member_uuid", sa.String(length=36), nullable=False),
        sa.Column("item", sa.String(length=16), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("checked_by", sa.String(length=40), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("db_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_uuid"],
            ["committee_member.uuid"],
            name=op.f("fk_candidate_check_member_uuid_committee_member"),
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_candidate_check")),
    )
    for column in ("member_uuid", "origin", "seq"):
        op.create_index(op.f(f"ix_candidate_check_{column}"), "candidate_check", [column])


def downgrade() -> None:
    for column in ("seq", "origin", "member_uuid"):
        op.drop_index(op.f(f"ix_candidate_check_{column}"), table_name="candidate_check")
    op.drop_table("candidate_check")
