"""The bank's field tables agree with the database columns, so what loads on SQLite loads
on PostgreSQL, and the longest allowed values really load on both."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
import yaml

from quizapp.bank.models import Question, QuestionSet, QuestionVersion, Source
from quizapp.domain import bankschema as schema
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.factories import make_question, make_quiz

# Which column keeps each field of each table (the id is the row's slug).
TABLES = [(schema.SOURCE, Source, {}), (schema.SET, QuestionSet, {"id": "slug"}),
          (schema.QUESTION, QuestionVersion, {"id": Question.slug}),
          (schema.QUIZ, Quiz, {"id": "slug"})]
INTEGER_RANGES = {sa.SmallInteger: 2**15 - 1, sa.Integer: 2**31 - 1}


def _columns():
    for table, model, renamed in TABLES:
        for name, field in table.items():
            column = renamed.get(name, name)
            if not isinstance(column, str):
                yield name, field, column.property.columns[0]
            elif field.stored and column in model.__table__.columns:
                yield name, field, model.__table__.columns[column]


def test_every_stored_field_has_its_column():
    """Every field the database keeps has a column of the same name."""
    for table, model, renamed in TABLES:
        for name, field in table.items():
            if field.stored and name not in ("questions", "evidence", "sets"):
                column = renamed.get(name, name)
                assert not isinstance(column, str) or column in model.__table__.columns, name


@pytest.mark.parametrize(("name", "field", "column"), list(_columns()),
                         ids=[f"{c.table.name}.{n}" for n, _, c in _columns()])
def test_a_field_fits_its_column(name, field, column):
    """A text field is no longer than its column, a number within the column's range."""
    if isinstance(column.type, sa.String) and column.type.length:
        assert field.max_length <= column.type.length, name
    for kind, highest in INTEGER_RANGES.items():
        if type(column.type) is kind and isinstance(field, schema.Whole):
            assert field.high <= highest, name


def test_the_longest_allowed_values_load(runner, bank_writer):
    """A headline, title and prompt of the greatest allowed length load, on any database."""
    root = bank_writer.write(questions=[make_question(prompt="Q" * 1000)],
                             quizzes=[make_quiz(title="T" * 200)])
    source = root / "sources" / "test-source.txt"
    source.write_text(source.read_text("utf-8").replace("A test article", "H" * 300), "utf-8")
    (root / "sets" / "test-set.yaml").write_text(yaml.safe_dump(
        {"id": "test-set", "title": "S" * 200, "questions": [make_question(prompt="Q" * 1000)]}))
    result = runner.invoke(args=["bank", "load", str(root)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Source.headline)) == "H" * 300
    assert db.session.scalar(sa.select(Quiz.title)) == "T" * 200
    assert db.session.scalar(sa.select(QuestionSet.title)) == "S" * 200


@pytest.mark.parametrize(("field", "good", "bad", "says"), [
    (schema.Text(max_length=5), " five ", "sixsix", "x is longer than 5 characters"),
    (schema.Text(max_length=9, line=True), "one line", "two\nlines", "U+000A, which is not"),
    (schema.Pattern(), "a-slug", "A Slug", "x must be a slug"),
    (schema.Url(max_length=30), "https://example.org/", "ftp://example.org/", "http(s)"),
    (schema.OneOf(options=("a", "b")), "a", ["a"], "x must be one of a, b"),
    (schema.Whole(low=1, high=3), 3, 4, "x must be a whole number from 1 to 3, or left out"),
    (schema.Flag(), False, "no", "x must be true or false"),
    (schema.SlugList(low=1, high=2, says="list a tag"), ["a"], ["a", "b", "c"], "at most 2"),
    (schema.ZonedDateTime(), datetime(2026, 9, 1, tzinfo=UTC), datetime(2026, 9, 1),
     "with its zone"),
    (schema.Day(), date(2026, 9, 1), datetime(2026, 9, 1, tzinfo=UTC),
     "x must be a full date, YYYY-MM-DD, or left out"),
    (schema.PublishedDate(), "2019-02", "2019-02-30", "x '2019-02-30' is not a real date"),
])
def test_each_field_type_reads_and_refuses(field, good, bad, says):
    """Each kind of field, as another table line would use it, accepts and refuses."""
    values, problems = schema.read_fields({"x": field}, {"x": good})
    assert problems == [] and "x" in values
    values, problems = schema.read_fields({"x": field}, {"x": bad})
    assert len(problems) == 1 and says in problems[0], problems
