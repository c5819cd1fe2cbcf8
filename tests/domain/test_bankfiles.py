"""Reading and validating a bank folder: every problem with its file, line and question id."""

from datetime import UTC, date, datetime

import pytest
import yaml

from quizapp.domain.bankdefs import BankError, Problem
from quizapp.domain.bankfiles import read_bank

BODY = ("Ottawa said on Monday it would decide soon. “We will not be rushed,” said the "
        "minister, Ada Lovelace.\nThe committee met 3 times in 2019 and heard from 12 experts.")
FRONT_MATTER = ("outlet: Test Times\nheadline: A test article\npublished: 2019-02\n"
                "url: https://example.org/article\n")
DROP = object()


def question(qid="minister", **overrides):
    """Return a sound single-choice question mapping; DROP removes a field."""
    data = {
        "id": qid, "kind": "single_choice", "prompt": "Who is the minister?",
        "choices": ["Ada Lovelace", "Grace Hopper", "Alan Turing"], "answer": "Ada Lovelace",
        "explanation": "The article names her.",
        "evidence": [{"source": "test-source", "quote": "said the minister, Ada Lovelace"}],
        "tags": ["people"], "difficulty": 1,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not DROP}


def experts(**overrides):
    """Return a sound numeric question mapping."""
    fields = {"kind": "numeric", "prompt": "How many experts were heard?", "choices": DROP,
              "answer": 12, "unit": "experts",
              "evidence": [{"source": "test-source", "quote": "heard from 12 experts"}]}
    return question("experts", **{**fields, **overrides})


def write(root, path, text):
    """Write `text` to `path` under the bank folder and return the file."""
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, "utf-8")
    return file


def write_source(root, slug="test-source", front=FRONT_MATTER, body=BODY):
    """Write a source file: front matter, then the body and a final newline."""
    return write(root, f"sources/{slug}.txt", f"---\n{front}---\n{body}\n")


