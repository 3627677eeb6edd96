"""Add sources, event_claims, corroborations, corroboration_log and proposals (issue #5).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sources',
        sa.Column('id', sa.String(length=128), primary_key=True),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('scale', sa.String(length=20), nullable=False),
        sa.Column('affiliation', sa.String(length=64), nullable=False),
        sa.Column('languages', sa.JSON(), nullable=False),
        sa.Column('aliases', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        'event_claims',
        sa.Column('claim_id', sa.Integer(), sa.ForeignKey('claims.id'), primary_key=True),
        sa.Column('event_id', sa.String(length=128), sa.ForeignKey('events.id'), nullable=False),
        sa.Column('report_id', sa.String(length=64), nullable=False),
        sa.Column('decision', sa.Text(), nullable=False),
        sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_event_claims_event_id', 'event_claims', ['event_id'])
    op.create_table(
        'corroborations',
        sa.Column('event_id', sa.String(length=128), sa.ForeignKey('events.id'), primary_key=True),
        sa.Column('grade', sa.String(length=20), nullable=False),
        sa.Column('scorer', sa.String(length=80), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('contest', sa.Text(), nullable=True),
        sa.Column('n_originators', sa.Integer(), nullable=False),
        sa.Column('n_affiliations', sa.Integer(), nullable=False),
        sa.Column('accused_confirms', sa.Boolean(), nullable=True),
        sa.Column('doc', sa.JSON(), nullable=False),
        sa.Column('duplicate_of', sa.String(length=128), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        'corroboration_log',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('event_ids', sa.JSON(), nullable=False),
        sa.Column('claim_ids', sa.JSON(), nullable=False),
        sa.Column('analyst', sa.String(length=128), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=False),
    )
    op.create_table(
        'proposals',
        sa.Column('id', sa.String(length=64), primary_key=True),
        sa.Column('regime_id', sa.String(length=128), nullable=True),
        sa.Column('change', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('report_id', sa.String(length=64), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=True),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('doc', sa.JSON(), nullable=False),
        sa.Column('decision', sa.Text(), nullable=False),
        sa.Column('decided_by', sa.String(length=128), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_proposals_regime_id', 'proposals', ['regime_id'])
    op.create_index('ix_proposals_state', 'proposals', ['state'])


def downgrade() -> None:
    op.drop_index('ix_proposals_state', table_name='proposals')
    op.drop_index('ix_proposals_regime_id', table_name='proposals')
    op.drop_table('proposals')
    op.drop_table('corroboration_log')
    op.drop_table('corroborations')
    op.drop_index('ix_event_claims_event_id', table_name='event_claims')
    op.drop_table('event_claims')
    op.drop_table('sources')
