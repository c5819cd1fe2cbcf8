"""Forms of a teacher's sources; each says what is wrong beside the field.

The limits and the date and address rules are the bank format's (`bankschema.SOURCE`), so a
source written here can be exported as a bank file and loaded again.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from quizapp.domain.articles import MAX_BODY_CHARS
from quizapp.domain.bankschema import SOURCE, FieldError
from quizapp.domain.provenance import DEFAULT_STATUS

UPLOAD_EXTENSIONS = ("txt", "html", "htm")
NOTE_LENGTH = SOURCE["provenance_note"].max_length

PROVENANCE_CHOICES = [
    SelectChoice("unverified", _l("Unverified: no original from the outlet is known")),
    SelectChoice("copy", _l("A copy: a third party's copy of the outlet's report")),
    SelectChoice("verified", _l("Verified: I checked it against the outlet's own page")),
]


def _at_most(name):
    """Return a Length validator with the bank format's limit for field `name`."""
    limit = SOURCE[name].max_length
    return Length(max=limit, message=_l("Use at most %(max)d characters.", max=limit))


def check_published(form, field):
    """Read YYYY, YYYY-MM or YYYY-MM-DD into `.day` and `.precision`; blank is unknown."""
    field.day, field.precision = None, "unknown"
    value = (field.data or "").strip()
    if not value:
        return
    try:
        field.day, field.precision = SOURCE["published"].read("published", value)
    except FieldError as error:
        raise ValidationError(_l("Write the date as 2024, 2024-03 or 2024-03-14: only as "
                                 "precise as you know it, and a real date.")) from error


def check_url(form, field):
    """Refuse anything but an http(s) address without spaces; blank means unknown."""
    value = (field.data or "").strip()
    field.data = value or None
    if value:
        try:
            SOURCE["url"].read("url", value)
        except FieldError as error:
            raise ValidationError(_l("Give the full address, starting with https:// "
                                     "(or leave it empty).")) from error


class DetailsForm(FlaskForm):
    """What a teacher says about a source: who published it, when, where, and what is known."""

    headline = StringField(_l("Headline"), validators=[
        DataRequired(_l("Type the article's headline.")), _at_most("headline")])
    outlet = StringField(_l("Outlet"), validators=[
        DataRequired(_l("Type the outlet the page presents itself as.")), _at_most("outlet")])
    published = StringField(_l("Published"), validators=[Optional(strip_whitespace=False),
                                                         Length(max=10), check_published])
    url = StringField(_l("Original address (URL)"), validators=[_at_most("url"), check_url])
    provenance = SelectField(_l("What is known of this copy"), choices=PROVENANCE_CHOICES,
                             default=DEFAULT_STATUS)
    provenance_note = TextAreaField(_l("How you know (optional)"),
                                    validators=[_at_most("provenance_note")])
    date_note = TextAreaField(_l("About the date (optional)"), validators=[_at_most("date_note")])

    def details(self):
        """Return the checked values as the services take them."""
        published = self.published
        if not hasattr(published, "day"):
            check_published(self, published)
        return {"headline": (self.headline.data or "").strip(),
                "outlet": (self.outlet.data or "").strip(),
                "published": published.day, "date_precision": published.precision,
                "url": self.url.data or None, "provenance": self.provenance.data,
                "provenance_note": (self.provenance_note.data or "").strip(),
                "date_note": (self.date_note.data or "").strip()}


def _body_field(label):
    """Return the text area of an article's body."""
    return TextAreaField(label, validators=[
        DataRequired(_l("Paste the article's text.")),
        Length(max=MAX_BODY_CHARS, message=_l("An article is at most %(max)d characters.",
                                              max=MAX_BODY_CHARS))])


class PasteForm(DetailsForm):
    """A new source from pasted text."""

    text = _body_field(_l("The article's text"))
    trimmed = TextAreaField(_l("What you left out (optional)"), validators=[_at_most("trimmed")])


class UploadForm(DetailsForm):
    """A new source from a saved page or text file; blank details are read from the page."""

    file = FileField(_l("A saved web page (.html) or text file (.txt)"), validators=[
        FileRequired(_l("Choose a file to upload.")),
        FileAllowed(UPLOAD_EXTENSIONS, _l("Upload a .txt or .html file, or paste the text."))])
    headline = StringField(_l("Headline"), validators=[Optional(), _at_most("headline")])
    outlet = StringField(_l("Outlet"), validators=[Optional(), _at_most("outlet")])


class BodyForm(FlaskForm):
    """A changed body; once questions cite a body, saving it makes a new version."""

    text = _body_field(_l("The article's text"))


class ConfirmForm(FlaskForm):
    """A button alone: the form only carries its CSRF token."""