def write_set(root, set_id="test-set", questions=None, **fields):
    """Write a question set file."""
    doc = {"id": set_id, "title": "Test set", **fields,
           "questions": questions if questions is not None else [question(), experts()]}
    return write(root, f"sets/{set_id}.yaml",
                 yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def write_quiz(root, quiz_id="test-quiz", **fields):
    """Write a quiz file."""
    doc = {"id": quiz_id, "title": "Test quiz", "sets": ["test-set"], "join_code": "TEST01",
           **fields}
    return write(root, f"quizzes/{quiz_id}.yaml", yaml.safe_dump(doc, sort_keys=False))


def line_of(file, text):
    """Return the number of the first line of `file` that contains `text`."""
    lines = file.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.fixture
def bank_dir(tmp_path):
    """Return a folder holding a small sound bank: one source, one set, one quiz."""
    root = tmp_path / "bank"
    write_source(root)
    write_set(root)
    write_quiz(root)
    return root


def problems(root):
    """Read the bank, expecting it to be refused, and return its problems."""
    with pytest.raises(BankError) as caught:
        read_bank(root)
    assert str(caught.value) == f"{len(caught.value.problems)} problem(s) in the bank"
    return caught.value.problems


def messages(root):
    """Return the problems of the bank as the loader prints them."""
    return [str(p) for p in problems(root)]


def assert_reported(root, expected):
    """Assert some problem's printed form contains `expected`."""
    found = messages(root)
    assert any(expected in m for m in found), found


# --- a sound bank ---------------------------------------------------------------------


def test_a_sound_bank_reads(bank_dir):
    """A sound bank reads into its sources, sets, questions and quizzes."""
    bank = read_bank(bank_dir)
    [source] = bank.sources
    assert (source.slug, source.outlet, source.headline) == (
        "test-source", "Test Times", "A test article")
    assert (source.published, source.date_precision) == (date(2019, 2, 1), "month")
    assert source.body == BODY  # without the final newline
    assert [q.id for q in bank.questions()] == ["minister", "experts"]
    [quiz] = bank.quizzes
    assert (quiz.id, quiz.sets, quiz.join_code) == ("test-quiz", ("test-set",), "TEST01")
    assert (quiz.shuffle_questions, quiz.feedback, quiz.question_count) == (
        True, "after_submit", None)


def test_evidence_offsets_point_at_the_quote_in_the_body(bank_dir):
    """Each evidence quote is stored with the offsets of its place in the source body."""
    minister = read_bank(bank_dir).questions()[0]
    [evidence] = minister.evidence
    assert BODY[evidence.start:evidence.end] == evidence.quote == "said the minister, Ada Lovelace"


def test_question_data_keeps_only_the_kind_fields(bank_dir):
    """A question's data holds its kind's fields, without the common ones or line marks."""
    minister, numbers = read_bank(bank_dir).questions()
    assert minister.data == {"choices": ["Ada Lovelace", "Grace Hopper", "Alan Turing"],
                             "answer": "Ada Lovelace"}
    assert numbers.data == {"answer": 12, "unit": "experts"}


@pytest.mark.parametrize(("published", "expected"), [
    ("2019", (date(2019, 1, 1), "year")),
    ("2019-02-14", (date(2019, 2, 14), "day")),
    ("null", (None, "unknown")),
])
def test_published_dates_keep_their_precision(bank_dir, published, expected):
    """A date is only as precise as the article allows."""
    write_source(bank_dir, front=FRONT_MATTER.replace("2019-02", published))
    source = read_bank(bank_dir).sources[0]
    assert (source.published, source.date_precision) == expected


def test_quiz_dates_with_a_zone_are_read(bank_dir):
    """opens_at and closes_at are read as zoned datetimes."""
    write(bank_dir, "quizzes/test-quiz.yaml",
          "id: test-quiz\ntitle: T\nsets: [test-set]\njoin_code: TEST01\n"
          "opens_at: 2026-09-01T08:00:00Z\ncloses_at: 2026-09-02T08:00:00+02:00\n")
    quiz = read_bank(bank_dir).quizzes[0]
    assert quiz.opens_at == datetime(2026, 9, 1, 8, tzinfo=UTC)
    assert quiz.closes_at == datetime(2026, 9, 2, 6, tzinfo=UTC)


# --- where a problem is reported -------------------------------------------------------


def test_problem_prints_as_file_line_where_message():
    """A problem prints as file:line: where: message, leaving out what is unknown."""
    assert str(Problem("sets/a.yaml", 7, "question q", "bad")) == "sets/a.yaml:7: question q: bad"
    assert str(Problem("sets/a.yaml", None, "", "bad")) == "sets/a.yaml: bad"


def test_quote_not_verbatim_names_file_line_question_and_quote(bank_dir):
    """A quote not in its source is reported at its question, with the quote itself."""
    quote = 'said the minister, "Ada Lovelace"'
    file = write_set(bank_dir, questions=[
        question(evidence=[{"source": "test-source", "quote": quote}]), experts()])
    [problem] = problems(bank_dir)
    assert (problem.file, problem.line, problem.where) == (
        "sets/test-set.yaml", line_of(file, "- id: minister"), "question minister")
    assert "not found verbatim in source 'test-source'" in problem.message
    assert repr(quote) in problem.message


def test_problem_lines_point_at_each_question(bank_dir):
    """Two broken questions are each reported at their own line."""
    file = write_set(bank_dir, questions=[question(difficulty=5), experts(difficulty=0)])
    found = {(p.where, p.line) for p in problems(bank_dir) if p.where.startswith("question")}
    assert found == {("question minister", line_of(file, "- id: minister")),
                     ("question experts", line_of(file, "- id: experts"))}


# --- what is wrong with a question ---------------------------------------------------------


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"kind": "cloze"}, "kind must be one of single_choice, multiple_response"),
    ({"difficulty": 0}, "difficulty must be 1, 2 or 3"),
    ({"difficulty": 4}, "difficulty must be 1, 2 or 3"),
    ({"difficulty": "2"}, "difficulty must be 1, 2 or 3"),
    ({"difficulty": True}, "difficulty must be 1, 2 or 3"),
    ({"difficulty": DROP}, "difficulty must be 1, 2 or 3"),
    ({"tags": DROP}, "tags must list at least one tag"),
    ({"tags": []}, "tags must list at least one tag"),
    ({"tags": ["Not A Slug"]}, "tags must list at least one tag"),
    ({"prompt": DROP}, "prompt is required"),
    ({"prompt": "x" * 1001}, "prompt is longer than 1000 characters"),
    ({"explanation": 5}, "explanation must be text"),
    ({"id": "Minister One"}, "id must be a slug (a-z, 0-9, -)"),
    ({"evidence": "said the minister"}, "evidence must be a list of {source, quote}"),
    ({"evidence": [{"source": "test-source"}]}, "evidence 1 must have exactly a source and"),
    ({"evidence": [{"source": "nowhere", "quote": "said the minister"}]},
     "evidence 1: unknown source 'nowhere'"),
    ({"evidence": [{"source": "test-source", "quote": "Ada Lovelace"[:11]}]},
     "evidence 1: quote must be at least 12 characters"),
    ({"answer": "Marie Curie"}, "answer 'Marie Curie' is not one of the choices"),
    ({"anwser": "Ada Lovelace"}, "unknown field 'anwser' for single_choice"),
])
def test_a_broken_question_is_reported(bank_dir, overrides, expected):
    """Each fault in a question is reported at that question with a clear message."""
    write_set(bank_dir, questions=[question(**overrides), experts()])
    where = "question Minister One" if "id" in overrides else "question minister"
    assert_reported(bank_dir, f"{where}: {expected}")


