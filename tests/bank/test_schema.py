"""The bank's field tables agree with the database columns, so what loads on SQLite loads
on PostgreSQL, and the longest allowed values really load on both."""

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
