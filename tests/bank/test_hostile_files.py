"""Hostile bank files: each is refused with `file:line: id: problem`, quickly, without a
traceback, and a refused load leaves the database exactly as it was."""

import os
import resource
import signal
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from quizapp.domain.bankdefs import BankError
from quizapp.domain.bankfiles import read_bank
from quizapp.extensions import db
from tests.factories import make_question, make_quiz

SET = "sets/test-set.yaml"
SOURCE = "sources/test-source.txt"
QUIZ = "quizzes/test-quiz.yaml"
FIRST = "sets/test-set.yaml:4: question test-single-choice"  # the first question's line
SECONDS = 3  # far above what a sound bank of this size takes to read


def alias_bomb():
    """Return a 'billion laughs' YAML value: nine to the seventh power 'lol's in 1 KB."""
    lines = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 7):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"  a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def write(root, path, content):
    """Write `content` (text or bytes) to `path` under the bank folder."""
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    if file.is_symlink() or file.is_file():
        file.unlink()
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, "utf-8")


def edit(root, path, old, new):
    """Replace `old` (which must be there) with `new` in a bank file."""
    text = (root / path).read_text("utf-8")
    assert old in text
    write(root, path, text.replace(old, new, 1))


def set_of(*questions):
    """Return a set file's YAML holding `questions`."""
    doc = {"id": "test-set", "title": "Test set", "questions": list(questions)}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def with_question(of="single_choice", **overrides):
    """Return a change writing the set with one question of kind `of`, overridden."""
    question = {**make_question(of), **overrides}
    return lambda root, outside: write(root, SET, set_of(question))


def with_quiz(**overrides):
    """Return a change writing the quiz file with `overrides`."""
    return lambda root, outside: write(root, QUIZ, yaml.safe_dump(make_quiz(**overrides)))


def with_front(old, new):
    """Return a change to the source's front matter."""
    return lambda root, outside: edit(root, SOURCE, old, new)


def link(path, target):
    """Return a change making `path` a symbolic link to `target` (may name `outside`)."""
    def change(root, outside):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        if (root / path).exists():
            (root / path).unlink()
        os.symlink(str(target).format(outside=outside), root / path)
    return change


def secret_outside(root, outside):
    """Put a source outside the bank and link it in."""
    write(outside, "secret.txt", (root / SOURCE).read_text("utf-8"))
    link("sources/secret.txt", "{outside}/secret.txt")(root, outside)


def sources_folder_outside(root, outside):
    """Replace the sources folder with a link to a folder outside the bank."""
    (outside / "sources").mkdir()
    os.replace(root / SOURCE, outside / SOURCE)
    (root / "sources").rmdir()
    os.symlink(outside / "sources", root / "sources")


def fifo(root, outside):
    """Put a FIFO where a set file is expected."""
    os.mkfifo(root / "sets" / "piped.yaml")


def folder_named_like_a_file(root, outside):
    """Put a folder named like a set file."""
    (root / "sets" / "folder.yaml").mkdir()


