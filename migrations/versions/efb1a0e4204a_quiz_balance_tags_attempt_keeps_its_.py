"""Quizzes may balance their draw across tags; an attempt keeps its quiz's feedback rule

Revision ID: efb1a0e4204a
Revises: c524134fcf9c
Create Date: 2026-11-29 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'efb1a0e4204a'
down_revision = 'c524134fcf9c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('balance_tags', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback', sa.String(length=20), nullable=False,
                                      server_default='after_submit'))
    # Attempts made before this revision were shown their quiz's rule as it is now.
    op.execute("UPDATE attempt SET feedback = "
               "(SELECT quiz.feedback FROM quiz WHERE quiz.id = attempt.quiz_id)")


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('feedback')

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('balance_tags')
