"""Who may do what: every route and method, tried by each kind of visitor.

The table below has one row per (endpoint, method) of the app, and a test fails when a
route exists that the table does not list, so no route can be added without saying who
may use it. Each row is tried in a fresh world by six visitors:

- `anonymous`: no cookie at all;
- `learner`: a learner cookie with an attempt of their own, no account;
- `learner_account`: a learner logged in to a learner account, with an attempt of their
  own: refused (403) on every teacher's page, and otherwise treated as `learner`;
- `other`: a teacher who owns nothing of what the row is about;
- `owner`: the teacher who owns it;
- `admin`: an admin, who sees everything.

Expectations are outcomes, not only status codes: `OK` (2xx), `REDIRECT` (3xx, anywhere
but the log-in page), `LOGIN` (sent to log in), or a status code such as 403 or 404.
CSRF is off here, so a POST reaches the authorisation check; the CSRF tests prove a
forged POST is refused.
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.authoring.set_services import duplicate_set
from quizapp.bank.models import QuestionSet, Source
from quizapp.classes import services as classes
from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from quizapp.sources.services import add_source
from tests.authoring.helpers import make_teacher_question, make_teacher_set
from tests.factories import log_in

ROLES = ("anonymous", "learner", "learner_account", "other", "owner", "admin")
# A learner account is logged in, so a teacher's page refuses it rather than asking to log in.
TEACHERS_PAGE = 403
OK, REDIRECT, LOGIN = "ok", "redirect", "login"


@dataclass
class World:
    """What the visitors find: accounts, a bundled quiz, a learner's attempt, and what the
    owner made (filled in by `make_world`)."""

    ids: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name):
        return self.ids[name]


@dataclass(frozen=True)
class Route:
    """One row: how to build its URL and form in a world, and what each visitor gets."""

    endpoint: str
    method: str
    url: Callable[[World], str]
    expect: dict[str, Any]
    data: Callable[[World], dict] = lambda world: {}


def everyone(outcome):
    """Return the same expectation for every visitor."""
    return dict.fromkeys(ROLES, outcome)


def teachers_only(outcome=OK, learner=LOGIN):
    """Return: visitors without an account are sent to log in; any teacher gets `outcome`."""
    return {"anonymous": LOGIN, "learner": learner, "learner_account": TEACHERS_PAGE,
            "other": outcome, "owner": outcome, "admin": outcome}


def accounts_only(outcome=OK):
    """Return: visitors without an account are sent to log in; any account gets `outcome`."""
    return {**teachers_only(outcome), "learner_account": outcome}


def signed_in_go_home(outcome=OK):
    """Return: visitors without an account get `outcome`; accounts are sent home."""
    return {"anonymous": outcome, "learner": outcome, "learner_account": REDIRECT,
            "other": REDIRECT, "owner": REDIRECT, "admin": REDIRECT}


def owner_only(denied=404):
    """Return: log in first; then only the owner and admins get through."""
    return {"anonymous": LOGIN, "learner": LOGIN, "learner_account": TEACHERS_PAGE,
            "other": denied, "owner": OK, "admin": OK}


def admins_only():
    """Return: log in first; then only admins get through."""
    return {"anonymous": LOGIN, "learner": LOGIN, "learner_account": 403, "other": 403,
            "owner": 403, "admin": OK}


def owner_reads():
    """Return: only the owner and admins read it; everyone else is told it does not exist."""
    return {**everyone(404), "owner": OK, "admin": OK}


SOURCE_DETAILS = {"headline": "A headline", "outlet": "The Courier", "published": "2024-03",
                  "provenance": "unverified"}


def quiz_form(world):
    """Return a valid quiz form over the bundled test set."""
    return {"title": "A quiz of the test set", "sets": [world["test_set_id"]],
            "grading": "best", "feedback": "after_submit"}


def learner_only(outcome=OK):
    """Return: only the learner whose attempt it is (with or without an account) gets
    through; everyone else sees 404."""
    return {**everyone(404), "learner": outcome, "learner_account": outcome}


def owner_changes(denied=404):
    """Return: log in first; then the owner and admins are sent on; others get `denied`."""
    return {**owner_only(denied), "owner": REDIRECT, "admin": REDIRECT}


def nobody_changes():
    """Return: log in first; then nobody, not even an admin, may change it (bundled)."""
    return {"anonymous": LOGIN, "learner": LOGIN, "learner_account": TEACHERS_PAGE,
            "other": 403, "owner": 403, "admin": 403}


def _owner_set(w, rest=""):
    return f"/teach/sets/{w['owned_set']}{rest}"


def _bundled_set(w, rest=""):
    return f"/teach/sets/{w['bundled_set']}{rest}"


SET_FORM = {"title": "Renamed", "description": ""}
SET_ROUTES = [
    Route("authoring.sets_index", "GET", lambda w: "/teach/sets/", teachers_only()),
    Route("authoring.set_new", "GET", lambda w: "/teach/sets/new", teachers_only()),
    Route("authoring.set_new", "POST", lambda w: "/teach/sets/new", teachers_only(REDIRECT),
          lambda w: SET_FORM),
    Route("authoring.set_show", "GET", _owner_set, owner_only()),
    Route("authoring.set_show", "GET", _bundled_set, teachers_only()),
    Route("authoring.set_edit", "GET", lambda w: _owner_set(w, "/edit"), owner_only()),
    Route("authoring.set_edit", "GET", lambda w: _bundled_set(w, "/edit"), nobody_changes()),
    Route("authoring.set_edit", "POST", lambda w: _owner_set(w, "/edit"), owner_changes(),
          lambda w: SET_FORM),
    Route("authoring.set_edit", "POST", lambda w: _bundled_set(w, "/edit"), nobody_changes(),
          lambda w: SET_FORM),
    Route("authoring.set_delete", "GET", lambda w: _owner_set(w, "/delete"), owner_only()),
    Route("authoring.set_delete", "POST", lambda w: _owner_set(w, "/delete"), owner_changes()),
    Route("authoring.set_delete", "POST", lambda w: _bundled_set(w, "/delete"),
          nobody_changes()),
    Route("authoring.set_duplicate", "POST", lambda w: _owner_set(w, "/duplicate"),
          owner_changes()),
    Route("authoring.set_duplicate", "POST", lambda w: _bundled_set(w, "/duplicate"),
          teachers_only(REDIRECT)),
    Route("authoring.set_publish", "POST", lambda w: _owner_set(w, "/publish"),
          owner_changes(), lambda w: {"published": "1"}),
    Route("authoring.set_publish", "POST", lambda w: _bundled_set(w, "/publish"),
          nobody_changes(), lambda w: {"published": "0"}),
    Route("authoring.question_retire", "POST",
          lambda w: _owner_set(w, f"/questions/{w['owned_question']}/retire"), owner_changes()),
    Route("authoring.question_retire", "POST",
          lambda w: _bundled_set(w, f"/questions/{w['bundled_question']}/retire"),
          nobody_changes()),
    Route("authoring.question_preview", "GET",
          lambda w: _owner_set(w, f"/questions/{w['owned_question']}/preview"), owner_only()),
    Route("authoring.question_preview", "GET",
          lambda w: _bundled_set(w, f"/questions/{w['bundled_question']}/preview"),
          teachers_only()),
]

ROUTES = [
    Route("main.index", "GET", lambda w: "/", everyone(OK)),
    Route("ops.healthz", "GET", lambda w: "/healthz", everyone(OK)),
    Route("ops.readyz", "GET", lambda w: "/readyz", everyone(OK)),
    Route("main.join", "POST", lambda w: "/join", everyone(REDIRECT),
          lambda w: {"code": w["join_code"]}),
    Route("play.quiz", "GET", lambda w: f"/quiz/{w['quiz_slug']}", everyone(OK)),
    Route("play.start", "POST", lambda w: f"/quiz/{w['quiz_slug']}/start", everyone(REDIRECT),
          lambda w: {"display_name": "Sam", "start_token": str(uuid.uuid4())}),
    Route("play.resume", "GET", lambda w: f"/attempt/{w['attempt']}",
          learner_only(REDIRECT)),
    Route("play.question", "GET", lambda w: f"/attempt/{w['attempt']}/q/1", learner_only()),
    Route("play.question", "POST", lambda w: f"/attempt/{w['attempt']}/q/1",
          learner_only(REDIRECT), lambda w: {"action": "save"}),
    Route("play.review", "GET", lambda w: f"/attempt/{w['attempt']}/review", learner_only()),
    Route("play.review", "POST", lambda w: f"/attempt/{w['attempt']}/review",
          learner_only(REDIRECT)),
    Route("play.result", "GET", lambda w: f"/attempt/{w['attempt']}/result",
          learner_only(REDIRECT)),
    Route("sources.index", "GET", lambda w: "/sources/", everyone(OK)),
    Route("sources.read", "GET", lambda w: f"/sources/{w['bundled_source']}", everyone(OK)),
    # Account pages: someone logged in is sent on to their home page; a form with
    # mistakes comes back with 400 and its messages.
    Route("auth.login", "GET", lambda w: "/account/login", signed_in_go_home()),
    Route("auth.login", "POST", lambda w: "/account/login", everyone(400),
          lambda w: {"email": w["email"], "password": "not the password"}),
    Route("auth.signup", "GET", lambda w: "/account/signup", signed_in_go_home()),
    Route("auth.signup", "POST", lambda w: "/account/signup", signed_in_go_home(400),
          lambda w: {"name": "", "email": "not an address"}),
    Route("auth.logout", "POST", lambda w: "/account/logout", everyone(REDIRECT)),
    Route("auth.learner_signup", "GET", lambda w: "/account/learner/signup",
          signed_in_go_home()),
    Route("auth.learner_signup", "POST", lambda w: "/account/learner/signup",
          signed_in_go_home(400), lambda w: {"name": "", "email": "not an address"}),
    # Every account, a learner's too, changes its own password.
    Route("auth.change_password", "GET", lambda w: "/account/password", accounts_only()),
    Route("auth.change_password", "POST", lambda w: "/account/password", accounts_only(400),
          lambda w: {"current_password": "wrong"}),
    Route("auth.invitations", "GET", lambda w: "/account/invitations", admins_only()),
    Route("auth.invitations", "POST", lambda w: "/account/invitations", admins_only()),
    Route("teach.home", "GET", lambda w: "/teach/", teachers_only()),
    # Results: only the quiz's teacher and admins.
    Route("results.quiz_results", "GET",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/results", owner_only()),
    Route("results.distribution_chart", "GET",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/results/distribution.svg", owner_only()),
    Route("results.attempt_detail", "GET",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/attempts/{w['owner_attempt']}",
          owner_only()),
    Route("results.item_analysis", "GET",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/items", owner_only()),
    Route("results.accept", "POST",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/items/{w['quiz_question']}/accept",
          {**owner_only(), "owner": REDIRECT, "admin": REDIRECT},
          lambda w: {"answer": "a fair answer"}),
    Route("results.class_export", "GET",
          lambda w: f"/teach/classes/{w['class_id']}/gradebook.csv", owner_only()),
    Route("results.export", "GET",
          lambda w: f"/teach/quizzes/{w['results_quiz']}/export/responses.csv", owner_only()),
    # A teacher's sources: their own and admins' only; bundled ones visible, never changed.
    Route("sources.read", "GET", lambda w: f"/sources/{w['own_source_slug']}", owner_reads()),
    Route("teach_sources.index", "GET", lambda w: "/teach/sources/", teachers_only()),
    Route("teach_sources.new", "GET", lambda w: "/teach/sources/new", teachers_only()),
    Route("teach_sources.new", "POST", lambda w: "/teach/sources/new",
          teachers_only(REDIRECT), lambda w: {**SOURCE_DETAILS, "text": "A new article."}),
    Route("teach_sources.upload", "GET", lambda w: "/teach/sources/upload", teachers_only()),
    Route("teach_sources.upload", "POST", lambda w: "/teach/sources/upload",
          teachers_only(REDIRECT),
          lambda w: {**SOURCE_DETAILS, "file": (io.BytesIO(b"An uploaded article."), "a.txt")}),
    Route("teach_sources.show", "GET", lambda w: f"/teach/sources/{w['own_source']}",
          owner_only()),
    Route("teach_sources.show", "GET", lambda w: f"/teach/sources/{w['bundled_source_id']}",
          teachers_only()),
    Route("teach_sources.edit", "GET", lambda w: f"/teach/sources/{w['own_source']}/edit",
          owner_only()),
    Route("teach_sources.edit", "GET",
          lambda w: f"/teach/sources/{w['bundled_source_id']}/edit", teachers_only(403)),
    Route("teach_sources.edit", "POST", lambda w: f"/teach/sources/{w['own_source']}/edit",
          owner_changes(), lambda w: dict(SOURCE_DETAILS)),
    Route("teach_sources.edit", "POST",
          lambda w: f"/teach/sources/{w['bundled_source_id']}/edit", teachers_only(403),
          lambda w: dict(SOURCE_DETAILS)),
    Route("teach_sources.text", "GET", lambda w: f"/teach/sources/{w['own_source']}/text",
          owner_only()),
    Route("teach_sources.text", "GET",
          lambda w: f"/teach/sources/{w['bundled_source_id']}/text", teachers_only(403)),
    Route("teach_sources.text", "POST", lambda w: f"/teach/sources/{w['own_source']}/text",
          owner_changes(), lambda w: {"text": "Changed text."}),
    Route("teach_sources.text", "POST",
          lambda w: f"/teach/sources/{w['bundled_source_id']}/text", teachers_only(403),
          lambda w: {"text": "Changed text."}),
    Route("teach_sources.delete", "POST",
          lambda w: f"/teach/sources/{w['own_source']}/delete", owner_changes()),
    Route("teach_sources.delete", "POST",
          lambda w: f"/teach/sources/{w['bundled_source_id']}/delete", teachers_only(403)),
    *SET_ROUTES,
    # The question editor, on the owner's set (bundled sets: tests/authoring/test_access.py).
    Route("authoring.question_new", "GET",
          lambda w: f"/teach/sets/{w['editable_set']}/questions/new?kind=true_false", owner_only()),
    Route("authoring.question_new", "POST",
          lambda w: f"/teach/sets/{w['editable_set']}/questions/new?kind=true_false",
          {**owner_only(), "owner": REDIRECT, "admin": REDIRECT}, lambda w: question_fields()),
    Route("authoring.question_edit", "GET",
          lambda w: f"/teach/sets/{w['editable_set']}/questions/{w['editable_question']}/edit",
          owner_only()),
    Route("authoring.question_edit", "POST",
          lambda w: f"/teach/sets/{w['editable_set']}/questions/{w['editable_question']}/edit",
          {**owner_only(), "owner": REDIRECT, "admin": REDIRECT}, lambda w: question_fields()),
    # A teacher's quizzes: the owner's quiz is theirs (and admins'); bundled ones are for
    # every teacher to share, and nobody's to change.
    Route("quizzes.index", "GET", lambda w: "/teach/quizzes/", teachers_only()),
    Route("quizzes.create", "GET", lambda w: "/teach/quizzes/new", teachers_only()),
    Route("quizzes.create", "POST", lambda w: "/teach/quizzes/new", teachers_only(REDIRECT),
          lambda w: quiz_form(w)),
    Route("quizzes.show", "GET", lambda w: f"/teach/quizzes/{w['owner_quiz']}", owner_only()),
    Route("quizzes.show", "GET", lambda w: f"/teach/quizzes/{w['quiz_id']}", teachers_only()),
    Route("quizzes.qr_code", "GET", lambda w: f"/teach/quizzes/{w['owner_quiz']}/qr.svg",
          owner_only()),
    Route("quizzes.qr_code", "GET", lambda w: f"/teach/quizzes/{w['quiz_id']}/qr.svg",
          teachers_only()),
    Route("quizzes.project", "GET", lambda w: f"/teach/quizzes/{w['owner_quiz']}/project",
          owner_only()),
    Route("quizzes.edit", "GET", lambda w: f"/teach/quizzes/{w['owner_quiz']}/edit",
          owner_only()),
    Route("quizzes.edit", "GET", lambda w: f"/teach/quizzes/{w['quiz_id']}/edit",
          teachers_only(403)),
    Route("quizzes.edit", "POST", lambda w: f"/teach/quizzes/{w['owner_quiz']}/edit",
          owner_changes(), lambda w: quiz_form(w)),
    Route("quizzes.edit", "POST", lambda w: f"/teach/quizzes/{w['quiz_id']}/edit",
          teachers_only(403), lambda w: quiz_form(w)),
    Route("quizzes.close", "POST", lambda w: f"/teach/quizzes/{w['owner_quiz']}/close",
          owner_changes()),
    Route("quizzes.close", "POST", lambda w: f"/teach/quizzes/{w['quiz_id']}/close",
          teachers_only(403)),
    Route("quizzes.delete", "GET", lambda w: f"/teach/quizzes/{w['owner_quiz']}/delete",
          owner_only()),
    Route("quizzes.delete", "POST", lambda w: f"/teach/quizzes/{w['owner_quiz']}/delete",
          owner_changes()),
    Route("quizzes.delete", "POST", lambda w: f"/teach/quizzes/{w['quiz_id']}/delete",
          teachers_only(403)),
    # Classes: a teacher's own; another teacher's is a 404 on every route.
    Route("classes.index", "GET", lambda w: "/teach/classes/", teachers_only()),
    Route("classes.create", "POST", lambda w: "/teach/classes/", teachers_only(REDIRECT),
          lambda w: {"name": "New class"}),
    Route("classes.show", "GET", lambda w: f"/teach/classes/{w['class_id']}", owner_only()),
    Route("classes.rename", "POST", lambda w: f"/teach/classes/{w['class_id']}/rename",
          owner_changes(), lambda w: {"name": "Renamed"}),
    Route("classes.assign", "POST", lambda w: f"/teach/classes/{w['class_id']}/assign",
          owner_changes(), lambda w: {"quiz_id": w["owner_quiz_id"]}),
    Route("classes.unassign", "POST", lambda w: f"/teach/classes/{w['class_id']}/unassign",
          owner_changes(), lambda w: {"quiz_id": w["quiz_id"]}),
    Route("classes.gradebook", "GET", lambda w: f"/teach/classes/{w['class_id']}/gradebook",
          owner_only()),
    Route("classes.roster", "GET", lambda w: f"/teach/classes/{w['class_id']}/roster",
          owner_only()),
    Route("classes.rename_learner", "POST",
          lambda w: f"/teach/classes/{w['class_id']}/roster/{w['entry_id']}/rename",
          owner_changes(), lambda w: {f"e{w['entry_id']}-name-display_name": "Kim B"}),
    Route("classes.remove_learner", "POST",
          lambda w: f"/teach/classes/{w['class_id']}/roster/{w['entry_id']}/remove",
          owner_changes()),
    Route("classes.restore_learner", "POST",
          lambda w: f"/teach/classes/{w['class_id']}/roster/{w['entry_id']}/restore",
          owner_changes()),
    Route("classes.merge_learner", "POST",
          lambda w: f"/teach/classes/{w['class_id']}/roster/{w['twin_id']}/merge",
          owner_changes(), lambda w: {f"e{w['twin_id']}-merge-into": w["entry_id"]}),
    # A class's own page and its start button are for the browsers that joined it; anyone
    # has a list of their classes (an empty one when they joined none).
    Route("classes.my_classes", "GET", lambda w: "/class/", everyone(OK)),
    Route("classes.join_form", "GET", lambda w: "/class/join", everyone(OK)),
    Route("classes.join", "POST", lambda w: "/class/join", everyone(REDIRECT),
          lambda w: {"code": w["class_code"], "display_name": "Sam"}),
    Route("classes.mine", "GET", lambda w: f"/class/{w['class_id']}", learner_only()),
    Route("classes.start", "POST",
          lambda w: f"/class/{w['class_id']}/quiz/{w['quiz_slug']}/start",
          learner_only(REDIRECT), lambda w: {"start_token": str(uuid.uuid4())}),
    # Question files: a form without a file comes back with 400 and its message.
    Route("interchange.import_new", "GET", lambda w: "/teach/sets/import", teachers_only()),
    Route("interchange.import_new", "POST", lambda w: "/teach/sets/import",
          teachers_only(400), lambda w: {"title": "Mine", "format": "gift"}),
    Route("interchange.import_into", "GET", lambda w: f"/teach/sets/{w['own_set']}/import",
          owner_only()),
    Route("interchange.import_into", "POST", lambda w: f"/teach/sets/{w['own_set']}/import",
          {**owner_only(), "owner": 400, "admin": 400}, lambda w: {"format": "gift"}),
    # A kept upload is its uploader's alone: not even an admin may confirm it for them.
    Route("interchange.preview", "GET", lambda w: f"/teach/sets/imports/{w['upload']}",
          {**owner_only(), "admin": 404}),
    Route("interchange.preview", "POST", lambda w: f"/teach/sets/imports/{w['upload']}",
          {**owner_only(), "owner": REDIRECT, "admin": 404}),
    Route("interchange.export", "GET", lambda w: f"/teach/sets/{w['own_set']}/export",
          owner_only()),
    # Marking essays: the teacher who runs the quiz, and admins.
    Route("marking.mark", "GET", lambda w: f"/teach/attempts/{w['own_attempt']}/marking",
          owner_only()),
    Route("marking.mark", "POST", lambda w: f"/teach/attempts/{w['own_attempt']}/marking",
          {**owner_only(), "owner": REDIRECT, "admin": REDIRECT},
          lambda w: {"position": "1", "mark": "0.5"}),
]


def question_fields():
    """Return a sound true-or-false question as the editor posts it."""
    return {"prompt": "Ottawa promised a quick decision.", "answer": "false",
            "explanation": "It said only that it would decide soon.", "tags": "testing",
            "difficulty": "1"}


def make_world(bank_writer, make_user):
    """Return a world: three accounts, the test bank and what the owner made."""
    bank_writer.load()
    world = World()
    world.ids.update(quiz_slug="test-quiz", join_code="TEST01", bundled_source="test-source")
    for role, email in (("owner", "owner@example.org"), ("other", "other@example.org"),
                        ("admin", "admin@example.org"),
                        ("learner_account", "learner_account@example.org")):
        user = make_user(email=email, role={"admin": "admin", "learner_account": "learner"}
                         .get(role, "teacher"), name=role.title())
        world.ids[f"{role}_id"] = user.id
        if role == "owner":
            source = add_source(user, "The owner's own article.", {
                "headline": "The owner's article", "outlet": "The Courier",
                "provenance": "unverified", "date_precision": "unknown"})
            world.ids.update(own_source=source.id, own_source_slug=source.slug)
            _owners_set(world, user)
    world.ids["bundled_source_id"] = db.session.scalar(
        sa.select(Source.id).where(Source.slug == "test-source"))
    _make_class(world)
    _owned_files(world)
    db.session.commit()
    _owner_quiz(world)
    # A set of the owner's with a question in it, for the question editor's rows.
    editable = make_teacher_set(world["owner_id"], slug="owner-editable-set")
    world.ids.update(editable_set=editable.id,
                     editable_question=make_teacher_question(editable, "true_false").id)
    bundled_quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == "test-quiz"))
    owner_quiz = Quiz(slug="owner-quiz", title="The owner's quiz", join_code="OWNER2",
                      owner_id=world["owner_id"], bundled=False, listed=False,
                      sets=list(bundled_quiz.sets))
    db.session.add(owner_quiz)
    db.session.commit()
    world.ids.update(quiz_id=bundled_quiz.id, owner_quiz=owner_quiz.id,
                     test_set_id=bundled_quiz.sets[0].id)
    return world


def _owner_quiz(world):
    """Give the owner a quiz over a set of their own, with one handed-in attempt."""
    from quizapp.bank.models import Question, QuestionSet, QuestionVersion
    from quizapp.play import services
    from quizapp.quizzes.models import Quiz

    owned = QuestionSet(slug="results-set", title="Owner's set", bundled=False,
                        owner_id=world["owner_id"], published=False)
    question = Question(slug="results-question", question_set=owned, position=0)
    question.current_version = QuestionVersion(
        question=question, number=1, kind="short_answer", prompt="Which city?",
        data={"accepted": ["Ottawa"]}, explanation="It says so.", tags=[], difficulty=1,
        content_hash="owner-question-1")
    quiz = Quiz(slug="results-quiz", title="Owner's quiz", join_code="RESULT1", bundled=False,
                owner_id=world["owner_id"], listed=False, question_count=None,
                sets=[owned], time_limit_minutes=None, attempts_allowed=None)
    db.session.add_all([owned, question, quiz])
    db.session.flush()
    attempt = services.start_attempt(quiz, "owner-quiz-learner", "Kim", str(uuid.uuid4()))
    attempt.responses[0].answer = "Toronto"
    services.submit_attempt(attempt)
    db.session.commit()
    world.ids.update(results_quiz=quiz.id, owner_attempt=attempt.public_id,
                     quiz_question=question.id)


def _owners_set(world, owner):
    """Give the owner a set of their own: a copy of the bundled test set."""
    bundled = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == "test-set"))
    copy = duplicate_set(bundled, owner)
    world.ids.update(bundled_set=bundled.id, bundled_question=bundled.questions[0].id,
                     owned_set=copy.id, owned_question=copy.questions[0].id)


def _make_class(world):
    """Give the owner a class with the test quiz assigned, two entries and a quiz to assign."""
    owner = db.session.get(User, world["owner_id"])
    quiz = db.session.scalar(db.select(Quiz).where(Quiz.slug == world["quiz_slug"]))
    own_quiz = Quiz(slug="class-quiz", title="Owner quiz", join_code="CLASS1", bundled=False,
                    owner_id=owner.id, sets=list(quiz.sets))
    school_class = classes.create_class(owner, "Owner class")
    classes.assign_quiz(school_class, quiz)
    entry, twin = (RosterEntry(class_id=school_class.id, display_name=name)
                   for name in ("Kim", "Kim again"))
    db.session.add_all([own_quiz, entry, twin])
    db.session.flush()
    world.ids.update(class_id=school_class.id, class_code=school_class.join_code,
                     quiz_id=quiz.id, owner_quiz_id=own_quiz.id, entry_id=entry.id,
                     twin_id=twin.id)
def _owned_files(world):
    """Give the owner a set of their own and an upload waiting for confirmation."""
    from quizapp.bank.models import QuestionSet
    from quizapp.interchange.models import ImportUpload
    from tests.factories import HAND_SAMPLES

    own_set = QuestionSet(slug="owners-set", title="Owner's set", bundled=False,
                          owner_id=world["owner_id"], published=False)
    db.session.add(own_set)
    db.session.flush()
    question = {"id": "owners-essay", "kind": "essay", "explanation": "", "tags": ["mine"],
                "difficulty": 2, "evidence": [], **HAND_SAMPLES["essay"]}
    upload = ImportUpload(owner_id=world["owner_id"], set_id=own_set.id, title="",
                          filename="mine.gift", format="gift", questions=[question], notes=[])
    db.session.add(upload)
    db.session.flush()
    world.ids.update(own_set=own_set.id, upload=upload.id,
                     own_attempt=_handed_in_essay(own_set, question, world["owner_id"]))


def _handed_in_essay(own_set, question, owner_id):
    """Return the public id of a handed-in attempt, with one essay to mark, at the owner's quiz."""
    from quizapp.bank.models import Question, QuestionVersion
    from quizapp.play.models import Attempt, Response
    from quizapp.quizzes.models import Quiz
    from quizapp.timeutil import utcnow

    stored = Question(slug="owners-essay", question_set=own_set, position=1)
    stored.current_version = QuestionVersion(
        question=stored, number=1, kind="essay", prompt=question["prompt"], data={},
        explanation="", tags=["mine"], difficulty=2, content_hash="0" * 64)
    quiz = Quiz(slug="owners-quiz", title="Owner's quiz", join_code="OWN001", bundled=False,
                owner_id=owner_id, sets=[own_set])
    public_id = str(uuid.uuid4())
    attempt = Attempt(public_id=public_id, start_token=public_id, quiz=quiz, learner_key="k",
                      display_name="Kim", max_score=1, submitted_at=utcnow(), score=0,
                      unmarked=1, feedback="after_submit")
    attempt.responses = [Response(position=1, question_version=stored.current_version,
                                  layout={}, answer="My essay.")]
    db.session.add_all([stored, quiz, attempt])
    db.session.flush()
    return public_id