# (id, change, what the report must say)
CASES = [
    ("alias-bomb-in-a-set", lambda r, o: write(r, SET, "id: test-set\nbomb:\n" + alias_bomb()),
     f"{SET}:3: YAML anchors and aliases (& and *) are not allowed"),
    ("alias-bomb-in-front-matter",
     with_front("published: 2019-02\n", "bomb:\n" + alias_bomb()),
     f"{SOURCE}:5: YAML anchors and aliases (& and *) are not allowed"),
    ("one-harmless-alias", lambda r, o: edit(r, QUIZ, "title: Test quiz", "title: &t Test quiz"),
     f"{QUIZ}:2: YAML anchors and aliases (& and *) are not allowed"),
    ("deep-nesting", lambda r, o: write(r, SET, "id: test-set\nx: " + "[" * 500 + "]" * 500),
     f"{SET}:2: nested more than 20 levels deep"),
    ("repeated-key", lambda r, o: edit(r, QUIZ, "title: Test quiz", "title: A\ntitle: B"),
     f"{QUIZ}:3: the key 'title' appears twice"),
    ("python-tag", lambda r, o: edit(r, QUIZ, "title: Test quiz", "title: !!python/name:os.system"),
     f"{QUIZ}:2: not valid YAML: could not determine a constructor for the tag"),
    ("bad-int-tag", lambda r, o: edit(r, QUIZ, "title: Test quiz", "title: !!int twelve"),
     f"{QUIZ}:2: cannot read 'twelve'"),
    ("symlink-out-of-the-root", secret_outside,
     "sources/secret.txt: leads outside the bank folder; only files inside it are read"),
    ("sources-folder-out-of-the-root", sources_folder_outside,
     "sources: leads outside the bank folder"),
    ("dev-zero-via-symlink", link(SET, "/dev/zero"),
     f"{SET}: leads outside the bank folder"),
    ("broken-link", link("sets/gone.yaml", "{outside}/gone.yaml"),
     "sets/gone.yaml: is a broken link"),
    ("link-loop", link("sets/loop.yaml", "loop.yaml"), "sets/loop.yaml: cannot be read"),
    ("fifo", fifo, "sets/piped.yaml: is a FIFO (named pipe), not a file"),
    ("folder-named-like-a-file", folder_named_like_a_file,
     "sets/folder.yaml: is a folder, not a file"),
    ("oversized-file", lambda r, o: write(r, SET, "# padding\n" * 110_000),
     f"{SET}: is larger than the limit of 1,000,000 bytes"),
    ("invalid-utf8-in-yaml", lambda r, o: write(r, QUIZ, b"id: test-quiz\ntitle: Caf\xe9\n"),
     f"{QUIZ}:2: is not valid UTF-8: byte 0xe9"),
    ("invalid-utf8-in-a-body",
     lambda r, o: write(r, SOURCE, (r / SOURCE).read_bytes() + b"More \xff\xfe text.\n"),
     f"{SOURCE}:11: is not valid UTF-8: byte 0xff"),
    ("nul-byte-in-a-body", lambda r, o: edit(r, SOURCE, "Ada Lovelace.\n", "Ada\x00 Lovelace.\n"),
     f"{SOURCE}:8: test-source: the body holds the character U+0000, which is not allowed"),
    ("nul-byte-in-yaml", lambda r, o: edit(r, QUIZ, "title: Test quiz", "title: Test\x00quiz"),
     f"{QUIZ}:2: not valid YAML: the character U+0000 is not allowed"),
    ("nul-escape-in-a-prompt", with_question(prompt="Who\x00 is the minister?"),
     f"{FIRST}: prompt holds the character U+0000, which is not allowed"),
    ("escape-sequence-in-a-headline", with_front("A test article", '"A test \\e[31m article"'),
     "test-source: headline holds the character U+001B"),
    ("line-break-in-a-title", with_quiz(title="Test\nquiz"),
     "quiz test-quiz: title holds the character U+000A, which is not allowed in one line"),
    ("bidi-override-in-a-choice",
     with_question(choices=["Ada Lovelace", "Grace \u202eHopper", "Alan Turing"]),
     f"{FIRST}: choices 2 holds the character U+202E"),
    ("lone-surrogate", with_front("A test article", '"A test \\ud800 article"'),
     f"{SOURCE}:3: not valid YAML"),
    ("over-long-headline", with_front("A test article", "x" * 301),
     "sources/test-source.txt:1: test-source: headline is longer than 300 characters"),
    ("over-long-quiz-title", with_quiz(title="x" * 201),
     "quiz test-quiz: title is longer than 200 characters"),
    ("over-long-choice", with_question(choices=["Ada Lovelace", "x" * 1001, "Alan Turing"]),
     f"{FIRST}: choices 2 is longer than 1000 characters"),
    ("list-as-headline", with_front("headline: A test article", "headline: [A, test]"),
     "test-source: headline must be text, not a list"),
    ("mapping-as-a-kind", with_question(kind={"single": "choice"}),
     f"{FIRST}: kind must be one of single_choice"),
    ("list-as-a-prompt", with_question(prompt=["Who", "is"]),
     f"{FIRST}: prompt must be text, not a list"),
    ("list-as-an-evidence-source",
     with_question(evidence=[{"source": ["test-source"], "quote": "said the minister"}]),
     f"{FIRST}: evidence 1: source must be a source id"),
    ("text-as-tags", with_question(tags="testing"), f"{FIRST}: tags must list at least one tag"),
    ("line-break-after-a-tag", with_question(tags=["testing\n"]),
     f"{FIRST}: tags must list at least one tag"),
    ("line-break-after-a-join-code", with_quiz(join_code="TEST01\n"),
     "quiz test-quiz: join_code must be 4 to 12 capital letters or digits"),
    ("nested-lists-as-tags", with_question(tags=[["testing"]]), f"{FIRST}: tags must list"),
    ("text-as-quiz-sets", with_quiz(sets="test-set"),
     "quiz test-quiz: sets must list at least one question set id"),
    ("lists-as-quiz-sets", with_quiz(sets=[["test-set"]]),
     "quiz test-quiz: sets must list at least one question set id"),
    ("mapping-as-a-set-title",
     lambda r, o: edit(r, SET, "title: Test set", "title: {a: 1}"),
     f"{SET}:1: title must be text, not a mapping"),
    ("date-as-a-choice",
     with_question(choices=["Ada Lovelace", "Grace Hopper", date(2019, 1, 1)]),
     f"{FIRST}: choices 3 must be text, a number or true/false, not a date"),
    ("impossible-published-date", with_front("published: 2019-02", "published: 2019-02-30"),
     f"{SOURCE}:4: cannot read '2019-02-30': day is out of range for month"),
    ("impossible-published-month", with_front("published: 2019-02", "published: '2019-13'"),
     "test-source: published '2019-13' is not a real date"),
    ("year-zero", with_front("published: 2019-02", "published: 0"),
     "test-source: published 0 is not a real date"),
    ("date-and-time-as-published",
     with_front("published: 2019-02", "published: 2019-02-14T10:00:00Z"),
     "test-source: published must be YYYY, YYYY-MM, YYYY-MM-DD or null"),
    ("impossible-opening-time",
     lambda r, o: write(r, QUIZ, "id: test-quiz\ntitle: T\nsets: [test-set]\n"
                                 "join_code: TEST01\nopens_at: 2026-02-30T08:00:00Z\n"),
     f"{QUIZ}:5: cannot read '2026-02-30T08:00:00Z'"),
    ("impossible-zone",
     lambda r, o: write(r, QUIZ, "id: test-quiz\ntitle: T\nsets: [test-set]\n"
                                 "join_code: TEST01\nopens_at: 2026-09-01T08:00:00+99:00\n"),
     f"{QUIZ}:5: cannot read '2026-09-01T08:00:00+99:00'"),
    ("date-without-time", with_quiz(opens_at="2026-09-01"),
     "quiz test-quiz: opens_at must be a date and time with its zone"),
    ("nan-answer", with_question("numeric", answer=float("nan")),
     "question test-numeric: answer must be a finite number"),
    ("infinite-tolerance", with_question("numeric", tolerance=float("inf")),
     "question test-numeric: tolerance must be a finite number"),
    ("huge-answer", with_question("numeric", answer=10**400),
     "question test-numeric: answer must be between -10^15 and 10^15"),
    ("huge-difficulty", with_question(difficulty=10**20), f"{FIRST}: difficulty must be 1, 2 or 3"),
    ("huge-question-count", with_quiz(question_count=99_999_999_999),
     "quiz test-quiz: question_count must be a whole number from 1 to 1000, or left out"),
    ("huge-time-limit", with_quiz(time_limit_minutes=2**40),
     "quiz test-quiz: time_limit_minutes must be a whole number from 1 to 10080"),
    ("file-name-not-a-slug", lambda r, o: write(r, "sets/Bad\nName.yaml", "id: x\n"),
     "'sets/Bad\\nName.yaml': the file name must be a slug (a-z, 0-9, -) followed by .yaml"),
]


