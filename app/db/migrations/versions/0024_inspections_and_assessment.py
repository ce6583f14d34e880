"""督查 visits with their findings and 整改反馈, and the 考核 sheet with self-scores and reviews
(issue 16 items 4, 8); the old task_interview rows copied into interview

The task form's 约谈 now writes an `Interview` linked to its task; every task_interview row is
copied into interview under the same uuid (so an office and the office above, each migrating
its own copy, hold one and the same interview), with a fresh seq and the next 约谈 number of
its year. The task_interview table stays, no longer written: packages made before the upgrade
may still carry it.

Revision ID: 0024
Revises: 0021
Create Date: 2026-12-03

Plain create_table only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('origin', sa.String(length=12), nullable=False),
        sa.Column('rev', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('db_id', sa.String(length=36), nullable=True),
    ]


def _indexes(table: str, *columns: str) -> None:
    for column in ('origin', 'seq', *columns):
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.uuid'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint('uuid', name=op.f(f'pk_{table}'))


def upgrade() -> None:
    op.create_table('inspection',
    sa.Column('number', sa.String(length=12), nullable=True),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('inspectors', sa.Text(), nullable=False),
    sa.Column('estates', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    *_sync_columns(), _pk('inspection'))
    _indexes('inspection', 'number')
    op.create_table('inspection_finding',
    sa.Column('inspection_uuid', sa.String(length=36), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_name', sa.String(length=80), nullable=False),
    sa.Column('responsible_unit', sa.String(length=80), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('problem_uuid', sa.String(length=36), nullable=True),
    *_sync_columns(), _fk('inspection_finding', 'inspection_uuid', 'inspection'),
    _pk('inspection_finding'))
    _indexes('inspection_finding', 'inspection_uuid', 'community_code', 'to_office',
             'problem_uuid')
    op.create_table('inspection_feedback',
    sa.Column('finding_uuid', sa.String(length=36), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    *_sync_columns(), _fk('inspection_feedback', 'finding_uuid', 'inspection_finding'),
    _pk('inspection_feedback'))
    _indexes('inspection_feedback', 'finding_uuid')
    op.create_table('assessment_sheet',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('issuer', sa.String(length=80), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    *_sync_columns(), _pk('assessment_sheet'))
    _indexes('assessment_sheet', 'year')
    op.create_table('assessment_item',
    sa.Column('sheet_uuid', sa.String(length=36), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('max_points', sa.Float(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('figure', sa.String(length=24), nullable=False),
    *_sync_columns(), _fk('assessment_item', 'sheet_uuid', 'assessment_sheet'),
    _pk('assessment_item'))
    _indexes('assessment_item', 'sheet_uuid')
    op.create_table('assessment_score',
    sa.Column('item_uuid', sa.String(length=36), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('figure_text', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('scored_on', sa.Date(), nullable=False),
    *_sync_columns(), _fk('assessment_score', 'item_uuid', 'assessment_item'),
    _pk('assessment_score'))
    _indexes('assessment_score', 'item_uuid')
    op.create_table('assessment_review',
    sa.Column('score_uuid', sa.String(length=36), nullable=False),
    sa.Column('to_office', sa.String(length=12), nullable=False),
    sa.Column('points', sa.Float(), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    *_sync_columns(), _fk('assessment_review', 'score_uuid', 'assessment_score'),
    _pk('assessment_review'))
    _indexes('assessment_review', 'score_uuid', 'to_office')
    _copy_task_interviews()


def _copy_task_interviews() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT ti.uuid, ti.origin, ti.rev, ti.updated_at, ti.deleted, ti.db_id, ti.task_uuid,"
        " ti.\"on\", ti.participants, ti.outcome, t.number, t.title, t.to_unit, t.to_office"
        " FROM task_interview ti JOIN task t ON t.uuid = ti.task_uuid"
        " WHERE ti.uuid NOT IN (SELECT uuid FROM interview)"
        " ORDER BY ti.\"on\", ti.seq"
    )).all()
    if not rows:
        return
    seq = bind.execute(sa.text("SELECT value FROM seq_counter WHERE id = 1")).scalar() or 0
    numbers: dict[str, int] = {}
    for year, top in bind.execute(sa.text(
        "SELECT substr(number, 1, 4), max(CAST(substr(number, 6) AS INTEGER)) FROM interview"
        " WHERE number IS NOT NULL GROUP BY substr(number, 1, 4)"
    )):
        numbers[str(year)] = int(top or 0)
    for r in rows:
        seq += 1
        year = str(r.on)[:4]
        numbers[year] = numbers.get(year, 0) + 1
        bind.execute(sa.text(
            "INSERT INTO interview (uuid, origin, rev, updated_at, deleted, seq, db_id, number,"
            " subject_kind, subject, to_office, reason, task_uuid, form, meets_at, place, hosts,"
            " attendees, notified_on, held_on, record, requirements, rectified_note)"
            " VALUES (:uuid, :origin, :rev, :updated_at, :deleted, :seq, :db_id, :number,"
            " :kind, :subject, :to_office, :reason, :task_uuid, '当面约谈', :meets_at, '', '',"
            " :attendees, :on, :on, :record, '', '')"
        ), {
            "uuid": r.uuid, "origin": r.origin, "rev": r.rev, "updated_at": r.updated_at,
            "deleted": r.deleted, "seq": seq, "db_id": r.db_id,
            "number": f"{year}-{numbers[year]:04d}",
            "kind": "office" if r.to_office else "company", "subject": r.to_unit,
            "to_office": r.to_office,
            "reason": f"督办事项{r.number or ''}“{r.title}”逾期或落实不力",
            "task_uuid": r.task_uuid, "meets_at": f"{str(r.on)[:10]} 00:00:00.000000",
            "attendees": r.participants, "on": r.on, "record": r.outcome,
        })
    bind.execute(sa.text("UPDATE seq_counter SET value = :seq WHERE id = 1"), {"seq": seq})


def downgrade() -> None:
    for table in ('assessment_review', 'assessment_score', 'assessment_item',
                  'assessment_sheet', 'inspection_feedback', 'inspection_finding',
                  'inspection'):
        op.drop_table(table)
