"""The quiz form: its sets and the settings the bank format knows, each checked beside its field.

Times are typed in UTC, said on the form: a school's zone is not known to the app.
"""

from datetime import UTC

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.domain import bankschema
from quizapp.domain.bankschema import FieldError, check_text

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
FEEDBACK_LABELS = {
    "immediate": _l("After each answer (the answer is then final)"),
    "after_submit": _l("When the learner hands the quiz in"),
    "after_close": _l("Once the quiz has closed"),
    "never": _l("Never: learners see only that their answers were handed in"),
}
GRADING_LABELS = {
    "best": _l("The best attempt"),
    "last": _l("The last attempt"),
    "average": _l("The average of all attempts"),
}


def choices(labels):
    """Return {value: label} as the choices of a field."""
    return [SelectChoice(value, label) for value, label in labels.items()]


class CheckboxList(SelectMultipleField):
    """Several choices, shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(max_length, line):
    """Return a validator holding text to the bank format's rule for the field."""
    message = (_l("Use at most %(max)d characters, on one line.", max=max_length) if line
               else _l("Use at most %(max)d characters.", max=max_length))

    def check(form, field):
        try:
            check_text(field.name, field.data or "", max_length, line)
        except FieldError as error:
            too_long = str(error).endswith("characters")
            raise ValidationError(message if too_long else _l(
                "Remove the control characters (such as tabs or line breaks).")) from None

    return check


def _whole(name, says):
    """Return a NumberRange with the bank format's bounds for `name`."""
    spec = bankschema.QUIZ[name]
    return NumberRange(min=spec.low, max=spec.high, message=_l(says, low=spec.low, high=spec.high))


def _utc(field):
    """Return the field's time as UTC (it is typed in UTC), or None."""
    return field.data.replace(tzinfo=UTC) if field.data else None


class QuizForm(FlaskForm):
    """A quiz's sets and settings; `pool_size(set_ids, tags)` counts what it may draw."""

    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Give the quiz a title.")),
        _text(bankschema.QUIZ["title"].max_length, line=True)],
        filters=[lambda v: v.strip() if v else v])
    description = TextAreaField(_l("Description (optional)"), validators=[
        _text(bankschema.QUIZ["description"].max_length, line=False)],
        filters=[lambda v: v.strip() if v else ""])
    sets = CheckboxList(_l("Question sets"), coerce=int, validate_choice=False)
    tags = CheckboxList(_l("Only questions tagged (optional)"), validate_choice=False)
    question_count = IntegerField(_l("Number of questions (optional)"), validators=[
        Optional(), _whole("question_count", "Use a whole number from %(low)d to %(high)d, "
                                             "or leave it empty for every question.")])
    balance_tags = BooleanField(_l("Balance each draw across tags"))
    shuffle_questions = BooleanField(_l("Shuffle the questions"), default=True)
    shuffle_choices = BooleanField(_l("Shuffle the choices"), default=True)
    time_limit_minutes = IntegerField(_l("Time limit in minutes (optional)"), validators=[
        Optional(), _whole("time_limit_minutes", "Use a whole number of minutes from %(low)d "
                                                 "to %(high)d, or leave it empty for none.")])
    attempts_allowed = IntegerField(_l("Attempts allowed (optional)"), validators=[
        Optional(), _whole("attempts_allowed", "Use a whole number from %(low)d to %(high)d, "
                                               "or leave it empty for unlimited.")])
    grading = RadioField(_l("Which attempt counts"), choices=choices(GRADING_LABELS),
                         default="best")
    feedback = RadioField(_l("When learners see the answers"), choices=choices(FEEDBACK_LABELS),
                          default="after_submit")
    opens_at = DateTimeLocalField(_l("Opens at, UTC (optional)"), format=TIME_FORMATS,
                                  validators=[Optional()])
    closes_at = DateTimeLocalField(_l("Closes at, UTC (optional)"), format=TIME_FORMATS,
                                   validators=[Optional()])
    listed = BooleanField(_l("List it on the home page"))

    def __init__(self, *args, set_choices=(), tag_choices=(), pool_size=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sets.choices = choices(dict(set_choices))
        self.tags.choices = choices({t: t for t in tag_choices})
        self._pool_size = pool_size

    def validate_sets(self, field):
        """Refuse no set, or a set the teacher may not use (a forged id)."""
        if not field.data:
            raise ValidationError(_l("Choose at least one question set."))
        allowed = {choice.value for choice in field.choices}
        if not set(field.data) <= allowed:
            raise ValidationError(_l("Choose among your own sets and the bundled ones."))

    def validate_tags(self, field):
        """Refuse a tag that is not offered, or more than the bank format allows."""
        if not set(field.data or ()) <= {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose among the tags listed."))
        if len(field.data or ()) > bankschema.QUIZ["tags"].high:
            raise ValidationError(_l("Choose at most %(n)d tags.", n=bankschema.QUIZ["tags"].high))

    def validate_closes_at(self, field):
        """Refuse a close that is not after the opening."""
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The quiz must close after it opens."))

    def validate(self, extra_validators=None):
        """Check each field, then that the sets and tags hold enough questions."""
        if not super().validate(extra_validators):
            return False
        size = self._pool_size(self.sets.data, self.tags.data or ())
        if size == 0:
            target = self.tags if self.tags.data else self.sets
            target.errors.append(_l("No question of the chosen sets has these tags.")
                                 if self.tags.data else _l("The chosen sets have no question."))
            return False
        if self.question_count.data and self.question_count.data > size:
            self.question_count.errors.append(
                _l("The chosen sets and tags hold only %(n)d questions.", n=size))
            return False
        return True

    def values(self):
        """Return the settings as the quiz keeps them."""
        return {
            "title": self.title.data, "description": self.description.data or "",
            "question_count": self.question_count.data, "balance_tags": self.balance_tags.data,
            "tags": list(self.tags.data or ()), "shuffle_questions": self.shuffle_questions.data,
            "shuffle_choices": self.shuffle_choices.data,
            "time_limit_minutes": self.time_limit_minutes.data,
            "attempts_allowed": self.attempts_allowed.data, "grading": self.grading.data,
            "feedback": self.feedback.data, "opens_at": _utc(self.opens_at),
            "closes_at": _utc(self.closes_at), "listed": self.listed.data,
        }


class ConfirmForm(FlaskForm):
    """A button that changes something (delete, close now): CSRF protection only."""
