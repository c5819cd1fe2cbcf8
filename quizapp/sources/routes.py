"""Views of the source reader."""

import re

import sqlalchemy as sa
from flask import abort, render_template, request

from quizapp.bank.models import Evidence, Question, Source
from quizapp.domain.evidence import segments
from quizapp.extensions import db
from quizapp.quizzes.embargo import embargoed_questions
from quizapp.sources import bp, services
from quizapp.sources.access import may_read
from quizapp.timeutil import utcnow

HIGHLIGHT = re.compile(r"^(\d{1,7})-(\d{1,7})$")


def _requested_highlight(body):
    """Return the (start, end) passage asked for with ?hl=, when it is a valid one."""
    found = HIGHLIGHT.match(request.args.get("hl", ""))
    if not found:
        return None
    start, end = int(found.group(1)), int(found.group(2))
    return (start, end) if 0 <= start < end <= len(body) else None


def _readable_newer_version(source):
    """Return the newest version of a teacher's `source` when it is newer and may be read."""
    if source.owner_id is None:
        return None
    latest = services.latest_version(source)
    return latest if latest.id != source.id and may_read(latest) else None


@bp.route("/")
def index():
    """List the bundled source articles; a teacher's own are reached from their questions."""
    return render_template("sources/index.html", sources=services.bundled_sources())


@bp.route("/<slug:slug>")
def read(slug):
    """Show an article with the requested passage highlighted and, on request, all the others."""
    source = db.one_or_404(sa.select(Source).where(Source.slug == slug))
    if not may_read(source):
        abort(404)  # a teacher's source is not even said to exist to those who may not read it
    citing = (
        sa.select(Evidence.start, Evidence.end, Question.id)
        .join(Question, Question.current_version_id == Evidence.question_version_id)
        .where(Evidence.source_id == source.id, Question.retired.is_(False))
    )
    rows = db.session.execute(citing).all()
    hidden = embargoed_questions(db.session, utcnow(),
                                 citing.with_only_columns(Question.id))
    # A passage an embargoed question cites would point at its answer: never mark it.
    held = {(start, end) for start, end, question in rows if question in hidden}
    passages = sorted({(start, end) for start, end, _question in rows} - held)
    current = _requested_highlight(source.body)
    show_all = request.args.get("passages") == "all"
    parts = segments(source.body, passages if show_all else [], current)
    return render_template("sources/read.html", source=source, parts=parts, current=current,
                           newer=_readable_newer_version(source),
                           passage_count=len(passages), show_all=show_all,
                           hl="{}-{}".format(*current) if current else None)
