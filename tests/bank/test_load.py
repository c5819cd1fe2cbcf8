"""Loading the bank: validated, idempotent, all-or-nothing and versioned."""

import json

import sqlalchemy as sa

from quizapp.bank.models import Evidence, Question, QuestionVersion, Source
from quizapp.extensions import db
from quizapp.play.models import Attempt
from quizapp.quizzes.models import Quiz
from tests.factories import SAMPLE_QUESTIONS, make_question
from tests.play.helpers import question_url, start, submit

TABLES = (Source, Question, QuestionVersion, Evidence, Quiz)


def _counts():
    return {m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in TABLES}


def test_load_twice_changes_nothing(runner, bank_writer):
    """A second load reports nothing changed and writes no row."""
    path = str(bank_writer.write())
    first = runner.invoke(args=["bank", "load", path])
    assert first.exit_code == 0, first.output
    assert "7 questions added" in first.output
    before = _counts()
    second = runner.invoke(args=["bank", "load", path])
    assert second.exit_code == 0
    assert "nothing changed" in second.output
    assert _counts() == before


def test_altered_quote_is_refused_and_nothing_is_written(runner, bank_writer):
    """One quote not in the source: exit 1, the question and quote named, database unchanged."""
    runner.invoke(args=["bank", "load", str(bank_writer.write())])
    before = _counts()
    hashes = db.session.scalars(sa.select(QuestionVersion.content_hash)).all()
    questions = [make_question(kind, prompt=f"Changed {kind}?") for kind in SAMPLE_QUESTIONS]
    questions[2]["evidence"][0]["quote"] = "We will never be rushed"
    result = runner.invoke(args=["bank", "load", str(bank_writer.write(questions=questions))])
    assert result.exit_code == 1
    assert "sets/test-set.yaml:" in result.output
    assert "question test-true-false" in result.output
    assert "'We will never be rushed'" in result.output
    assert "Nothing was loaded" in result.output
    db.session.expire_all()
    assert _counts() == before
    assert db.session.scalars(sa.select(QuestionVersion.content_hash)).all() == hashes


def test_every_problem_is_reported(runner, bank_writer):
    """Two broken questions give two problems in one run."""
    questions = [make_question("single_choice", answer="Nobody"),
                 make_question("numeric", tolerance=-1)]
    result = runner.invoke(args=["bank", "load", str(bank_writer.write(questions=questions))])
    assert result.exit_code == 1
    assert "question test-single-choice: answer 'Nobody' is not one of the choices" in result.output
    assert "question test-numeric: tolerance must be a number of 0 or more" in result.output


def test_edit_makes_a_new_version_and_attempts_keep_theirs(client, bank_writer):
    """Rewording a question after an attempt started leaves that attempt's wording alone."""
    bank_writer.load()
    attempt = start(client)
    questions = [make_question(kind) for kind in SAMPLE_QUESTIONS]
    questions[0]["prompt"] = "Who is the minister named in the report?"
    bank_writer.load(questions=questions)
    question = db.session.scalar(sa.select(Question).where(Question.slug == "test-single-choice"))
    assert question.current_version.number == 2
    assert question.current_version.prompt == "Who is the minister named in the report?"
    old_page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    assert "Who is the minister?" in old_page
    submit(client, attempt)
    new_attempt = start(client)
    assert new_attempt.responses[0].question_version.number == 2


def test_removed_question_is_retired_not_deleted(client, bank_writer):
    """A question dropped from the files stays for old attempts but is no longer drawn."""
    bank_writer.load()
    attempt = start(client)
    bank_writer.load(questions=[make_question(k) for k in SAMPLE_QUESTIONS if k != "numeric"])
    retired = db.session.scalar(sa.select(Question).where(Question.slug == "test-numeric"))
    assert retired.retired
    assert len(db.session.get(Attempt, attempt.id).responses) == 7
    submit(client, attempt)
    assert len(start(client).responses) == 6


def test_dump_prints_every_question_with_its_evidence(runner, bank_writer):
    """The dump is JSON with the documented keys, and offsets point at the quote."""
    bank = bank_writer.load()
    result = runner.invoke(args=["bank", "dump"])
    records = json.loads(result.output)
    assert len(records) == 7
    assert set(records[0]) == {"id", "set", "kind", "prompt", "choices", "answer", "refuse",
                               "explanation", "evidence", "no_evidence_yet", "tags",
                               "difficulty", "version"}
    body = bank.sources[0].body
    for record in records:
        for item in record["evidence"]:
            assert body[item["start"]:item["end"]] == item["quote"]
    by_id = {r["id"]: r for r in records}
    assert by_id["test-matching"]["answer"] == {"We will not be rushed": "Ada Lovelace",
                                                "Ottawa will decide soon": "Ottawa"}
    assert by_id["test-numeric"]["answer"] == {"value": 12, "tolerance": 0, "unit": "experts"}


def test_a_question_without_evidence_loads_and_is_marked_in_the_dump(runner, bank_writer):
    """No evidence (left out or empty) and no explanation load; the dump says so."""
    essay = make_question("essay")
    del essay["evidence"]
    bank_writer.load(questions=[make_question("single_choice", evidence=[], explanation=""),
                                essay, make_question("description"), make_question("numeric")])
    records = {r["id"]: r for r in json.loads(runner.invoke(args=["bank", "dump"]).output)}
    assert records["test-single-choice"]["no_evidence_yet"] is True
    assert records["test-single-choice"]["evidence"] == []
    assert records["test-essay"]["no_evidence_yet"] is True
    assert records["test-essay"]["answer"] == {"grader_note": "Look for the pressure from allies."}
    assert records["test-description"]["answer"] is None
    assert records["test-numeric"]["no_evidence_yet"] is False


def test_dump_carries_the_refused_answers_of_short_answers(runner, bank_writer):
    """A short answer's refused answers are in the dump; kinds nobody types show null."""
    questions = [make_question(kind) for kind in SAMPLE_QUESTIONS if kind != "short_answer"]
    questions.append(make_question("short_answer", refuse=["Toronto", "Ottava"]))
    bank_writer.load(questions=questions)
    records = {r["id"]: r for r in json.loads(runner.invoke(args=["bank", "dump"]).output)}
    assert records["test-short-answer"]["answer"] == ["Ottawa"]
    assert records["test-short-answer"]["refuse"] == ["Toronto", "Ottava"]
    assert records["test-single-choice"]["refuse"] is None


def test_refused_answer_that_is_accepted_is_reported(runner, bank_writer):
    """A refused answer equal to an accepted one, once folded, is a problem; nothing loads."""
    questions = [make_question("short_answer", refuse=["the OTTAWA"]),
                 make_question("single_choice")]
    result = runner.invoke(args=["bank", "load", str(bank_writer.write(questions=questions))])
    assert result.exit_code == 1
    assert ("question test-short-answer: refused answer 'the OTTAWA' is the accepted answer "
            "'Ottawa'") in result.output
    assert _counts()["Question"] == 0


def test_stats_counts_per_kind_and_source(runner, bank_writer):
    """The stats command prints totals per source, kind, tag and difficulty."""
    bank_writer.load()
    output = runner.invoke(args=["bank", "stats"]).output
    assert output.startswith("7 questions")
    assert "test-source     7" in output
    assert "per kind:" in output and "ordering" in output
    assert "per difficulty:" in output
