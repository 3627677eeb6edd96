"""Create the core tables: regimes, regime history, events, assessments, imports, reports, claims.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 16:01:57.798958
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('id', sa.String(length=128), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=True),
    sa.Column('origin_id', sa.String(length=128), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.Column('date_end', sa.Date(), nullable=False),
    sa.Column('date_prec', sa.Integer(), nullable=False),
    sa.Column('earliest_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('latest_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('event_type', sa.String(length=40), nullable=False),
    sa.Column('actor1', sa.Text(), nullable=True),
    sa.Column('actor2', sa.Text(), nullable=True),
    sa.Column('actor1_id', sa.String(length=128), nullable=True),
    sa.Column('actor2_id', sa.String(length=128), nullable=True),
    sa.Column('directed', sa.Boolean(), nullable=False),
    sa.Column('type_of_violence', sa.Integer(), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=True),
    sa.Column('admin1_pcode', sa.String(length=16), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin2_pcode', sa.String(length=16), nullable=True),
    sa.Column('admin2', sa.Text(), nullable=True),
    sa.Column('admin3_pcode', sa.String(length=16), nullable=True),
    sa.Column('admin3', sa.Text(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('location_pcode', sa.String(length=16), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('fatalities_low', sa.Integer(), nullable=True),
    sa.Column('fatalities_best', sa.Integer(), nullable=True),
    sa.Column('fatalities_high', sa.Integer(), nullable=True),
    sa.Column('doc', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('origin', 'origin_id', name='uq_events_origin')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_admin1', ['admin1_pcode'], unique=False)
        batch_op.create_index('ix_events_date', ['date_start'], unique=False)
        batch_op.create_index('ix_events_lon_lat', ['lon', 'lat'], unique=False)

    op.create_table('imports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('invalid', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.create_index('ix_imports_hash', ['kind', 'file_hash'], unique=False)

    op.create_table('regimes',
    sa.Column('id', sa.String(length=128), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('name_ar', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('parent_id', sa.String(length=128), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('doc', sa.JSON(), nullable=False),
    sa.Column('doc_hash', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('reports',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.String(length=128), nullable=True),
    sa.Column('originator', sa.String(length=128), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('regime_id', sa.String(length=128), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=True),
    sa.Column('rule', sa.String(length=80), nullable=False),
    sa.Column('in_zone', sa.Boolean(), nullable=True),
    sa.Column('zone_distance_m', sa.Float(), nullable=True),
    sa.Column('in_window', sa.Boolean(), nullable=True),
    sa.Column('perpetrator_bound', sa.Boolean(), nullable=True),
    sa.Column('target_excluded', sa.Boolean(), nullable=True),
    sa.Column('prohibited_act', sa.Boolean(), nullable=True),
    sa.Column('perpetrator_id', sa.String(length=128), nullable=True),
    sa.Column('contest', sa.Text(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('reviewer', sa.String(length=128), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('supersedes', sa.Integer(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('gazetteer_version', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['regime_id'], ['regimes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('ix_assessments_pair', ['event_id', 'regime_id'], unique=False)
        batch_op.create_index('ix_assessments_regime', ['regime_id', 'is_current', 'verdict'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('report_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_report_id'), ['report_id'], unique=False)

    op.create_table('quarantine',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['imports.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('regime_history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('regime_id', sa.String(length=128), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('change', sa.String(length=40), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('report_id', sa.String(length=64), nullable=True),
    sa.Column('actor', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['regime_id'], ['regimes.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('regime_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regime_history_regime_id'), ['regime_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('regime_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regime_history_regime_id'))

    op.drop_table('regime_history')
    op.drop_table('quarantine')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_report_id'))

    op.drop_table('claims')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index('ix_assessments_regime')
        batch_op.drop_index('ix_assessments_pair')

    op.drop_table('assessments')
    op.drop_table('reports')
    op.drop_table('regimes')
    with op.batch_alter_table('imports', schema=None) as batch_op:
        batch_op.drop_index('ix_imports_hash')

    op.drop_table('imports')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_lon_lat')
        batch_op.drop_index('ix_events_date')
        batch_op.drop_index('ix_events_admin1')

    op.drop_table('events')
