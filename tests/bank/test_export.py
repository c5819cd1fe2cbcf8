"""Exporting a question set as bank files: it loads elsewhere as the same questions."""

import json
import shutil
from datetime import date

import pytest
import sqlalchemy as sa

from quizapp import BUNDLED_BANK_DIR
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.domain import evidence as evidence_rules
from quizapp.domain.bankfiles import read_bank
from quizapp.extensions import db
from tests.conftest import clear_database
from tests.factories import make_question

BUNDLED_SETS = sorted(p.stem for p in (BUNDLED_BANK_DIR / "sets").glob("*.yaml"))
SOURCE_FIELDS = ("outlet", "headline", "published", "date_precision", "date_note", "url",
                 "trimmed", "body", "provenance", "provenance_note", "stamped")


def _set_state(runner, slug):
    """Return what a learner and a teacher see of set `slug`: questions, set and sources."""
    result = runner.invoke(args=["bank", "dump"])
    assert result.exit_code == 0, result.output
    questions = [{k: v for k, v in q.items() if k != "version"}
                 for q in json.loads(result.output) if q["set"] == slug]
    question_set = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == slug))
    cited = {e["source"] for q in questions for e in q["evidence"]}
    sources = {s.slug: {name: getattr(s, name) for name in SOURCE_FIELDS}
               for s in db.session.scalars(sa.select(Source).where(Source.slug.in_(cited)))}
    return {"questions": questions, "title": question_set.title,
            "description": question_set.description, "sources": sources}


def _round_trip(runner, slug, folder):
    """Export `slug`, empty the database, load the export; return (before, after)."""
    before = _set_state(runner, slug)
    exported = runner.invoke(args=["bank", "export", slug, "-o", str(folder)])
    assert exported.exit_code == 0, exported.output
    assert "warning:" not in exported.output
    clear_database()
    loaded = runner.invoke(args=["bank", "load", str(folder)])
    assert loaded.exit_code == 0, loaded.output
    return before, _set_state(runner, slug)


@pytest.mark.parametrize("slug", BUNDLED_SETS)
def test_every_bundled_set_exports_and_loads_as_the_same_questions(runner, bank, tmp_path,
                                                                   slug):
    """Export then load into an empty database: every question, quote and source the same."""
    before, after = _round_trip(runner, slug, tmp_path / "out")
    assert before["questions"]
    assert after == before


SOURCE_BODY = (
    "    Indented first line: “quoted”, ‘single’, \"straight\" and 'apostrophes'.\n"
    "---\n"
    "key: value # not a comment\n\n"
    "Zürich, 北京 and Montréal — a dash; 3.5 % of $200 = 7 — café 🎉.\n"
    "A line with trailing spaces   \n"
    "- looks like a list item\n"
    "yes\n"
    "The end: null, true, 2019-02-14."
)
TRICKY = {
    "single_choice": {"choices": ["yes", "null", "“Curly”: a colon", "- dash", "2019-02-14"],
                      "answer": "“Curly”: a colon"},
    "multiple_response": {"choices": ["true", "#hash", "a: b", "'quoted'", "123"],
                          "answer": ["true", "a: b"]},
    "true_false": {"answer": True},
    "matching": {"pairs": [{"item": "Zürich: city", "match": "yes"},
                           {"item": "北京", "match": "no"}],
                 "extra_matches": ["off", "@at"]},
    "short_answer": {"accepted": ["Montréal", "3.5 %", "null"]},
    "ordering": {"items": ["first: this", "then “that”", "finally - the end"]},
    "numeric": {"answer": 3.5, "tolerance": 0.25, "unit": "% of $200"},
    "essay": {"grader_note": "Look for: “two” reasons\n- one\n- two"},
    "description": {},
}
LONG_WORDS = " ".join(["long words"] * 12)
QUOTES = ["Indented first line: “quoted”", "key: value # not a comment\n\nZürich",
          "café 🎉.\nA line with trailing spaces   \n- looks",
          "\"straight\" and 'apostrophes'", "---\nkey: value", "The end: null, true, 2019",
          "3.5 % of $200 = 7", None, None]


def _add_teacher_set():
    """Add a set as a teacher's forms would: every kind, texts YAML finds awkward."""
    source = Source(slug="teacher-article", outlet="L’Écho: “Daily”", headline="yes: no",
                    published=date(2019, 1, 1), date_precision="year",
                    date_note="Line one.\nLine two: with a colon.\n\n  indented: end.", url=None,
                    trimmed="", body=SOURCE_BODY, provenance="copy",
                    provenance_note=" ".join(["A copy — of ‘something’"] * 5),
                    stamped=date(2020, 3, 31), content_hash="x")
    question_set = QuestionSet(slug="teacher-set", title="Set: “mine”", bundled=False,
                               description="Two lines:\n- one\n- two")
    db.session.add_all([source, question_set])
    for position, (kind, data) in enumerate(TRICKY.items()):
        question = Question(slug=f"teacher-{position}", question_set=question_set,
                            position=position)
        version = QuestionVersion(
            question=question, number=1, kind=kind, data=data, content_hash="x",
            prompt=f"{kind}: “which” one? 'Say' #{position} — 北京 " + LONG_WORDS,
            explanation=f"Because: it says so.\n\nSecond paragraph,\n  indented {kind}.",
            tags=["unicode", f"kind-{position}"], difficulty=position % 3 + 1)
        quote = QUOTES[position]
        if quote is not None:  # the last ones have no evidence yet, as imports do
            start, end = evidence_rules.locate(SOURCE_BODY, quote)
            version.evidence = [Evidence(source=source, quote=quote, start=start, end=end)]
        db.session.add(question)
        db.session.flush()
        question.current_version = version
    db.session.commit()


