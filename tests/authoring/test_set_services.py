"""The verbs over question sets: create, duplicate, delete, and what `bank load` leaves alone."""

import pytest
import sqlalchemy as sa

from quizapp.authoring import set_services as services
from quizapp.bank.loader import load_bank
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.domain.bankdefs import BankError
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.bankschema import SLUG
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.authoring.conftest import set_by_slug, snapshot
from tests.factories import make_question


def test_a_new_set_is_the_teachers_unpublished_with_a_unique_slug(app, teacher):
    """Two sets with one title get two slugs, both within the bank's slug rule."""
    first = services.create_set(teacher, "Huawei & 5G: Élan!", "About it")
    second = services.create_set(teacher, "Huawei & 5G: Élan!")
    assert (first.slug, second.slug) == ("huawei-5g-elan", "huawei-5g-elan-2")
    assert first.owner_id == teacher.id and not first.published and not first.bundled
    assert SLUG.match(services.create_set(teacher, "!!!").slug)
    assert SLUG.match(services.create_set(teacher, "x" * 200).slug)


def test_duplicating_copies_each_live_question_as_version_one(app, bank, teacher):
    """The copy has the current wording, key, tags, difficulty and evidence, with new slugs."""
    starter = set_by_slug("starter")
    retired = starter.questions[0]
    retired.retired = True
    db.session.flush()
    originals = [q for q in starter.questions if not q.retired]
    copy = services.duplicate_set(starter, teacher)
    db.session.commit()
    assert copy.title == f"{starter.title} (copy)" and copy.owner_id == teacher.id
    assert not copy.published and not copy.bundled
    assert len(copy.questions) == len(originals)
    for original, question in zip(originals, copy.questions, strict=True):
        old, new = original.current_version, question.current_version
        assert question.slug != original.slug and SLUG.match(question.slug)
        assert new.number == 1 and new.id != old.id
        assert (new.kind, new.prompt, new.data, new.explanation, new.tags, new.difficulty) == (
            old.kind, old.prompt, old.data, old.explanation, old.tags, old.difficulty)
        assert [(e.source_id, e.quote, e.start, e.end) for e in new.evidence] == [
            (e.source_id, e.quote, e.start, e.end) for e in old.evidence]
    assert retired.current_version.prompt not in {q.current_version.prompt for q in copy.questions}


def test_reloading_the_bundled_bank_never_touches_a_teachers_copy(app, bank, teacher):
    """Load again, and load a bank without the starter set: the copy stays as it was."""
    copy = services.duplicate_set(set_by_slug("starter"), teacher)
    db.session.commit()
    copy_id = copy.id
    before = _set_rows(copy_id)
    assert sum(load_bank(db.session, bank).values()) == 0
    db.session.commit()
    assert _set_rows(copy_id) == before


def test_a_bank_without_the_copied_set_retires_only_bundled_questions(
        app, bank_writer, teacher):
    """The loader retires what left the files, never a teacher's question."""
    bank_writer.load()
    copy = services.duplicate_set(set_by_slug("test-set"), teacher)
    db.session.commit()
    copy_id = copy.id
    before = _set_rows(copy_id)
    bank_writer.load(questions=[make_question("numeric")])
    assert _set_rows(copy_id) == before
    retired = db.session.scalars(sa.select(Question).where(Question.retired.is_(True))).all()
    assert retired and all(q.question_set.owner_id is None for q in retired)


def test_the_bank_cannot_take_over_a_teachers_set_or_question(app, bank_writer, teacher):
    """A bank id already held by a teacher's set or question is refused, and nothing changes."""
    bank_writer.load()
    mine = services.create_set(teacher, "Test set 2")
    db.session.commit()
    assert mine.slug == "test-set-2"
    root = bank_writer.write()
    (root / "sets" / "test-set.yaml").rename(root / "sets" / "test-set-2.yaml")
    text = (root / "sets" / "test-set-2.yaml").read_text("utf-8")
    (root / "sets" / "test-set-2.yaml").write_text(text.replace("id: test-set\n",
                                                               "id: test-set-2\n"), "utf-8")
    quiz = (root / "quizzes" / "test-quiz.yaml")
    quiz.write_text(quiz.read_text("utf-8").replace("- test-set\n", "- test-set-2\n"), "utf-8")
    before = snapshot()
    with pytest.raises(BankError) as refused:
        load_bank(db.session, read_bank(root))
    db.session.rollback()
    assert "taken by a teacher's set" in str(refused.value.problems[0])
    assert snapshot() == before


def test_the_bank_cannot_take_over_a_teachers_question(app, bank_writer, own_set):
    """A bank question whose id a teacher's question holds is refused."""
    taken = own_set.questions[0].slug
    root = bank_writer.write(questions=[make_question("numeric", id=taken)])
    before = snapshot()
    with pytest.raises(BankError) as refused:
        load_bank(db.session, read_bank(root))
    db.session.rollback()
    assert f"question {taken}: this id is taken" in str(refused.value.problems[0])
    assert snapshot() == before


def test_the_bank_cannot_take_over_a_teachers_source_or_quiz(app, bank_writer, teacher):
    """Ids a teacher's source and quiz hold are refused: the files would rewrite their text
    and settings. Nothing changes."""
    bank_writer.load()
    source = db.session.scalar(sa.select(Source).where(Source.slug == "test-source"))
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "test-quiz"))
    source.owner_id = quiz.owner_id = teacher.id
    quiz.bundled = False
    db.session.commit()
    body, title = source.body, quiz.title
    root = bank_writer.write(source_body=body + " A sentence the teacher never wrote.")
    with pytest.raises(BankError) as refused:
        load_bank(db.session, read_bank(root))
    db.session.rollback()
    messages = [str(problem) for problem in refused.value.problems]
    assert any("source test-source: this id is taken by a teacher's source" in m
               for m in messages)
    assert any("quiz test-quiz: this id is taken by a teacher's quiz" in m for m in messages)
    db.session.expire_all()
    assert (source.body, source.owner_id, quiz.title) == (body, teacher.id, title)


def test_deleting_a_set_removes_its_questions_versions_evidence_and_quiz_links(
        app, own_set):
    """Nothing of the set is left, and the quiz that drew from it no longer does."""
    quiz = Quiz(slug="mine", title="Mine", join_code="MINE01", bundled=False,
                sets=[own_set, set_by_slug("test-set")])
    db.session.add(quiz)
    db.session.commit()
    set_id = own_set.id
    services.delete_set(own_set)
    db.session.commit()
    assert db.session.get(QuestionSet, set_id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)
                             .where(Question.set_id == set_id)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionVersion)) == 7
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Evidence)) == 7
    assert [s.slug for s in db.session.get(Quiz, quiz.id).sets] == ["test-set"]


def test_retiring_a_question_keeps_its_versions(app, own_set):
    """A removed question leaves the set page but keeps what attempts point at."""
    question = own_set.questions[0]
    services.retire_question(question)
    db.session.commit()
    assert question.retired and question.current_version is not None
    assert question not in services.live_questions(own_set)


def _set_rows(set_id):
    """Return what a set's questions say, to compare before and after a load."""
    db.session.expire_all()
    questions = db.session.scalars(sa.select(Question).where(Question.set_id == set_id)
                                   .order_by(Question.id)).all()
    return [(q.slug, q.retired, q.position, q.current_version_id, q.current_version.prompt,
             [(e.start, e.end) for e in q.current_version.evidence]) for q in questions]
