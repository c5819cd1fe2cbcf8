"""The one ownership rule for what teachers make (question sets, quizzes, sources, classes).

A row without an owner is bundled: every teacher sees it, and only the bank files change
it. A row with an owner belongs to that teacher and to the admins; to anyone else it does
not exist, so they get a 404 rather than a 403 that would confirm it.
"""

from flask import abort
from flask_login import current_user

from quizapp.extensions import db


def owns(row, user):
    """Tell whether `user` is logged in and owns `row` or is an admin; no one owns a bundled row."""
    if row.owner_id is None or not user.is_authenticated:
        return False
    return user.is_admin or row.owner_id == user.id


def may_see(row, user):
    """Tell whether `user` may see `row` as a teacher: bundled, their own, or they are admin."""
    return row.owner_id is None or owns(row, user)


def seen_or_404(model, row_id, may=may_see):
    """Return the `model` row the current user may see; anything else is a 404."""
    row = db.get_or_404(model, row_id)
    if not may(row, current_user):
        abort(404)
    return row


def changeable_or_404(model, row_id, may_change=owns):
    """Return a row the current user may change: 404 for another's, 403 for a bundled one."""
    row = seen_or_404(model, row_id)
    if not may_change(row, current_user):
        abort(403)
    return row
