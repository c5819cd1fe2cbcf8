"""Who may see and change a class: its teacher and admins; to anyone else it does not exist."""

from flask import abort
from flask_login import current_user

from quizapp.classes.models import SchoolClass
from quizapp.extensions import db

# A row id in a URL: bounded, so a huge number is a 404 rather than a database error.
ID = "int(max=2147483647)"


def class_or_404(class_id):
    """Return the current teacher's class; another teacher's is a 404, not a 403."""
    school_class = db.get_or_404(SchoolClass, class_id)
    if not (current_user.is_admin or school_class.owner_id == current_user.id):
        abort(404)
    return school_class
