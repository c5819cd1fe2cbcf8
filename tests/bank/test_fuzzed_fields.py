"""Any value in any field of any bank file: the reader refuses it with a problem or
accepts it, never raises anything else, and what it accepts the database stores."""

import tempfile
from datetime import UTC
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.bank.loader import load_bank
from quizapp.domain import bankschema as schema
from quizapp.domain.bankdefs import BankError
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.kinds import KINDS
from quizapp.extensions import db
from tests.factories import TEST_SOURCE_BODY, make_question, make_quiz

FRONT = {"outlet": "Test Times", "headline": "A test article", "published": "2019-02",
         "url": "https://example.org/article"}
# Every character but lone surrogates, which no UTF-8 file can hold.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["x" * 301, "x" * 1001, "ok\x00", "a\nb", "TEST01", "test-set", "2019-02-30", "\u202e"])
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), TEXT,
    st.dates(), st.datetimes(), st.datetimes(timezones=st.just(UTC)))
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
TARGETS = ([("source", name) for name in schema.SOURCE]
           + [("set", name) for name in schema.SET if name != "questions"]
           + [("quiz", name) for name in schema.QUIZ]
           + [("question", name) for name in schema.QUESTION]
           + [("evidence", name) for name in schema.EVIDENCE]
           + [(f"kind {kind.name}", name) for kind in KINDS.values() for name in kind.fields])


def write_bank(root, record, name, value):
    """Write a sound small bank with `value` in field `name` of `record`."""
    kind = record.removeprefix("kind ") if record.startswith("kind ") else "single_choice"
    front, question, quiz = dict(FRONT), make_question(kind), make_quiz()
    set_doc = {"id": "test-set", "title": "Test set"}
    target = {"source": front, "set": set_doc, "quiz": quiz,
              "evidence": (question["evidence"] or [{}])[0]}.get(record, question)
    target[name] = value
    set_doc["questions"] = [question]
    for folder in ("sources", "sets", "quizzes"):
        (root / folder).mkdir()
    dump = yaml.safe_dump
    (root / "sources/test-source.txt").write_text(
        f"---\n{dump(front, allow_unicode=True)}---\n{TEST_SOURCE_BODY}\n", "utf-8")
    (root / "sets/test-set.yaml").write_text(dump(set_doc, allow_unicode=True), "utf-8")
    (root / "quizzes/test-quiz.yaml").write_text(dump(quiz, allow_unicode=True), "utf-8")


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), value=VALUE)
def test_any_field_value_is_refused_or_stored(app, target, value):
    """A value is reported as a problem, or read and then stored by the database."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_bank(root, *target, value)
        try:
            bank = read_bank(root)
        except BankError as error:
            assert error.problems
            return
    load_bank(db.session, bank)
    db.session.commit()

