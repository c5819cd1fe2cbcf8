"""A teacher's set, source and quiz for the editor tests, and each kind's form as typed."""

import sqlalchemy as sa

from quizapp.authoring import question_services as services
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.factories import SAMPLE_EVIDENCE, SAMPLE_QUESTIONS, TEST_SOURCE_BODY

TEACHER = "owner@example.org"
OWN_BODY = ("The council met twice. The mayor said the plan was fair. "
            "The mayor said the plan was fair. Then the vote was held on Friday.")

# Each kind's own fields as a teacher types them, blank rows and all.
KIND_FORMS = {
    "single_choice": {"choice": ["Ada Lovelace", "", "Grace Hopper", "Alan Turing"],
                      "right": "0"},
    "multiple_response": {"choice": ["3", "12", "7", "40"], "right": ["0", "1"]},
    "true_false": {"answer": "false"},
    "matching": {"item": ["We will not be rushed", "Ottawa will decide soon", ""],
                 "match": ["Ada Lovelace", "Ottawa", ""], "extra": ["Grace Hopper"]},
    "short_answer": {"accepted": ["Ottawa", ""], "refuse": [""]},
    "ordering": {"item": ["the review began", "", "the hearings opened",
                          "the report was published"]},
    "numeric": {"answer": "12", "tolerance": "0", "unit": "experts"},
}


def expected_data(kind):
    """Return the definition the kind's form above describes."""
    return {k: v for k, v in SAMPLE_QUESTIONS[kind].items() if k != "prompt"}


def make_teacher_set(owner_id, slug="owner-set"):
    """Commit a set owned by `owner_id`; return it."""
    question_set = QuestionSet(slug=slug, title="Owner's set", description="", bundled=False,
                               owner_id=owner_id, published=True)
    db.session.add(question_set)
    db.session.commit()
    return question_set


def make_teacher_source(owner_id, slug="owner-source", body=OWN_BODY):
    """Commit a source owned by `owner_id`; return it."""
    source = Source(slug=slug, outlet="Town Crier", headline=f"Council news ({slug})",
                    published=None, date_precision="unknown", url=None, body=body,
                    content_hash="0" * 64, owner_id=owner_id)
    db.session.add(source)
    db.session.commit()
    return source


def make_teacher_question(question_set, kind="single_choice"):
    """Commit a question of `kind` in `question_set` through the editor's services."""
    sample = SAMPLE_QUESTIONS[kind]
    draft = services.QuestionDraft(
        kind=kind, prompt=sample["prompt"], data=expected_data(kind),
        explanation="Because the text says so.", tags=("testing",), difficulty=1,
        evidence=())
    question = services.create_question(question_set, draft)
    db.session.commit()
    return question


def make_teacher_quiz(question_set, slug="teacher-quiz", code="TEACH1"):
    """Commit a quiz over `question_set`, in order, feedback after submitting."""
    quiz = Quiz(slug=slug, title="Teacher quiz", join_code=code, sets=[question_set],
                shuffle_questions=False, feedback="after_submit", bundled=False,
                owner_id=question_set.owner_id, listed=False)
    db.session.add(quiz)
    db.session.commit()
    return quiz


def question_form(kind, source_id=None, quote=None, **overrides):
    """Return the editor form for a question of `kind`, citing `quote` from `source_id`."""
    form = {"prompt": SAMPLE_QUESTIONS[kind]["prompt"],
            "explanation": f"EXPLANATION-{kind}: the passage says so.",
            "tags": "Testing, Second Tag", "difficulty": "2", **KIND_FORMS[kind],
            "evidence-0-source": str(source_id or ""),
            "evidence-0-quote": SAMPLE_EVIDENCE[kind] if quote is None else quote,
            "then": "set"}
    form.update(overrides)
    return form


def bundled_source_id():
    """Return the id of the test bank's source."""
    return db.session.scalar(sa.select(Source.id).where(Source.slug == "test-source"))


def counts():
    """Return how many rows each table the editor writes holds."""
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Question, QuestionVersion, Evidence, QuestionSet, Source)}


def body_offsets(quote, body=TEST_SOURCE_BODY):
    """Return where `quote` stands in `body`."""
    start = body.index(quote)
    return start, start + len(quote)
