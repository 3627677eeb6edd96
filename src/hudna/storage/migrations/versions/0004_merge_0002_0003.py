"""Merge the two branches that both revise 0001: 0002 (issue #5) and 0003 (issue #6).

Revision ID: 0004
Revises: 0002, 0003
"""

revision = '0004'
down_revision = ('0002', '0003')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
