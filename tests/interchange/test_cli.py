"""`flask bank import` and `bank export --format`: all or nothing, clear errors, round trips."""

import json

import pytest
import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from tests.factories import make_question
from tests.interchange.files import BROKEN_GIFT, GIFT, GIFT_COUNTS, table_counts


def _import(runner, path, *args):
    return runner.invoke(args=["bank", "import", str(path), *args])


def _tables():
    return table_counts(db, QuestionSet, Question, QuestionVersion)


def test_a_gift_file_makes_a_new_set_owned_by_nobody(runner, app, tmp_path):
    """The set is made, unowned, and holds every question with no evidence yet."""
    path = tmp_path / "course.gift"
    path.write_bytes(GIFT.encode("utf-8"))
    result = _import(runner, path, "--set", "Geography quiz")
    assert result.exit_code == 0, result.output
    assert "Imported 3 questions" in result.output
    assert "note: line 4: capital: per-answer feedback is not kept" in result.output
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert (question_set.slug, question_set.owner_id, question_set.bundled) == \
        ("geography-quiz", None, False)
    records = json.loads(runner.invoke(args=["bank", "dump"]).output)
    assert {r["kind"] for r in records} == set(GIFT_COUNTS)
    assert all(r["no_evidence_yet"] and r["set"] == "geography-quiz" for r in records)


def test_owner_and_into_add_to_a_teachers_set(runner, app, tmp_path, make_user):
    """--owner makes the teacher's set; --into adds to it, ids kept unique."""
    teacher = make_user(email="ada@example.org")
    path = tmp_path / "course.gift"
    path.write_text(GIFT, "utf-8")
    assert _import(runner, path, "--set", "Mine", "--owner", "ADA@example.org").exit_code == 0
    result = _import(runner, path, "--into", "mine")
    assert result.exit_code == 0, result.output
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert question_set.owner_id == teacher.id and len(question_set.questions) == 6
    assert {q.slug for q in question_set.questions} >= {"capital", "capital-2"}


@pytest.mark.parametrize(("args", "expected"), [
    (["--set", "X", "--owner", "nobody@example.org"], "there is no account"),
    (["--into", "nowhere"], "there is no question set 'nowhere'"),
    ([], "give either --set TITLE"),
    (["--set", "X", "--into", "y"], "give either --set TITLE"),
])
def test_wrong_options_import_nothing(runner, app, tmp_path, args, expected):
    """Each mistake in the options is named; the exit code is 1 and nothing is written."""
    path = tmp_path / "course.gift"
    path.write_text(GIFT, "utf-8")
    result = _import(runner, path, *args)
    assert result.exit_code == 1 and expected in result.output
    assert "Nothing was imported." in result.output
    assert _tables() == [0, 0, 0]


def test_a_bundled_set_is_not_imported_into(runner, bank_writer, tmp_path):
    """Bundled sets change only through the bank files."""
    bank_writer.load()
    before = _tables()
    path = tmp_path / "course.gift"
    path.write_text(GIFT, "utf-8")
    result = _import(runner, path, "--into", "test-set")
    assert result.exit_code == 1 and "bundled" in result.output
    assert _tables() == before


def test_a_malformed_file_says_where_and_imports_nothing(runner, app, tmp_path):
    """One broken question refuses the whole file, with its line and column."""
    path = tmp_path / "broken.gift"
    path.write_text(BROKEN_GIFT, "utf-8")
    result = _import(runner, path, "--set", "Broken")
    assert result.exit_code == 1
    assert "broken.gift: line 3, column 14: the answers starting here have no closing }" \
        in result.output
    assert "Traceback" not in result.output and _tables() == [0, 0, 0]


def test_a_question_the_bank_refuses_refuses_the_file(runner, app, tmp_path):
    """A CSV row the bank's checks refuse names its question; nothing is imported."""
    path = tmp_path / "sheet.csv"
    path.write_text("id,kind,prompt,answer\nfine,true_false,Sky is blue,true\n"
                    f"long,true_false,{'x' * 1001},false\n", "utf-8")
    result = _import(runner, path, "--set", "Sheet")
    assert result.exit_code == 1
    assert "question long: prompt is longer than 1000 characters" in result.output
    assert _tables() == [0, 0, 0]


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xef\xbb\xbf" + GIFT.encode("utf-8"), None),
    (b"\xff\xfe" + GIFT.encode("utf-16-le"), None),
    (b"\xfe\xff" + GIFT.encode("utf-16-be"), None),
    (GIFT.replace("Paris", "Orléans").encode("cp1252"), "read as Windows-1252"),
])
def test_encodings_are_detected(runner, app, tmp_path, data, expected):
    """UTF-8 with a BOM, UTF-16 both ways and Windows-1252 are read (the last one noted)."""
    path = tmp_path / "course.gift"
    path.write_bytes(data)
    result = _import(runner, path, "--set", "Encoded")
    assert result.exit_code == 0, result.output
    assert expected is None or expected in result.output
    prompts = {v.prompt for v in db.session.scalars(sa.select(QuestionVersion))}
    assert "What is the capital of France?" in prompts
    if expected:
        version = db.session.scalar(sa.select(QuestionVersion)
                                    .where(QuestionVersion.kind == "single_choice"))
        assert version.data["answer"] == "Orléans"