@contextmanager
def deadline(seconds, memory=512 * 2**20):
    """Fail, instead of hanging or eating the machine, when the block takes longer than
    `seconds` or more than `memory` bytes (a regression could read /dev/zero for ever)."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    limits = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (used + memory, limits[1]))
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, limits)
    assert time.monotonic() - started < seconds


@pytest.fixture
def outside(tmp_path):
    """Return a folder next to the bank, outside it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def snapshot():
    """Return every row of every table, to compare before and after a load."""
    db.session.expire_all()
    return {table.name: sorted(map(repr, db.session.execute(sa.select(table)).all()))
            for table in db.metadata.sorted_tables}


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_the_reader_refuses_it(bank_writer, outside, change, expected):
    """Reading the bank refuses the hostile file with a message naming file, line and id."""
    root = bank_writer.write()
    change(root, outside)
    with deadline(SECONDS), pytest.raises(BankError) as caught:
        read_bank(root)
    found = [str(p) for p in caught.value.problems]
    assert any(expected in m for m in found), found


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bank_load_refuses_it_and_writes_nothing(runner, bank_writer, outside, change, expected):
    """`bank load` exits 1 with the message and no traceback; the database is unchanged."""
    root = bank_writer.write()
    assert runner.invoke(args=["bank", "load", str(root)]).exit_code == 0
    bank_writer.write(questions=[make_question("single_choice", prompt="Changed?")])
    change(root, outside)
    before = snapshot()
    with deadline(SECONDS):
        result = runner.invoke(args=["bank", "load", str(root)])
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Nothing was loaded" in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
    assert snapshot() == before


