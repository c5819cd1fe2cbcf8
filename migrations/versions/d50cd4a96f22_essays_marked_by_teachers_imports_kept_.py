"""Essays marked by teachers (who, when, how many wait); uploaded question files kept
between their preview and the teacher's confirm

Revision ID: d50cd4a96f22
Revises: efb1a0e4204a
Create Date: 2026-11-29 06:12:09.614684

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd50cd4a96f22'
down_revision = 'efb1a0e4204a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_import_upload_owner_id_user_account')),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_import_upload_set_id_question_set'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_upload'))
    )
    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_upload_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_upload_set_id'), ['set_id'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unmarked', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('marked_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('marked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_response_marked_by_id_user_account'), 'user_account', ['marked_by_id'], ['id'])



def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_response_marked_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('marked_at')
        batch_op.drop_column('marked_by_id')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('unmarked')

    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_upload_set_id'))
        batch_op.drop_index(batch_op.f('ix_import_upload_owner_id'))

    op.drop_table('import_upload')