@pytest.mark.parametrize(("data", "expected"), [
    (GIFT.encode("utf-16-le"), "looks like UTF-16 without a byte-order mark"),
    (b"::a:: b {=\x81\x8d}\n", "neither UTF-8 nor Windows-1252"),
    (b"\xff\xfe" + "abc".encode("utf-16-le")[:-1], "not valid UTF-16"),
])
def test_unreadable_encodings_are_reported_not_crashed_on(runner, app, tmp_path, data, expected):
    """What cannot be decoded is said in words, with exit 1 and nothing imported."""
    path = tmp_path / "course.gift"
    path.write_bytes(data)
    result = _import(runner, path, "--set", "Encoded")
    assert result.exit_code == 1 and expected in result.output, result.output
    assert _tables() == [0, 0, 0]


def test_the_limits_are_enforced(runner, app, tmp_path):
    """Too many bytes or too many questions refuse the file."""
    path = tmp_path / "course.gift"
    path.write_text(GIFT, "utf-8")
    app.config["IMPORT_MAX_BYTES"] = 50
    result = _import(runner, path, "--set", "Big")
    assert result.exit_code == 1 and "the most an import may take is 50" in result.output
    app.config.update(IMPORT_MAX_BYTES=10_000, IMPORT_MAX_QUESTIONS=2)
    result = _import(runner, path, "--set", "Many")
    assert result.exit_code == 1 and "the file holds 3 questions" in result.output
    assert _tables() == [0, 0, 0]


def test_the_format_is_guessed_or_asked_for(runner, app, tmp_path):
    """A .txt may be GIFT or Aiken: the command asks; --format settles it."""
    path = tmp_path / "course.txt"
    path.write_text("Capital of France?\nA. Paris\nB. Lyon\nANSWER: A\n", "utf-8")
    result = _import(runner, path, "--set", "Aiken")
    assert result.exit_code == 1 and "say which format course.txt is in" in result.output
    result = _import(runner, path, "--set", "Aiken", "--format", "aiken")
    assert result.exit_code == 0, result.output


FORMAT_KINDS = {
    "quizapp": ["single_choice", "multiple_response", "true_false", "matching",
                "short_answer", "ordering", "numeric", "essay", "description"],
    "gift": ["single_choice", "multiple_response", "true_false", "matching", "short_answer",
             "numeric", "essay", "description"],
    "moodlexml": ["single_choice", "multiple_response", "true_false", "matching",
                  "short_answer", "numeric", "essay", "description"],
    "csv": ["single_choice", "multiple_response", "true_false", "matching", "short_answer",
            "ordering", "numeric", "essay", "description"],
    "aiken": ["single_choice"],
}
# What a format has no place for, and so does not give back.
NOT_CARRIED = {"quizapp": set(), "gift": {"evidence"}, "moodlexml": {"evidence"},
               "csv": {"evidence"},
               "aiken": {"evidence", "id", "tags", "explanation", "difficulty"}}


def _comparable(record, dropped):
    keep = {k: v for k, v in record.items()
            if k not in {"set", "version", "no_evidence_yet"} | dropped}
    if "id" in keep:  # an id the original still holds gets a number added
        keep["id"] = keep["id"].removesuffix("-2")
    if "evidence" in keep:
        keep["evidence"] = [(e["source"], e["quote"]) for e in keep["evidence"]]
    return keep


@pytest.mark.parametrize("fmt", sorted(FORMAT_KINDS))
def test_export_then_import_gives_back_the_same_questions(runner, bank_writer, tmp_path, fmt):
    """Every kind a format carries comes back the same; evidence only in our own format."""
    questions = [make_question(kind) for kind in FORMAT_KINDS[fmt]]
    for question in questions:  # difficulty as an import gives it
        question.update(difficulty=2)
        if fmt == "gift":  # GIFT has no units, no grader notes (an export says so)
            question.pop("grader_note", None)
            if question["kind"] == "description":  # nor feedback on a description
                question["explanation"] = ""
            if question["kind"] == "numeric":
                question["unit"] = ""
    bank_writer.load(questions=questions, quizzes=[])
    before = json.loads(runner.invoke(args=["bank", "dump"]).output)
    out = tmp_path / f"set.{fmt}"
    result = runner.invoke(args=["bank", "export", "test-set", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = _import(runner, out, "--set", "Again", "--format", fmt)
    assert result.exit_code == 0, result.output
    after = [r for r in json.loads(runner.invoke(args=["bank", "dump"]).output)
             if r["set"] == "again"]
    dropped = NOT_CARRIED[fmt]
    assert [_comparable(r, dropped) for r in after] == \
        [_comparable(r, dropped) for r in before]