def visitor(app, role, world):
    """Return a test client acting as `role` in `world`."""
    client = app.test_client()
    if role == "learner_account":
        response = log_in(client, email="learner_account@example.org")
        assert response.status_code == 302, response.get_data(as_text=True)
    if role in ("learner", "learner_account"):
        response = client.post(f"/quiz/{world['quiz_slug']}/start",
                               data={"display_name": "Lee", "start_token": str(uuid.uuid4())})
        assert response.status_code == 302, response.status_code
        world.ids["attempt"] = response.headers["Location"].split("/")[2]
        response = client.post("/class/join", data={"code": world["class_code"],
                                                    "display_name": "Lee"})
        assert response.status_code == 302, response.status_code
    elif role != "anonymous":
        response = log_in(client, email=f"{role}@example.org")
        assert response.status_code == 302, response.get_data(as_text=True)
    world.ids.setdefault("attempt", "00000000-0000-4000-8000-000000000000")
    world.ids["email"] = "someone@example.org" if role == "anonymous" else f"{role}@example.org"
    return client


def outcome(response):
    """Name what a visitor got, in the table's terms."""
    status = response.status_code
    if 300 <= status < 400:
        return LOGIN if "/account/login" in response.headers["Location"] else REDIRECT
    if 200 <= status < 300:
        return OK
    return status


def _row_id(row):
    return f"{row.method} {row.endpoint}"


def test_every_route_and_method_has_a_row(app):
    """A new route fails here until the table says who may use it."""
    listed = {(row.endpoint, row.method) for row in ROUTES}
    served = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"} if rule.endpoint != "static"}
    assert served - listed == set(), "routes with no row in the ownership matrix"
    assert listed - served == set(), "rows for routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROUTES, ids=_row_id)
def test_who_may_use_each_route(app, bank_writer, make_user, row, role):
    """Each visitor gets exactly the outcome the table says."""
    world = make_world(bank_writer, make_user)
    client = visitor(app, role, world)
    response = client.open(row.url(world), method=row.method, data=row.data(world))
    assert outcome(response) == row.expect[role], response.get_data(as_text=True)[:500]
