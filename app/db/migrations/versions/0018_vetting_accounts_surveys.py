"""candidate_check: each committee candidate's eligibility checks (推荐关、审核关) with who
checked and when (issue 17 item 1, DOMAIN.md §2); committee_account(_line, _print): a
committee's periodic accounts 公示 (公共收益、维修资金使用、经费开支) and its printed versions;
survey_campaign, survey_response: satisfaction surveys per estate entered from paper

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("db_id", sa.String(length=36), nullable=True),
    ]


def _parent(table: str, column: str, parent: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{parent}.uuid"], name=op.f(f"fk_{table}_{column}_{parent}")
    )


NEW_TABLES = (
    ("candidate_check", "member_uuid"),
    ("committee_account", "committee_uuid"),
    ("committee_account_line", "account_uuid"),
    ("committee_account_print", "account_uuid"),
    ("survey_campaign", "estate_uuid"),
    ("survey_response", "campaign_uuid"),
)


def upgrade() -> None:
    # New tables only: no batch copy of committee or committee_member.
    op.create_table(
        "committee_account",
        sa.Column("committee_uuid", sa.String(length=36), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_sync_columns(),
        _parent("committee_account", "committee_uuid", "committee"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_committee_account")),
    )
    op.create_table(
        "committee_account_line",
        sa.Column("account_uuid", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=10), nullable=False),
        sa.Column("item", sa.String(length=80), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_sync_columns(),
        _parent("committee_account_line", "account_uuid", "committee_account"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_committee_account_line")),
    )
    op.create_table(
        "committee_account_print",
        sa.Column("account_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        *_sync_columns(),
        _parent("committee_account_print", "account_uuid", "committee_account"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_committee_account_print")),
    )
    op.create_table(
        "survey_campaign",
        sa.Column("estate_uuid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("scale", sa.Integer(), nullable=False),
        sa.Column("items_json", sa.Text(), nullable=False),
        *_sync_columns(),
        _parent("survey_campaign", "estate_uuid", "estate"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_survey_campaign")),
    )
    op.create_table(
        "survey_response",
        sa.Column("campaign_uuid", sa.String(length=36), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("scores_json", sa.Text(), nullable=False),
        *_sync_columns(),
        _parent("survey_response", "campaign_uuid", "survey_campaign"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_survey_response")),
    )
    op.create_table(
        "candidate_check",
        sa.Column("member_uuid", sa.String(length=36), nullable=False),
        sa.Column("item", sa.String(length=16), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("checked_by", sa.String(length=40), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_sync_columns(),
        _parent("candidate_check", "member_uuid", "committee_member"),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_candidate_check")),
    )
    for table, parent in NEW_TABLES:
        for column in (parent, "origin", "seq"):
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, parent in reversed(NEW_TABLES):
        for column in ("seq", "origin", parent):
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