def test_a_teacher_set_of_every_kind_and_awkward_text_survives_the_round_trip(runner,
                                                                               tmp_path):
    """Unicode, quotes, colons, line breaks and YAML look-alikes all come back the same."""
    _add_teacher_set()
    before, after = _round_trip(runner, "teacher-set", tmp_path / "out")
    assert {q["kind"] for q in before["questions"]} == set(TRICKY)
    assert after == before


def test_export_writes_the_current_version_and_leaves_retired_questions_out(
        runner, bank_writer, tmp_path):
    """An edited question is exported as edited; a removed one is not exported at all."""
    bank_writer.load()
    bank_writer.load(questions=[make_question("single_choice", prompt="Who is it now?"),
                                make_question("true_false")])
    result = runner.invoke(args=["bank", "export", "test-set", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    bank = read_bank(tmp_path)
    [exported] = bank.sets
    assert [q.id for q in exported.questions] == ["test-single-choice", "test-true-false"]
    assert exported.questions[0].prompt == "Who is it now?"
    assert [s.slug for s in bank.sources] == ["test-source"]


def test_export_files_are_stable_and_diff_friendly(runner, bank, tmp_path):
    """Two exports are identical; keys keep the bundled order; long text is a block."""
    first = runner.invoke(args=["bank", "export", "starter", "-o", str(tmp_path)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["bank", "export", "starter", "-o", str(tmp_path)])
    assert again.exit_code == 0, again.output
    assert "wrote" not in again.output
    assert "unchanged sets/starter.yaml" in again.output
    text = (tmp_path / "sets" / "starter.yaml").read_text("utf-8")
    assert text.startswith("id: starter\ntitle: ")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "&id" not in text and "*id" not in text
    assert "  - id: start-sputnik-ban-reason\n    kind: single_choice\n    prompt: >-\n" in text
    assert "    tags: [security, huawei]\n    difficulty: 2\n\n  - id: " in text
    source = (tmp_path / "sources" / "bbc-china-backs-huawei-bid.txt").read_text("utf-8")
    assert source.startswith("---\noutlet: BBC News\nheadline: ")
    assert "Huawei Technologies’ bid" in source


def test_unknown_set_is_refused(runner, bank, tmp_path):
    """An unknown set: exit 1, the set named, nothing written."""
    result = runner.invoke(args=["bank", "export", "no-such-set", "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "There is no question set 'no-such-set'. Nothing was written." in result.output
    assert not (tmp_path / "o").exists()


def test_a_differing_file_is_refused_unless_forced(runner, bank, tmp_path):
    """An edited file in the way stops the export before anything is written; --force wins."""
    (tmp_path / "sets").mkdir()
    edited = tmp_path / "sets" / "countries.yaml"
    edited.write_text("id: countries\n", "utf-8")
    result = runner.invoke(args=["bank", "export", "countries", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "These files exist with other content: sets/countries.yaml" in result.output
    assert "--force" in result.output
    assert edited.read_text("utf-8") == "id: countries\n"
    assert not (tmp_path / "sources").exists()
    forced = runner.invoke(args=["bank", "export", "countries", "-o", str(tmp_path),
                                 "--force"])
    assert forced.exit_code == 0, forced.output
    assert "wrote sets/countries.yaml" in forced.output
    assert read_bank(tmp_path).sets[0].id == "countries"


def test_without_output_it_writes_a_folder_named_after_the_set(runner, bank, tmp_path,
                                                               monkeypatch):
    """`bank export SET` writes ./SET, a bank folder `bank load` accepts."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["bank", "export", "who-said-what"])
    assert result.exit_code == 0, result.output
    assert "bank load who-said-what" in result.output
    assert [s.id for s in read_bank(tmp_path / "who-said-what").sets] == ["who-said-what"]


def test_export_into_the_bank_folder_keeps_the_bundled_sources_as_they_are(runner, bank,
                                                                           tmp_path):
    """Sources already in the folder (with `seed` and their own wrapping) are left alone."""
    folder = tmp_path / "questions"
    shutil.copytree(BUNDLED_BANK_DIR, folder)
    (folder / "sets" / "countries.yaml").unlink()
    result = runner.invoke(args=["bank", "export", "countries", "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert "wrote sets/countries.yaml" in result.output
    assert "unchanged sources/" in result.output
    for source in (BUNDLED_BANK_DIR / "sources").iterdir():
        assert (folder / "sources" / source.name).read_bytes() == source.read_bytes()
    assert "countries" in {s.id for s in read_bank(folder).sets}


def test_a_passage_picked_past_an_earlier_copy_of_its_quote_is_warned_about(runner,
                                                                            tmp_path):
    """A load finds a quote's first occurrence: the export says which passage would move."""
    _add_teacher_set()
    evidence = db.session.scalars(sa.select(Evidence).order_by(Evidence.id)).first()
    body = evidence.source.body
    evidence.source.body = body + "\n" + evidence.quote
    evidence.start = len(body) + 1
    evidence.end = evidence.start + len(evidence.quote)
    db.session.commit()
    result = runner.invoke(args=["bank", "export", "teacher-set", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (f"warning: question teacher-0: evidence 1 is found earlier in source "
            f"teacher-article (at 4, not {len(body) + 1})") in result.output
    assert (tmp_path / "sets" / "teacher-set.yaml").exists()
