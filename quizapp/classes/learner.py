"""Learners' views of a class: join it by code, list theirs, see its quizzes, start one."""

import uuid
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.classes import bp, services
from quizapp.classes.access import ID
from quizapp.classes.forms import ClassStartForm, JoinClassForm
from quizapp.classes.models import SchoolClass
from quizapp.domain.gradebook import percent
from quizapp.domain.grading import counted_score
from quizapp.extensions import db
from quizapp.limits import join_code_limit
from quizapp.play import services as play
from quizapp.play.learner import learner_key
from quizapp.quizzes.models import Quiz
from quizapp.timeutil import utcnow


def _learner_account():
    """Return the learner account this browser is logged in to, or None."""
    if current_user.is_authenticated and current_user.is_learner:
        return current_user
    return None


@bp.get("/class/")
def my_classes():
    """List the classes this browser, or the learner's account, has joined."""
    account = _learner_account()
    classes = services.learner_classes(learner_key(create=False),
                                       account.id if account else None)
    return render_template("classes/my_classes.html", classes=classes, account=account)


@bp.get("/class/join")
def join_form():
    """Offer to join a class by its code, with the name the teacher will see."""
    account = _learner_account()
    form = JoinClassForm(formdata=None, code=request.args.get("code", "")[:20],
                         display_name=account.name if account else None)
    return render_template("classes/join.html", form=form, account=account)


@bp.post("/class/join")
@join_code_limit
def join():
    """Join the class whose code was typed, and go to its page."""
    form = JoinClassForm()
    if form.validate():
        school_class = services.class_by_code(form.code.data)
        if school_class is None:
            form.code.errors.append(_("No class has that code. Check it with your teacher."))
        else:
            account = _learner_account()
            try:
                services.join_class(school_class, learner_key(), form.display_name.data,
                                    user_id=account.id if account else None)
            except services.ClassError as error:
                form.code.errors.append(_(str(error)))
            else:
                db.session.commit()
                return redirect(url_for("classes.mine", class_id=school_class.id))
    return render_template("classes/join.html", form=form, account=_learner_account()), 400


def _member_or_404(class_id):
    """Return (class, this browser's entry); a class it has not joined is a 404."""
    school_class = db.get_or_404(SchoolClass, class_id)
    entry = services.membership(school_class, learner_key(create=False))
    if entry is None:
        abort(404)
    return school_class, entry


@dataclass
class QuizCard:
    """What a member sees of one assigned quiz."""

    quiz: Quiz
    attempts: list
    unfinished: object
    is_open: bool
    scores_visible: bool
    counted: float | None

    @property
    def room(self):
        """Tell whether the member may start another attempt."""
        allowed = self.quiz.attempts_allowed
        return allowed is None or len(self.attempts) < allowed


def _cards(entry, key):
    """Return a QuizCard per quiz assigned to the entry's class."""
    now, cards = utcnow(), []
    attempts = services.entry_attempts(entry)
    for quiz in services.assigned_quizzes(entry.school_class):
        mine = [a for a in attempts if a.quiz_id == quiz.id]
        submitted = sorted((a for a in mine if a.submitted), key=lambda a: a.submitted_at)
        done = [p for p in (percent(a.score, a.max_score) for a in submitted) if p is not None]
        # Each attempt keeps the rule it started under: show scores only when all may show.
        shown = play.scored_attempts(quiz, submitted, now)
        visible = bool(done) and len(shown) == len(submitted)
        unfinished = next((a for a in mine if not a.submitted and a.learner_key == key), None)
        cards.append(QuizCard(quiz, mine, unfinished, quiz.is_open(now), visible,
                              counted_score(done, quiz.grading) if visible else None))
    return cards


@bp.get(f"/class/<{ID}:class_id>")
def mine(class_id):
    """Show a member their class: its open quizzes and their own attempts."""
    school_class, entry = _member_or_404(class_id)
    key = learner_key(create=False)
    cards = [] if entry.removed_at else _cards(entry, key)
    return render_template("classes/mine.html", school_class=school_class, entry=entry,
                           cards=cards, key=key, account=_learner_account(),
                           form=ClassStartForm(start_token=str(uuid.uuid4())))


@bp.post(f"/class/<{ID}:class_id>/quiz/<slug:slug>/start")
def start(class_id, slug):
    """Start an assigned quiz as a member of the class, or resume the unfinished attempt."""
    school_class, entry = _member_or_404(class_id)
    quiz = db.one_or_404(db.select(Quiz).where(Quiz.slug == slug))
    if quiz.id not in {q.id for q in services.assigned_quizzes(school_class)}:
        abort(404)
    form = ClassStartForm()
    try:
        if entry.removed_at is not None:
            raise play.PlayError("Your teacher took you off this class's list.")
        if not form.validate():
            raise play.PlayError("The form had expired: press Start again.")
        attempt = play.start_attempt(quiz, learner_key(), entry.display_name,
                                     form.start_token.data, roster_entry=entry)
    except play.PlayError as error:
        flash(_(str(error)), "error")
        return redirect(url_for("classes.mine", class_id=class_id))
    db.session.commit()
    return redirect(url_for("play.resume", public_id=attempt.public_id))
