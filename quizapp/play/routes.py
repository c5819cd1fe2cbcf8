"""Views of the learner flow. Each parses the request, calls a service, renders or redirects."""

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.classes import services as class_services
from quizapp.domain.kinds import AnswerError, get_kind
from quizapp.extensions import db
from quizapp.play import bp, pages, services
from quizapp.play.forms import StartForm, SubmitForm, answer_token_valid
from quizapp.play.learner import learner_key
from quizapp.quizzes.models import Quiz
from quizapp.timeutil import utcnow


def _quiz_or_404(slug):
    return db.one_or_404(db.select(Quiz).where(Quiz.slug == slug))


def _attempt_or_404(public_id):
    attempt = services.get_attempt(public_id, learner_key(create=False))
    if attempt is None:
        abort(404)
    return attempt


@bp.route("/quiz/<slug:slug>")
def quiz(slug):
    """Show a quiz's rules and the form to start it or resume."""
    quiz = _quiz_or_404(slug)
    key = learner_key(create=False)
    attempts = services.learner_attempts(quiz, key) if key else []
    account = current_user if current_user.is_authenticated and current_user.is_learner else None
    form = StartForm(start_token=str(uuid.uuid4()), display_name=account.name if account else None)
    return render_template("play/quiz.html", quiz=quiz, form=form, attempts=attempts,
                           is_open=quiz.is_open(utcnow()),
                           scored=services.scored_attempts(quiz, attempts))


@bp.post("/quiz/<slug:slug>/start")
def start(slug):
    """Start an attempt (or resume the unfinished one) and go to its first open question."""
    quiz = _quiz_or_404(slug)
    form = StartForm()
    if not form.validate():
        return render_template("play/quiz.html", quiz=quiz, form=form, attempts=[],
                               is_open=quiz.is_open(utcnow()), scored=set()), 400
    try:
        key = learner_key()
        attempt = services.start_attempt(quiz, key, form.display_name.data,
                                         form.start_token.data,
                                         roster_entry=class_services.entry_for_quiz(quiz, key))
    except services.PlayError as error:
        flash(_(str(error)), "error")
        return redirect(url_for("play.quiz", slug=slug))
    db.session.commit()
    return redirect(url_for("play.resume", public_id=attempt.public_id))


@bp.route("/attempt/<public_id:public_id>")
def resume(public_id):
    """Go to the first unanswered question, or the result when submitted."""
    attempt = _attempt_or_404(public_id)
    if services.expire_if_due(attempt):
        db.session.commit()
        return redirect(url_for("play.result", public_id=public_id))
    position = services.resume_position(attempt)
    if position is None:
        return redirect(url_for("play.review", public_id=public_id))
    return redirect(url_for("play.question", public_id=public_id, position=position))


@bp.route("/attempt/<public_id:public_id>/q/<position:position>", methods=["GET", "POST"])
def question(public_id, position):
    """Show one question, and save the answer given to it."""
    key = learner_key(create=False)
    # No form object: the page renders its CSRF token itself (csrf_token()), and
    # CSRFProtect checks it on every POST before this view runs.
    saving = request.method == "POST" and answer_token_valid()
    read = pages.read_page_to_save if saving else pages.read_page
    found = read(public_id, key, position)
    response = found.response if found is not None else None
    attempt = response.attempt if response is not None else _attempt_or_404(public_id)
    if attempt.submitted:
        return _answer_too_late(public_id)
    if services.expire_if_due(attempt):
        db.session.commit()
        flash(_("Time is up: your answers were submitted."), "info")
        return _answer_too_late(public_id)
    if response is None:
        abort(404)
    error, status = None, 200
    if saving:
        try:
            services.save_response(attempt, response, request.form.to_dict(flat=False))
        except AnswerError as problem:
            db.session.rollback()  # let go of the hold before the page is rendered
            error, status = _(str(problem)), 400
        else:
            # Where to go is known now: the commit would expire what it is read from.
            target = _after_answer(attempt, response, request.form.get("go"), found.pages)
            db.session.commit()
            return redirect(target)
    elif request.method == "POST":
        error, status = _("The form had expired. Your answer was not saved: try again."), 400
    steps = services.progress(attempt, found.steps)
    version = response.question_version
    return render_template(
        "play/question.html", attempt=attempt, response=response, version=version,
        kind=get_kind(version.kind), steps=steps, total=len(steps), error=error,
        feedback=services.inline_feedback(attempt, response),
    ), status


def _answer_too_late(public_id):
    """Go to the result, saying so when an answer was posted and could not be saved."""
    if request.method == "POST":
        flash(_(services.ANSWER_TOO_LATE), "error")
    return redirect(url_for("play.result", public_id=public_id))


def _after_answer(attempt, response, go, pages):
    """Return where a saved answer leads: back, on, the review page, or its own feedback."""
    position = response.position
    if response.locked and go != "next":
        return url_for("play.question", public_id=attempt.public_id, position=position,
                       _anchor="feedback")
    if go == "prev" and position > 1:
        position -= 1
    # Not max_score: a description is a page of the attempt but counts for no mark.
    elif go == "review" or position >= pages:
        return url_for("play.review", public_id=attempt.public_id)
    else:
        position += 1
    return url_for("play.question", public_id=attempt.public_id, position=position)


@bp.route("/attempt/<public_id:public_id>/review", methods=["GET", "POST"])
def review(public_id):
    """List answered and unanswered questions, and submit the attempt."""
    attempt = _attempt_or_404(public_id)
    form = SubmitForm()
    if attempt.submitted or services.expire_if_due(attempt):
        db.session.commit()
        return redirect(url_for("play.result", public_id=public_id))
    if request.method == "POST" and form.validate():
        services.submit_attempt(attempt)
        db.session.commit()
        return redirect(url_for("play.result", public_id=public_id))
    steps = services.progress(attempt)
    return render_template("play/review.html", attempt=attempt, steps=steps, form=form)


@bp.route("/attempt/<public_id:public_id>/result")
def result(public_id):
    """Show the score and, when the rules allow, every answer with its evidence."""
    attempt = _attempt_or_404(public_id)
    if not attempt.submitted:
        if not services.expire_if_due(attempt):
            return redirect(url_for("play.review", public_id=public_id))
        db.session.commit()
    return render_template("play/result.html", attempt=attempt,
                           outcome=services.outcome(attempt))
