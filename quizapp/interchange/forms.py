"""Forms of the import pages; each says what is wrong beside its field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from quizapp.domain.interchange.reading import LABELS

GUESS = "guess"


class ImportForm(FlaskForm):
    """A question file and its format; `title` only when it makes a new set."""

    file = FileField(_l("Question file"), validators=[FileRequired(_l("Choose a file."))])
    format = SelectField(
        _l("Format"),
        choices=[SelectChoice(GUESS, _l("From the file name (.gift, .xml, .csv, .yaml)"))]
        + [SelectChoice(name, label) for name, label in LABELS.items()])


class NewSetImportForm(ImportForm):
    """The import form for a new set: its title too."""

    title = StringField(_l("Title of the new set"), validators=[
        DataRequired(_l("Give the new set a title.")),
        Length(max=200, message=_l("A title is at most %(max)d characters.", max=200))])


class ConfirmForm(FlaskForm):
    """Confirm an import shown in its preview (the CSRF token is all it holds)."""