def test_a_kind_field_on_the_wrong_kind_is_an_unknown_field(bank_dir):
    """A field of another kind (choices on a numeric question) is reported as unknown."""
    write_set(bank_dir, questions=[question(), experts(choices=["12", "13"])])
    assert_reported(bank_dir, "question experts: unknown field 'choices' for numeric")


def test_duplicate_question_id_across_files_names_both(bank_dir):
    """A question id used in two set files is reported in the second, naming the first."""
    file = write_set(bank_dir, "weekly", questions=[question(prompt="Who spoke?")])
    assert messages(bank_dir) == [f"sets/weekly.yaml:{line_of(file, '- id: minister')}: "
                                  "question minister: id is already used in sets/test-set.yaml"]


def test_a_question_with_several_faults_reports_each(bank_dir):
    """One question's faults are all reported together, not one per load."""
    write_set(bank_dir, questions=[question(difficulty=7, tags=[], answer="Nobody"), experts()])
    found = messages(bank_dir)
    for expected in ("difficulty must be", "tags must list", "'Nobody' is not one of"):
        assert any(expected in m for m in found), found


# --- set files -------------------------------------------------------------------------------


def test_set_id_must_equal_its_file_name(bank_dir):
    """A set whose id differs from its file name is refused."""
    write_set(bank_dir, questions=[question(), experts()])
    file = bank_dir / "sets" / "test-set.yaml"
    file.write_text(file.read_text().replace("id: test-set", "id: other-set", 1))
    assert_reported(bank_dir, "sets/test-set.yaml:1: id must be a slug equal to the file name")


def test_unknown_field_in_a_set_file_is_reported(bank_dir):
    """A typo among a set's own fields is reported, not silently ignored."""
    write_set(bank_dir, descripton="Misspelt")
    assert_reported(bank_dir, "sets/test-set.yaml:1: unknown field 'descripton'")


def test_invalid_set_yaml_reports_file_and_line(bank_dir):
    """A set file that is not YAML is reported with the line of the fault."""
    write(bank_dir, "sets/test-set.yaml",
          "id: test-set\ntitle: Test set\nquestions:\n  - id: minister\n    prompt: [unclosed\n")
    [problem] = [p for p in problems(bank_dir) if p.file == "sets/test-set.yaml"]
    assert problem.line is not None and 5 <= problem.line <= 6
    assert "not valid YAML" in problem.message


# --- sources ------------------------------------------------------------------------------


@pytest.mark.parametrize(("front", "expected"), [
    (FRONT_MATTER.replace("outlet: Test Times\n", ""), "outlet is required"),
    (FRONT_MATTER.replace("headline: A test article", "headline: ''"), "headline is required"),
    (FRONT_MATTER + "outlte: Test Times\n", "unknown field 'outlte'"),
    (FRONT_MATTER.replace("2019-02", "Feb 2019"), "published must be YYYY, YYYY-MM"),
    (FRONT_MATTER.replace("https://example.org/article", "example.org"), "url must be an http"),
])
def test_a_broken_source_is_reported(bank_dir, front, expected):
    """A source with missing or wrong front matter is reported by its file."""
    write_source(bank_dir, front=front)
    assert_reported(bank_dir, f"sources/test-source.txt:1: test-source: {expected}")


def test_a_source_without_front_matter_is_reported(bank_dir):
    """A source file must start with its front matter."""
    write(bank_dir, "sources/test-source.txt", BODY)
    assert_reported(bank_dir, "sources/test-source.txt:1: a source file starts with ---")


def test_a_source_with_an_empty_body_is_reported(bank_dir):
    """A source must have a body to quote."""
    write_source(bank_dir, body="\n\n")
    assert_reported(bank_dir, "test-source: the body is empty")


def test_invalid_front_matter_yaml_reports_the_line_in_the_file(bank_dir):
    """Broken front matter is reported at its line in the source file, not in the block."""
    file = write_source(bank_dir, front=FRONT_MATTER.replace(
        "headline: A test article", "headline: A test: article"))
    [problem] = [p for p in problems(bank_dir) if p.file == "sources/test-source.txt"]
    assert "not valid YAML" in problem.message
    assert problem.line == line_of(file, "headline:") == 3


def test_a_refused_source_is_reported_once(bank_dir):
    """Quotes from a source refused for its own problem do not each add a problem."""
    write_source(bank_dir, front=FRONT_MATTER.replace("Test Times", '"Test\\0Times"'))
    assert messages(bank_dir) == [
        "sources/test-source.txt:1: test-source: outlet holds the character U+0000, which "
        "is not allowed in one line of text", ".: no sources found under sources/"]


