"""casework: joint meetings, resolutions, problems, complaints, tasks, status history,
and the user's holiday table (issue 5)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('holiday_override',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_workday', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday_override'))
    )
    op.create_table('status_change',
    sa.Column('record_uuid', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('from_status', sa.String(length=12), nullable=False),
    sa.Column('to_status', sa.String(length=12), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_status_change'))
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_origin'), ['origin'], unique=False)
        batch_op.create_index('ix_status_change_record', ['record_uuid', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_change_seq'), ['seq'], unique=False)

    op.create_table('task',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('from_unit', sa.String(length=80), nullable=False),
    sa.Column('to_unit', sa.String(length=80), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('feedback_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('problem_uuid', sa.String(length=36), nullable=True),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['problem_uuid'], ['problem.uuid'], name=op.f('fk_task_problem_uuid_problem'), use_alter=True),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index('ix_task_deadline_uuid', ['deadline', 'uuid'], unique=False)
        batch_op.create_index('ix_task_open_deadline', ['deleted', 'status', 'deadline', 'to_unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_problem_uuid'), ['problem_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_seq'), ['seq'], unique=False)

    op.create_table('task_interview',
    sa.Column('task_uuid', sa.String(length=36), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['task_uuid'], ['task.uuid'], name=op.f('fk_task_interview_task_uuid_task')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_task_interview'))
    )
    with op.batch_alter_table('task_interview', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_interview_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_interview_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_interview_task_uuid'), ['task_uuid'], unique=False)

    op.create_table('task_reminder',
    sa.Column('task_uuid', sa.String(length=36), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('way', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['task_uuid'], ['task.uuid'], name=op.f('fk_task_reminder_task_uuid_task')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_task_reminder'))
    )
    with op.batch_alter_table('task_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_reminder_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_reminder_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_reminder_task_uuid'), ['task_uuid'], unique=False)

    op.create_table('complaint',
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('complainant_name', sa.String(length=40), nullable=False),
    sa.Column('complainant_phone', sa.String(length=24), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_uuid', sa.String(length=36), nullable=True),
    sa.Column('company_uuid', sa.String(length=36), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('first_response_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('callback_on', sa.Date(), nullable=True),
    sa.Column('satisfaction', sa.String(length=12), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['community_code'], ['org.code'], name=op.f('fk_complaint_community_code_org')),
    sa.ForeignKeyConstraint(['company_uuid'], ['property_company.uuid'], name=op.f('fk_complaint_company_uuid_property_company')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_complaint_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_complaint'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_community_code'), ['community_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_company_uuid'), ['company_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_estate_uuid'), ['estate_uuid'], unique=False)
        batch_op.create_index('ix_complaint_open', ['deleted', 'closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_origin'), ['origin'], unique=False)
        batch_op.create_index('ix_complaint_received_uuid', ['received_at', 'uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_seq'), ['seq'], unique=False)

    op.create_table('joint_meeting',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('venue', sa.String(length=120), nullable=False),
    sa.Column('host', sa.String(length=40), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_uuid', sa.String(length=36), nullable=True),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['community_code'], ['org.code'], name=op.f('fk_joint_meeting_community_code_org')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_joint_meeting_estate_uuid_estate')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_joint_meeting'))
    )
    with op.batch_alter_table('joint_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_meeting_community_code'), ['community_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_meeting_estate_uuid'), ['estate_uuid'], unique=False)
        batch_op.create_index('ix_joint_meeting_held_on_uuid', ['held_on', 'uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_meeting_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_meeting_seq'), ['seq'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('meeting_uuid', sa.String(length=36), nullable=False),
    sa.Column('party', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('post', sa.String(length=40), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_uuid'], ['joint_meeting.uuid'], name=op.f('fk_meeting_attendee_meeting_uuid_joint_meeting')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_meeting_attendee'))
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_uuid'), ['meeting_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_seq'), ['seq'], unique=False)

    op.create_table('resolution',
    sa.Column('meeting_uuid', sa.String(length=36), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('responsible_party', sa.String(length=40), nullable=False),
    sa.Column('responsible_unit', sa.String(length=80), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_uuid'], ['joint_meeting.uuid'], name=op.f('fk_resolution_meeting_uuid_joint_meeting')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_resolution'))
    )
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_meeting_uuid'), ['meeting_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolution_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolution_seq'), ['seq'], unique=False)

    op.create_table('problem',
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('community_code', sa.String(length=12), nullable=False),
    sa.Column('estate_uuid', sa.String(length=36), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=False),
    sa.Column('responsible_unit', sa.String(length=80), nullable=False),
    sa.Column('responsible_person', sa.String(length=40), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('rectified_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('reopen_reason', sa.Text(), nullable=False),
    sa.Column('resolution_uuid', sa.String(length=36), nullable=True),
    sa.Column('complaint_uuid', sa.String(length=36), nullable=True),
    sa.Column('task_uuid', sa.String(length=36), nullable=True),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('origin', sa.String(length=12), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['community_code'], ['org.code'], name=op.f('fk_problem_community_code_org')),
    sa.ForeignKeyConstraint(['complaint_uuid'], ['complaint.uuid'], name=op.f('fk_problem_complaint_uuid_complaint')),
    sa.ForeignKeyConstraint(['estate_uuid'], ['estate.uuid'], name=op.f('fk_problem_estate_uuid_estate')),
    sa.ForeignKeyConstraint(['resolution_uuid'], ['resolution.uuid'], name=op.f('fk_problem_resolution_uuid_resolution')),
    sa.ForeignKeyConstraint(['task_uuid'], ['task.uuid'], name=op.f('fk_problem_task_uuid_task')),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_problem'))
    )
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problem_community_code'), ['community_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_complaint_uuid'), ['complaint_uuid'], unique=False)
        batch_op.create_index('ix_problem_deadline_uuid', ['deadline', 'uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_estate_uuid'), ['estate_uuid'], unique=False)
        batch_op.create_index('ix_problem_open_deadline', ['deleted', 'status', 'deadline', 'responsible_unit'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_resolution_uuid'), ['resolution_uuid'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_seq'), ['seq'], unique=False)
        batch_op.create_index('ix_problem_status_unit', ['deleted', 'status', 'responsible_unit', 'deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_problem_task_uuid'), ['task_uuid'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problem_task_uuid'))
        batch_op.drop_index('ix_problem_status_unit')
        batch_op.drop_index(batch_op.f('ix_problem_seq'))
        batch_op.drop_index(batch_op.f('ix_problem_resolution_uuid'))
        batch_op.drop_index(batch_op.f('ix_problem_origin'))
        batch_op.drop_index('ix_problem_open_deadline')
        batch_op.drop_index(batch_op.f('ix_problem_estate_uuid'))
        batch_op.drop_index('ix_problem_deadline_uuid')
        batch_op.drop_index(batch_op.f('ix_problem_complaint_uuid'))
        batch_op.drop_index(batch_op.f('ix_problem_community_code'))

    op.drop_table('problem')
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_seq'))
        batch_op.drop_index(batch_op.f('ix_resolution_origin'))
        batch_op.drop_index(batch_op.f('ix_resolution_meeting_uuid'))

    op.drop_table('resolution')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_seq'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_origin'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_uuid'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('joint_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_meeting_seq'))
        batch_op.drop_index(batch_op.f('ix_joint_meeting_origin'))
        batch_op.drop_index('ix_joint_meeting_held_on_uuid')
        batch_op.drop_index(batch_op.f('ix_joint_meeting_estate_uuid'))
        batch_op.drop_index(batch_op.f('ix_joint_meeting_community_code'))

    op.drop_table('joint_meeting')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_seq'))
        batch_op.drop_index('ix_complaint_received_uuid')
        batch_op.drop_index(batch_op.f('ix_complaint_origin'))
        batch_op.drop_index('ix_complaint_open')
        batch_op.drop_index(batch_op.f('ix_complaint_estate_uuid'))
        batch_op.drop_index(batch_op.f('ix_complaint_company_uuid'))
        batch_op.drop_index(batch_op.f('ix_complaint_community_code'))

    op.drop_table('complaint')
    with op.batch_alter_table('task_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_reminder_task_uuid'))
        batch_op.drop_index(batch_op.f('ix_task_reminder_seq'))
        batch_op.drop_index(batch_op.f('ix_task_reminder_origin'))

    op.drop_table('task_reminder')
    with op.batch_alter_table('task_interview', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_interview_task_uuid'))
        batch_op.drop_index(batch_op.f('ix_task_interview_seq'))
        batch_op.drop_index(batch_op.f('ix_task_interview_origin'))

    op.drop_table('task_interview')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_seq'))
        batch_op.drop_index(batch_op.f('ix_task_problem_uuid'))
        batch_op.drop_index(batch_op.f('ix_task_origin'))
        batch_op.drop_index('ix_task_open_deadline')
        batch_op.drop_index('ix_task_deadline_uuid')

    op.drop_table('task')
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_seq'))
        batch_op.drop_index('ix_status_change_record')
        batch_op.drop_index(batch_op.f('ix_status_change_origin'))

    op.drop_table('status_change')
    op.drop_table('holiday_override')
