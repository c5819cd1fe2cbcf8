"""Source versions: a cited body is edited by adding a newer row that points back

Revision ID: c524134fcf9c
Revises: f7dd40b82fd4
Create Date: 2026-11-29 06:23:07.085660

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c524134fcf9c'
down_revision = 'f7dd40b82fd4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_source_previous_id'), ['previous_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_source_previous_id_source'), 'source', ['previous_id'], ['id'])


def downgrade():
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_source_previous_id_source'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_source_previous_id'))
        batch_op.drop_column('previous_id')
        batch_op.drop_column('version')
