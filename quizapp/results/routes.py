"""Views of a quiz's results, item analysis and score exports, for its teacher and admins."""

from datetime import UTC

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.authoring.access import can_change
from quizapp.classes import services as classes
from quizapp.classes.access import class_or_404
from quizapp.domain import csvexport, scoresheets
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db, talisman
from quizapp.play import services as play
from quizapp.play.review import review_items
from quizapp.quizzes.models import Quiz
from quizapp.results import bp, services
from quizapp.results.acceptance import AcceptError, accept_answer
from quizapp.results.charts import distribution_svg
from quizapp.results.forms import AcceptForm
from quizapp.timeutil import utcnow

EXPORTS = ("attempts", "responses", "gradebook")
# The chart is an image: its own document may style itself, and it runs no script.
CHART_POLICY = {"default-src": "'none'", "style-src": "'unsafe-inline'"}


def _quiz_or_404(quiz_id):
    """Return a quiz whose results the current user may read: their own, or any for admins.

    Bundled quizzes are played by everyone, so only admins read their results. Attempts
    whose time is up are handed in first, so every page and export counts them.
    """
    quiz = db.get_or_404(Quiz, quiz_id)
    if not (current_user.is_admin or (quiz.owner_id is not None
                                      and quiz.owner_id == current_user.id)):
        abort(404)
    if play.hand_in_overdue([quiz.id]):
        db.session.commit()
    return quiz


@bp.get("/quizzes/<int:quiz_id>/results")
@teacher_required
def quiz_results(quiz_id):
    """List every attempt at a quiz, live, with the score distribution."""
    quiz = _quiz_or_404(quiz_id)
    records = list(services.attempt_records(quiz))
    percents = [p for p in (scoresheets.percent(r.score, r.max_score) for r in records
                            if r.submitted_at is not None) if p is not None]
    return render_template("results/quiz.html", quiz=quiz, records=records, now=utcnow(),
                           bins=services.distribution(percents), submitted=len(percents),
                           status=scoresheets.attempt_status, percent=scoresheets.percent)


@bp.get("/quizzes/<int:quiz_id>/results/distribution.svg")
@teacher_required
@talisman(content_security_policy=CHART_POLICY)
def distribution_chart(quiz_id):
    """Draw the score distribution of the submitted attempts as an SVG chart."""
    quiz = _quiz_or_404(quiz_id)
    percents = [p for p in (scoresheets.percent(r.score, r.max_score)
                            for r in services.attempt_records(quiz)
                            if r.submitted_at is not None) if p is not None]
    svg = distribution_svg(_("Scores of %(n)s handed-in attempts", n=len(percents)),
                           services.distribution(percents))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.get("/quizzes/<int:quiz_id>/attempts/<public_id:public_id>")
@teacher_required
def attempt_detail(quiz_id, public_id):
    """Show one attempt's answers beside the key, the explanation and the evidence."""
    quiz = _quiz_or_404(quiz_id)
    attempt = services.attempt_for_teacher(quiz, public_id)
    if attempt is None:
        abort(404)
    return render_template("results/attempt.html", quiz=quiz, attempt=attempt,
                           items=review_items(attempt.responses),
                           percent=scoresheets.percent(attempt.score, attempt.max_score))


@bp.get("/quizzes/<int:quiz_id>/items")
@teacher_required
def item_analysis(quiz_id):
    """Show how each question did: facility, discrimination and the answers given."""
    quiz = _quiz_or_404(quiz_id)
    stats, questions = services.item_analysis(quiz)
    acceptable = {
        (question_id, answer.label)
        for question_id, item in stats.items() for answer in item.answers
        if not answer.right and can_change(questions[question_id].question_set, current_user)
        and _can_accept(questions[question_id], answer.label)}
    ordered = sorted(stats.values(), key=lambda s: questions[s.question_id].position)
    return render_template("results/items.html", quiz=quiz, stats=ordered, questions=questions,
                           acceptable=acceptable, form=AcceptForm(), kind_of=get_kind)


def _can_accept(question, label):
    version = question.current_version
    return get_kind(version.kind).accept(version.data, label) is not None


@bp.post("/quizzes/<int:quiz_id>/items/<int:question_id>/accept")
@teacher_required
def accept(quiz_id, question_id):
    """Accept a typed answer as right: a new question version and a rescore."""
    quiz = _quiz_or_404(quiz_id)
    question = services.quiz_question_or_none(quiz, question_id)
    if question is None:
        abort(404)
    if not can_change(question.question_set, current_user):
        abort(403)
    form = AcceptForm()
    if not form.validate():
        abort(400)
    try:
        acceptance = accept_answer(question, form.answer.data, current_user)
    except AcceptError as error:
        flash(_(str(error)), "error")
        return redirect(url_for("results.item_analysis", quiz_id=quiz.id))
    db.session.commit()
    flash(ngettext("“%(answer)s” is now accepted; %(num)s answer was rescored.",
                   "“%(answer)s” is now accepted; %(num)s answers were rescored.",
                   acceptance.rescored, answer=form.answer.data), "success")
    return redirect(url_for("results.item_analysis", quiz_id=quiz.id,
                            _anchor=f"question-{question.id}"))


@bp.get("/quizzes/<int:quiz_id>/export/<any(attempts, responses, gradebook):table>.csv")
@teacher_required
def export(quiz_id, table):
    """Stream one of the quiz's score exports as CSV."""
    quiz = _quiz_or_404(quiz_id)
    layout = request.args.get("layout", "quizapp")
    if layout not in scoresheets.LAYOUTS or (layout != "quizapp" and table != "gradebook"):
        abort(400)
    header, rows = services.export_table(quiz, table, layout)
    name = f"{quiz.slug}-{table}{'' if layout == 'quizapp' else '-' + layout}.csv"
    return csv_response(header, rows, name, excel=request.args.get("excel") == "1")


@bp.get("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def class_export(class_id):
    """Stream a class's gradebook as CSV, in Quizapp's, Canvas's or Moodle's layout."""
    school_class = class_or_404(class_id)
    if classes.hand_in_overdue(school_class):
        db.session.commit()
    layout = request.args.get("layout", "quizapp")
    if layout not in scoresheets.LAYOUTS:
        abort(400)
    header, rows = services.class_gradebook_table(school_class, layout)
    name = f"class-{school_class.id}-gradebook{'' if layout == 'quizapp' else '-' + layout}.csv"
    return csv_response(header, rows, name, excel=request.args.get("excel") == "1")


def csv_response(header, rows, filename, excel=False):
    """Return a streamed CSV download; `excel` adds the byte-order mark Excel needs."""
    from flask import stream_with_context

    body = csvexport.chunks(csvexport.lines(header, rows, bom=excel))
    stamp = utcnow().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Response(stream_with_context(body), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename.removesuffix(".csv")}'
                               f'-{stamp}.csv"',
        "Cache-Control": "no-store"})
