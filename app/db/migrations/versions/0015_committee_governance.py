"""committee governance: first meeting date, negative-list measures, figure indexes (issue 17)

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain nullable column: no batch copy of committee (issue 17, DOMAIN.md §2 first meeting).
    op.add_column("committee", sa.Column("first_meeting_on", sa.Date(), nullable=True))
    # How a 负面清单 item was handled (提醒, 约谈, 责令整改, 罢免建议) and when.
    op.add_column("negative_record", sa.Column("measure", sa.String(length=12), nullable=True))
    op.add_column("negative_record", sa.Column("handled_on", sa.Date(), nullable=True))
    # Covering indexes for the committee figures (issue 17 item 7: 总览 within 1 s on 100,000).
    op.create_index(
        "ix_committee_term",
        "committee",
        ["estate_uuid", "kind", "status", "term_end", "term_start", "filed_on", "deleted"],
    )
    op.create_index(
        "ix_committee_member_roster",
        "committee_member",
        ["committee_uuid", "role", "deleted", "party_member"],
    )


def downgrade() -> None:
    op.drop_index("ix_committee_member_roster", table_name="committee_member")
    op.drop_index("ix_committee_term", table_name="committee")
    with op.batch_alter_table("negative_record") as batch_op:
        batch_op.drop_column("handled_on")
        batch_op.drop_column("measure")
    with op.batch_alter_table("committee") as batch_op:
        batch_op.drop_column("first_meeting_on")
