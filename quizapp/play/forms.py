"""Forms of the learner flow; answers themselves are read by the question kinds."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
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


class AnswerForm(FlaskForm):
    """CSRF protection for a question page; the kind reads the answer fields."""


class SubmitForm(FlaskForm):
    """Hand the attempt in for scoring."""


class JoinForm(FlaskForm):
    """Open a quiz by the code the teacher gave."""

    code = StringField(
        _l("Join code"),
        validators=[DataRequired(_l("Type the join code.")),
                    Length(max=20, message=_l("Join codes are at most 12 characters."))],
    )
