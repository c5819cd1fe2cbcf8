"""Forms of the learner flow; answers themselves are read by the question kinds."""

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import validate_csrf
from wtforms import HiddenField, StringField, ValidationError
from wtforms.validators import DataRequired, Length, Regexp

from quizapp.domain.usertext import clean_display_name


class StartForm(FlaskForm):
    """The learner's display name, and a one-time token against double starts."""

    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Type the name your teacher will see.")),
                    Length(max=60, message=_l("Keep your name under 60 characters."))],
        # Cleaned before it is checked: a name of invisible characters is an empty name.
        filters=[lambda value: clean_display_name(value) if value else value],
    )
    start_token = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f-]{36}$")])


def answer_token_valid():
    """Tell whether a posted answer carries a valid CSRF token; the kind reads its fields.

    CSRFProtect checks every POST before the view runs and marks the request valid; a
    form object would only look again, at the cost of building it on every save. The
    token is checked here when CSRFProtect did not check it.
    """
    if not current_app.config.get("WTF_CSRF_ENABLED", True) or g.get("csrf_valid"):
        return True
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


class SubmitForm(FlaskForm):
    """Hand the attempt in for scoring."""


class JoinForm(FlaskForm):
    """Open a quiz by the code the teacher gave."""

    code = StringField(
        _l("Join code"),
        validators=[DataRequired(_l("Type the join code.")),
                    Length(max=20, message=_l("Join codes are at most 12 characters."))],
    )
