"""Views of the source reader."""

import re

import sqlalchemy as sa
from flask import render_template, request

from quizapp.bank.models import Evidence, Question, Source
from quizapp.domain.evidence import segments
from quizapp.extensions import db
from quizapp.sources import bp

HIGHLIGHT = re.compile(r"^(\d{1,7})-(\d{1,7})$")


def _requested_highlight(body):
    """Return the (start, end) passage asked for with ?hl=, when it is a valid one."""
    found = HIGHLIGHT.match(request.args.get("hl", ""))
    if not found:
        return None
    start, end = int(found.group(1)), int(found.group(2))
    return (start, end) if 0 <= start < end <= len(body) else None


@bp.route("/")
def index():
    """List the source articles."""
    sources = db.session.scalars(sa.select(Source).order_by(Source.published, Source.slug)).all()
    return render_template("sources/index.html", sources=sources)


@bp.route("/<slug:slug>")
def read(slug):
    """Show an article with every evidence passage marked and the requested one highlighted."""
    source = db.one_or_404(sa.select(Source).where(Source.slug == slug))
    passages = db.session.execute(
        sa.select(Evidence.start, Evidence.end).distinct()
        .join(Question, Question.current_version_id == Evidence.question_version_id)
        .where(Evidence.source_id == source.id, Question.retired.is_(False))
    ).all()
    current = _requested_highlight(source.body)
    parts = segments(source.body, [tuple(p) for p in passages], current)
    return render_template("sources/read.html", source=source, parts=parts, current=current,
                           passage_count=len(passages))