# --- quizzes ------------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "expected"), [
    ({"sets": ["no-such-set"]}, "unknown question set 'no-such-set'"),
    ({"question_count": 3}, "asks for 3 questions but its sets and tags offer 2"),
    ({"tags": ["money"]}, "its sets and tags offer no question"),
    ({"question_count": 0}, "question_count must be a whole number from 1 to 1000, or left out"),
    ({"join_code": "ab1"}, "join_code must be 4 to 12 capital letters or digits"),
    ({"feedback": "sometimes"}, "feedback must be one of immediate, after_submit"),
    ({"shuffle_questions": "yes please"}, "shuffle_questions must be true or false"),
    ({"shufle_questions": True}, "unknown field 'shufle_questions'"),
    ({"opens_at": "2026-09-01 08:00"}, "opens_at must be a date and time with its zone"),
    ({"title": ""}, "title is required"),
    ({"sets": []}, "sets must list at least one question set id"),
])
def test_a_broken_quiz_is_reported(bank_dir, fields, expected):
    """Each fault in a quiz is reported by its file with the quiz's id."""
    write_quiz(bank_dir, **fields)
    assert_reported(bank_dir, "quizzes/test-quiz.yaml")
    assert_reported(bank_dir, f"quiz test-quiz: {expected}")


def test_quiz_tags_narrow_the_pool(bank_dir):
    """A quiz drawing on a tag counts only the questions carrying it."""
    write_set(bank_dir, questions=[question(), experts(tags=["numbers"])])
    write_quiz(bank_dir, tags=["numbers"], question_count=2)
    assert_reported(bank_dir, "asks for 2 questions but its sets and tags offer 1")


def test_quiz_id_must_equal_its_file_name(bank_dir):
    """A quiz whose id differs from its file name is refused."""
    write(bank_dir, "quizzes/test-quiz.yaml",
          "id: other\ntitle: T\nsets: [test-set]\njoin_code: TEST01\n")
    assert_reported(bank_dir, "quizzes/test-quiz.yaml:1: quiz test-quiz: id must equal")


def test_duplicate_join_code_names_the_quiz_that_has_it(bank_dir):
    """Two quizzes cannot share a join code; the second names the first."""
    write_quiz(bank_dir, "weekly-quiz", join_code="TEST01")
    assert messages(bank_dir) == [
        "quizzes/weekly-quiz.yaml: quiz weekly-quiz: join code already used by quiz test-quiz"]


def test_quiz_closing_before_it_opens_is_reported(bank_dir):
    """closes_at must come after opens_at."""
    write(bank_dir, "quizzes/test-quiz.yaml",
          "id: test-quiz\ntitle: T\nsets: [test-set]\njoin_code: TEST01\n"
          "opens_at: 2026-09-02T08:00:00Z\ncloses_at: 2026-09-01T08:00:00Z\n")
    assert_reported(bank_dir, "quiz test-quiz: closes_at must come after opens_at")


def test_invalid_quiz_yaml_reports_file_and_line(bank_dir):
    """A quiz file that is not YAML is reported with its line."""
    write(bank_dir, "quizzes/test-quiz.yaml", "id: test-quiz\ntitle: T\n  sets: oops: [\n")
    [problem] = problems(bank_dir)
    assert (problem.file, problem.line) == ("quizzes/test-quiz.yaml", 3)
    assert "not valid YAML" in problem.message


# --- the whole bank at once -------------------------------------------------------------


def test_every_problem_is_reported_at_once(bank_dir):
    """Problems in every file and question are reported together, not just the first."""
    write_source(bank_dir, "second-source", front="headline: No outlet\n")
    write_set(bank_dir, questions=[question(kind="cloze"), experts(difficulty=9)])
    write_set(bank_dir, "weekly", questions=[question(tags=[])])
    write(bank_dir, "sets/broken.yaml", "id: broken\nquestions: [\n")
    write_quiz(bank_dir, sets=["test-set", "missing"])
    write_quiz(bank_dir, "second-quiz", join_code="TEST01", feedback="never!")
    found = messages(bank_dir)
    for expected in [
        "sources/second-source.txt:1: second-source: outlet is required",
        "sets/test-set.yaml:4: question minister: kind must be one of",
        "question experts: difficulty must be 1, 2 or 3",
        "sets/weekly.yaml:", "question minister: id is already used in sets/test-set.yaml",
        "question minister: tags must list at least one tag",
        "sets/broken.yaml:3: not valid YAML",
        "quiz test-quiz: unknown question set 'missing'",
        "quiz second-quiz: feedback must be one of",
    ]:
        assert any(expected in m for m in found), (expected, found)


def test_a_missing_folder_is_one_problem(tmp_path):
    """Pointing at a folder that does not exist says so."""
    assert messages(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder"]


def test_an_empty_folder_has_no_sources(tmp_path):
    """A bank with no sources is refused."""
    assert_reported(tmp_path, "no sources found under sources/")
