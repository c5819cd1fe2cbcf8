"""Learner accounts: the "learner" role, and the learner key an account carries across devices

Revision ID: 59cc1e8fa959
Revises: d50cd4a96f22
Create Date: 2026-11-29 09:21:12.089042

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '59cc1e8fa959'
down_revision = 'd50cd4a96f22'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('teacher', 'admin')"
NEW_ROLES = "role IN ('teacher', 'admin', 'learner')"


def _replace_role_check(batch_op, condition):
    # A CHECK constraint cannot be altered: drop it and add the new one. On SQLite the batch
    # rebuilds the table, on PostgreSQL these are two ALTER TABLE statements.
    batch_op.drop_constraint(batch_op.f('ck_user_account_role'), type_='check')
    batch_op.create_check_constraint(batch_op.f('ck_user_account_role'), condition)


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('learner_key', sa.String(length=36), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_account_learner_key'), ['learner_key'])
        _replace_role_check(batch_op, NEW_ROLES)


def downgrade():
    # Learner accounts cannot exist without the role: their roster entries forget them (the
    # entries and attempts stay, tied to the learner key) and the accounts are deleted.
    learners = sa.text("SELECT id FROM user_account WHERE role = 'learner'")
    op.execute(sa.text(f"UPDATE roster_entry SET user_id = NULL WHERE user_id IN ({learners})"))
    op.execute(sa.text("DELETE FROM user_account WHERE role = 'learner'"))
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        _replace_role_check(batch_op, OLD_ROLES)
        batch_op.drop_constraint(batch_op.f('uq_user_account_learner_key'), type_='unique')
        batch_op.drop_column('learner_key')
