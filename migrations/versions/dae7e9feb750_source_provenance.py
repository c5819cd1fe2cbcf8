"""Sources: provenance status and note, and the date the page itself shows

Revision ID: dae7e9feb750
Revises: 080165224b2e
Create Date: 2026-11-29 03:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dae7e9feb750'
down_revision = '080165224b2e'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows are unverified until the bank is loaded again: never claim more.
    with op.batch_alter_table('source') as batch_op:
        batch_op.add_column(sa.Column('provenance', sa.String(length=20), nullable=False,
                                      server_default='unverified'))
        batch_op.add_column(sa.Column('provenance_note', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('stamped', sa.Date(), nullable=True))
    # The defaults only filled existing rows; the models set these columns themselves.
    with op.batch_alter_table('source') as batch_op:
        batch_op.alter_column('provenance', server_default=None)
        batch_op.alter_column('provenance_note', server_default=None)


def downgrade():
    with op.batch_alter_table('source') as batch_op:
        batch_op.drop_column('stamped')
        batch_op.drop_column('provenance_note')
        batch_op.drop_column('provenance')
