"""Verbs over a teacher's sources: add, describe, edit the body, delete; each flushes.

A body that evidence cites is never changed in place: editing it adds a newer version (a
new row pointing back at this one), so old question versions and the attempts made on them
keep the offsets they were written against. `latest_version` is what new questions cite.
"""

import hashlib
import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from quizapp.bank.models import Evidence, Source
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.timeutil import utcnow

# Room for "-<n>" or "-v<n>" after a base, inside the 80 characters a slug may have.
SLUG_BASE_LENGTH = 70
VERSION_SUFFIX = re.compile(r"-v\d+$")

# What a teacher may describe about a source; the body and its versions are separate.
DETAILS = ("outlet", "headline", "published", "date_precision", "url", "provenance",
           "provenance_note", "date_note")


class SourceInUse(Exception):
    """A source that questions cite cannot be deleted."""

    def __init__(self, count):
        super().__init__(f"{count} question versions cite this source")
        self.count = count


def body_hash(body):
    """Return the hash stored beside a body, so equal bodies are recognised."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def slugify(text):
    """Return `text` as a slug base: ASCII letters and digits joined by single dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    base = "-".join(words)[:SLUG_BASE_LENGTH].strip("-")
    return base or "source"


def unique_slug(base):
    """Return `base`, or `base-2`, `base-3`... whichever no source has yet."""
    taken = set(db.session.scalars(sa.select(Source.slug).where(
        sa.or_(Source.slug == base, Source.slug.like(f"{base}-%")))))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def add_source(owner, body, details, trimmed=""):
    """Add a teacher's source from a checked body and its details; return it."""
    source = Source(slug=unique_slug(slugify(details["headline"])), owner_id=owner.id,
                    body=body, content_hash=body_hash(body), trimmed=trimmed or "",
                    updated_at=utcnow(), version=1)
    _apply_details(source, details)
    db.session.add(source)
    db.session.flush()
    return source


def _apply_details(source, details):
    """Copy the describable fields from `details` onto `source`."""
    for name in DETAILS:
        value = details.get(name)
        if name in ("provenance_note", "date_note"):
            value = value or ""
        setattr(source, name, value)


def describe_source(source, details):
    """Change what is said about a source (not its body: offsets do not depend on it)."""
    _apply_details(source, details)
    source.updated_at = utcnow()
    db.session.flush()
    return source


def citing_count(source):
    """Return how many evidence passages, in any question version, cite `source`."""
    return db.session.scalar(sa.select(sa.func.count(Evidence.id))
                             .where(Evidence.source_id == source.id))


def _newer_versions(source):
    """Return a recursive query of the ids and numbers of every version after `source`."""
    chain = (sa.select(Source.id, Source.version).where(Source.previous_id == source.id)
             .cte("newer", recursive=True))
    return chain.union_all(sa.select(Source.id, Source.version)
                           .where(Source.previous_id == chain.c.id))


def latest_version(source):
    """Return the newest version of `source` (itself when none is newer), in one query."""
    chain = _newer_versions(source)
    newest = sa.select(chain.c.id).order_by(chain.c.version.desc()).limit(1)
    return db.session.scalar(sa.select(Source).where(Source.id == newest.scalar_subquery())) \
        or source


def edit_body(source, body):
    """Replace the body of `source`; return the row that now holds it.

    Uncited, the body changes in place. Cited, a new version is added and the old row keeps
    its body, so every evidence offset into it stays right.
    """
    if body == source.body:
        return source
    if not citing_count(source):
        source.body, source.content_hash, source.updated_at = body, body_hash(body), utcnow()
        db.session.flush()
        return source
    base = VERSION_SUFFIX.sub("", source.slug)[:SLUG_BASE_LENGTH]
    newer = Source(slug=unique_slug(f"{base}-v{source.version + 1}"), owner_id=source.owner_id,
                   body=body, content_hash=body_hash(body), trimmed=source.trimmed,
                   stamped=source.stamped, updated_at=utcnow(), version=source.version + 1,
                   previous_id=source.id)
    _apply_details(newer, {name: getattr(source, name) for name in DETAILS})
    db.session.add(newer)
    db.session.flush()
    return newer


def delete_source(source):
    """Delete an uncited source; raise SourceInUse when any question version cites it."""
    count = citing_count(source)
    if count:
        raise SourceInUse(count)
    # A newer version then follows the one before this, keeping the chain whole.
    db.session.execute(sa.update(Source).where(Source.previous_id == source.id)
                       .values(previous_id=source.previous_id))
    db.session.delete(source)
    db.session.flush()


def cited_in_attempt(source, learner):
    """Tell whether an attempt of `learner` holds a question version that cites `source`."""
    cites = sa.select(Evidence.id).where(
        Evidence.source_id == source.id,
        Evidence.question_version_id == Response.question_version_id)
    return bool(db.session.scalar(
        sa.select(sa.exists(
            sa.select(Response.id).join(Attempt, Attempt.id == Response.attempt_id)
            .where(Attempt.learner_key == learner, sa.exists(cites))))))


def teacher_sources(user):
    """Return the newest version of each source `user` may change (admins: everyone's)."""
    newer = aliased(Source)
    query = sa.select(Source).where(
        Source.owner_id.is_not(None),
        ~sa.exists(sa.select(newer.id).where(newer.previous_id == Source.id)))
    if not user.is_admin:
        query = query.where(Source.owner_id == user.id)
    return db.session.scalars(query.order_by(Source.updated_at.desc(), Source.id.desc())).all()


def bundled_sources():
    """Return the bundled sources, which nobody may change in the app."""
    return db.session.scalars(sa.select(Source).where(Source.owner_id.is_(None))
                              .order_by(Source.published, Source.slug)).all()


def versions_of(source):
    """Return every earlier version of `source`, newest first."""
    earlier, current = [], source
    while current.previous_id is not None and len(earlier) < 1000:
        current = db.session.get(Source, current.previous_id)
        earlier.append(current)
    return earlier
