"""Who may see and change a class: its teacher and admins; to anyone else it does not exist."""

from quizapp.classes.models import SchoolClass
from quizapp.ownership import owns, seen_or_404

# A row id in a URL: bounded, so a huge number is a 404 rather than a database error.
ID = "int(max=2147483647)"


def class_or_404(class_id):
    """Return the current teacher's class; another teacher's is a 404, not a 403."""
    return seen_or_404(SchoolClass, class_id, may=owns)
