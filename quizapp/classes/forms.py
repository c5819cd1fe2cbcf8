"""Forms of classes: a class's name, joining by code, the roster and assigned quizzes."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from quizapp.domain.classcodes import CLASS_NAME_MAX, CODE_MAX_INPUT, clean_class_name
from quizapp.domain.usertext import clean_display_name

DISPLAY_NAME_MAX = 60  # the roster's column, as on the start form


def _clean_name(value):
    """Clean a display name before it is checked: invisible characters make an empty name."""
    return clean_display_name(value) if value else value


def _display_name_field(label, required_message):
    return StringField(
        label, validators=[DataRequired(required_message),
                           Length(max=DISPLAY_NAME_MAX,
                                  message=_l("Keep the name under 60 characters."))],
        filters=[_clean_name])


class ClassNameForm(FlaskForm):
    """A class's name, when it is made or renamed."""

    name = StringField(
        _l("Class name"),
        validators=[DataRequired(_l("Give the class a name.")),
                    Length(max=CLASS_NAME_MAX,
                           message=_l("Keep the class name under 120 characters."))],
        filters=[lambda value: clean_class_name(value) if value else value],
    )


class JoinClassForm(FlaskForm):
    """A learner joins a class with the code their teacher gave and a name."""

    code = StringField(
        _l("Class code"),
        validators=[DataRequired(_l("Type the class code.")),
                    Length(max=CODE_MAX_INPUT,
                           message=_l("Class codes are 6 letters and digits."))],
    )
    display_name = _display_name_field(_l("Your name"),
                                       _l("Type the name your teacher will see."))


class LearnerNameForm(FlaskForm):
    """The name a teacher gives a learner on the roster."""

    display_name = _display_name_field(_l("Name"), _l("Type a name for this learner."))


class ConfirmForm(FlaskForm):
    """A button that changes something; CSRF protection only."""


class MergeForm(FlaskForm):
    """Fold one roster entry into another that is the same person."""

    into = SelectField(_l("Same person as"), coerce=int, validate_choice=False,
                       validators=[InputRequired(_l("Choose the learner to merge into."))])


class AssignForm(FlaskForm):
    """Choose a quiz to assign to the class."""

    quiz_id = SelectField(_l("Quiz"), coerce=int, validate_choice=False,
                          validators=[InputRequired(_l("Choose a quiz to assign."))])


class UnassignForm(FlaskForm):
    """Take an assigned quiz off the class."""

    quiz_id = IntegerField(validators=[InputRequired()])


class ClassStartForm(FlaskForm):
    """Start an assigned quiz as a class member; the token stops double starts."""

    start_token = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f-]{36}$")])
