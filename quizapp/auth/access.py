"""Who may use the teacher's pages: teachers and admins; a learner's account is refused."""

from functools import wraps

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden


class TeachersOnly(Forbidden):
    """A learner's account asked for a teacher's page."""

    explained = True  # its title and description are written for people: the page shows them
    title = _l("This page is for teachers")
    description = _l("Your account is a learner's. Your classes and attempts are under "
                     "My classes.")


def teacher_required(view):
    """Send visitors without an account to log in, as login_required does; refuse learners.

    A learner's account is logged in, so sending it to log in would loop: it gets a 403.
    """

    @wraps(view)
    def checked(*args, **kwargs):
        if current_user.is_authenticated and not current_user.may_teach:
            raise TeachersOnly()
        return view(*args, **kwargs)

    return login_required(checked)


def home_url(user):
    """Return where `user` lands after logging in: a learner's classes, a teacher's home."""
    if user.is_learner:
        return url_for("classes.my_classes")
    return url_for("teach.home")
