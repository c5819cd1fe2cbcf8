"""Forms of the question-set pages; each says what is wrong beside the field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from quizapp.authoring.set_services import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from quizapp.domain.kinds import KINDS

DIFFICULTIES = (("1", _l("1 (easy)")), ("2", _l("2")), ("3", _l("3 (hard)")))


def _strip(value):
    """Return a text value without surrounding spaces (None stays None)."""
    return value.strip() if isinstance(value, str) else value


class SetForm(FlaskForm):
    """A set's title and description."""

    title = StringField(_l("Title"), filters=[_strip], validators=[
        DataRequired(_l("Give the set a title.")),
        Length(max=TITLE_MAX_LENGTH, message=_l("A title is at most %(max)d characters.",
                                                max=TITLE_MAX_LENGTH))])
    description = TextAreaField(_l("Description"), filters=[_strip], validators=[
        Length(max=DESCRIPTION_MAX_LENGTH,
               message=_l("A description is at most %(max)d characters.",
                          max=DESCRIPTION_MAX_LENGTH))])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token is checked."""


class PublishForm(FlaskForm):
    """Publish ("1") or unpublish ("0") a set."""

    published = HiddenField(validators=[AnyOf(("0", "1"))])


class FilterForm(Form):
    """Narrow a set page to one kind, tag or difficulty: a plain GET form, no token."""

    kind = SelectField(_l("Kind"), validate_choice=True)
    tag = SelectField(_l("Tag"), validate_choice=True)
    difficulty = SelectField(_l("Difficulty"), validate_choice=True)

    def offer(self, tags):
        """Set the choices: every kind, the set's tags, every difficulty, each or "any"."""
        anything = [("", _l("Any"))]
        self.kind.choices = anything + [(name, _l(kind.label)) for name, kind in KINDS.items()]
        self.tag.choices = anything + [(tag, tag) for tag in tags]
        self.difficulty.choices = anything + list(DIFFICULTIES)
        for field in (self.kind, self.tag, self.difficulty):
            field.data = field.data or ""
