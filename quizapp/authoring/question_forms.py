"""The question editor's form: the fields every question has, its evidence, and its kind's own.

The common fields are WTForms fields checked by the bank format's own rules
(quizapp.domain.bankschema), so a question written in the browser is one the bank
files could hold. The kind's fields are its editor template's business: the kind reads
them back (`QuestionKind.read_editor`) and judges them (`QuestionKind.check`), and
EditorState carries what was typed and the problems to that template.
"""

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice

from quizapp.domain import bankschema

# Names the common fields post; a kind's editor template must not use them.
COMMON_NAMES = ("csrf_token", "prompt", "explanation", "tags", "difficulty", "evidence",
                "reading", "add", "show", "then")
DIFFICULTIES = [SelectChoice("1", _l("1: easy")), SelectChoice("2", _l("2: medium")),
                SelectChoice("3", _l("3: hard"))]
_TAG_SPACE = re.compile(r"\s+")


def sentence(message):
    """Return a rule's message as a sentence: capitalised, with a full stop."""
    message = str(message)
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def unix_lines(text):
    """Return text with the CR LF line breaks browsers send as LF, as bank files hold them."""
    return text.replace("\r\n", "\n") if isinstance(text, str) else text


def read_tags(text):
    """Return the tags typed as "Canada, 5G networks": canada, 5g-networks."""
    return [_TAG_SPACE.sub("-", tag.strip().lower()) for tag in (text or "").split(",")
            if tag.strip()]


def read_difficulty(text):
    """Return the difficulty posted as a whole number, or the text itself when it is none."""
    return int(text) if text in ("1", "2", "3") else text


def bank_rule(name, convert=None):
    """Return a validator applying the bank format's rule for the question field `name`."""
    rule = bankschema.QUESTION[name]

    def check(form, field):
        value = field.data if convert is None else convert(field.data)
        try:
            field.checked = rule.read(name, value)
        except bankschema.FieldError as error:
            raise ValidationError(sentence(error)) from None

    return check


class EvidenceForm(Form):
    """One passage: a source, the quote, and where a selection placed it (filled by script)."""

    source = SelectField(_l("Source"), validate_choice=False)
    quote = TextAreaField(_l("Quote, word for word"))
    start = HiddenField()
    end = HiddenField()

    def hint(self):
        """Return the (start, end) a selection gave, or None."""
        start, end = self.start.data or "", self.end.data or ""
        if start.isdigit() and end.isdigit() and len(start) < 9 and len(end) < 9:
            return int(start), int(end)
        return None


class QuestionForm(FlaskForm):
    """Prompt, explanation, tags, difficulty and evidence: what every kind of question has."""

    prompt = TextAreaField(_l("Prompt"), validators=[bank_rule("prompt")],
                           filters=[unix_lines])
    explanation = TextAreaField(_l("Explanation"), validators=[bank_rule("explanation")],
                                filters=[unix_lines])
    tags = StringField(_l("Tags"), validators=[bank_rule("tags", read_tags)])
    difficulty = RadioField(_l("Difficulty"), choices=DIFFICULTIES, default="2",
                            validate_choice=False,
                            validators=[bank_rule("difficulty", read_difficulty)])
    evidence = FieldList(FormField(EvidenceForm), min_entries=1,
                         max_entries=bankschema.MAX_EVIDENCE)
    reading = SelectField(_l("Source to read"), validate_choice=False)

    def offer_sources(self, sources):
        """Offer `sources` (id to Source) in every source menu."""
        choices = [SelectChoice(str(source_id), f"{source.outlet}: {source.headline}")
                   for source_id, source in sources.items()]
        self.reading.choices = choices
        for entry in self.evidence:
            entry.source.choices = choices

    def add_passage(self):
        """Add a blank passage row, when there is room for one."""
        if len(self.evidence) < bankschema.MAX_EVIDENCE:
            self.evidence.append_entry()
            self.evidence[-1].source.choices = self.reading.choices


@dataclass
class EditorState:
    """What a kind's editor template shows: the values typed, row by row, and the problems.

    `values` maps each name the template posts to the list of values posted under it;
    `problems` maps (definition field, form row or None) to messages; `adding` names the
    list whose "Add another" button was pressed.
    """

    values: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)
    adding: str = ""

    def rows(self, *names, least=2):
        """Return the rows of the list posted under `names`: one list of cells per row."""
        columns = [list(self.values.get(name, [])) for name in names]
        count = max([len(c) for c in columns] + [least])
        if self.adding == names[0]:
            count += 1
        return [[c[row] if row < len(c) else "" for c in columns] for row in range(count)]

    def value(self, name):
        """Return the first value posted under `name`, or ""."""
        found = self.values.get(name) or [""]
        return found[0]

    def is_marked(self, name, row):
        """Tell whether row number `row` was posted under `name` (a radio or a box ticked)."""
        return str(row) in self.values.get(name, [])

    def errors(self, field_name, row=None):
        """Return the messages about one row of a field, or about the whole field."""
        return self.problems.get((field_name, row), [])

    def all_errors(self):
        """Return every message, for the summary at the top of the page."""
        return [message for messages in self.problems.values() for message in messages]

    def place(self, edited, problems):
        """Put each FieldError beside the form row its entry was typed in."""
        for problem in problems:
            rows = edited.rows.get(problem.field, [])
            index = problem.index
            row = rows[index] if index is not None and index < len(rows) else index
            self.problems.setdefault((problem.field, row), []).append(sentence(problem))