def test_a_join_code_held_in_the_database_is_refused(runner, bank_writer):
    """A quiz whose join code another quiz already holds is refused, and nothing written."""
    bank_writer.load(quizzes=[make_quiz(id="older-quiz", join_code="TEST01")])
    before = snapshot()
    result = runner.invoke(args=["bank", "load", str(bank_writer.write())])
    assert result.exit_code == 1
    assert ("quizzes/test-quiz.yaml: quiz test-quiz: join code TEST01 is already used by "
            "quiz older-quiz in the database") in result.output
    assert snapshot() == before


def test_what_the_database_still_refuses_is_one_clear_line(runner, bank_writer):
    """Two quizzes swapping join codes trip the database's unique index: the load says so
    in one line, without a traceback, and writes nothing."""
    first, second = make_quiz(id="first", join_code="CODE01"), make_quiz(join_code="CODE02")
    bank_writer.load(quizzes=[first, second])
    before = snapshot()
    swapped = [{**first, "join_code": "CODE02"}, {**second, "join_code": "CODE01"}]
    result = runner.invoke(args=["bank", "load", str(bank_writer.write(quizzes=swapped))])
    assert result.exit_code == 1
    assert ": the database refused the bank: " in result.output
    assert "Traceback" not in result.output
    assert snapshot() == before


def test_the_size_cap_is_a_setting(app, runner, bank_writer):
    """BANK_MAX_FILE_BYTES lowers (or raises) the largest file the loader reads."""
    root = bank_writer.write()
    size = (root / SET).stat().st_size
    app.config["BANK_MAX_FILE_BYTES"] = size - 1
    result = runner.invoke(args=["bank", "load", str(root)])
    assert f"{SET}: is larger than the limit of {size - 1:,} bytes" in result.output
    assert snapshot()["question"] == []
    app.config["BANK_MAX_FILE_BYTES"] = size
    assert runner.invoke(args=["bank", "load", str(root)]).exit_code == 0


def test_the_whole_bank_has_a_size_cap_too(app, runner, bank_writer):
    """BANK_MAX_TOTAL_BYTES bounds the files read in all: many files under the cap each
    are refused at the one that passes it, and nothing is written."""
    root = bank_writer.write()
    for number in range(5):
        write(root, f"sets/padding-{number}.yaml", "# padding\n" * 100)
    app.config["BANK_MAX_TOTAL_BYTES"] = 2500
    result = runner.invoke(args=["bank", "load", str(root)])
    assert result.exit_code == 1
    assert ("takes the bank's files past the limit of 2,500 bytes in all; the files after "
            "it were not read") in result.output
    assert snapshot()["question"] == []


def test_a_link_inside_the_bank_is_followed(runner, bank_writer):
    """A file linked from elsewhere inside the bank folder loads like any other."""
    root = bank_writer.write()
    (root / "shared").mkdir()
    os.replace(root / SET, root / "shared" / "test-set.yaml")
    os.symlink("../shared/test-set.yaml", root / SET)
    result = runner.invoke(args=["bank", "load", str(root)])
    assert result.exit_code == 0, result.output
    assert "1 sets added" in result.output
