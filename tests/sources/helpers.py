"""Shared steps of the teacher's source tests: a teacher, their sources, the tables' state."""

import io
from pathlib import Path

import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from quizapp.bank.models import Evidence, Source
from quizapp.extensions import db
from tests.factories import log_in

FIXTURES = Path(__file__).parent / "fixtures"
NEWS_PAGE = (FIXTURES / "harbour_gazette.html").read_bytes()
DETAILS = {"headline": "Ferry fares rise again", "outlet": "The Courier", "published": "2024-03",
           "url": "https://courier.example/ferry", "provenance": "copy",
           "provenance_note": "Reworded from the agency's report.", "date_note": ""}
TEXT = ("Ferry fares rose by 8% on Monday, the third rise in a year.\n\n"
        "“Nobody warned us,” said one commuter at the terminal on Monday morning.")


def teacher(client, make_user, email="ada@example.org", role="teacher"):
    """Make an account, log `client` in as it and return it."""
    user = make_user(email=email, role=role, name=email.split("@")[0].title())
    assert log_in(client, email=email).status_code == 302
    return user


def paste(client, **overrides):
    """Post the paste form with valid details, changed by `overrides`; return the response."""
    return client.post("/teach/sources/new", data={**DETAILS, "text": TEXT, **overrides})


def upload(client, data, filename="page.html", **fields):
    """Post the upload form with a file of `data`; return the response."""
    # Encoded here, in memory: for a large file the test client would spool the body to a
    # temporary file that it leaves open.
    boundary, body = encode_multipart({"provenance": "unverified", **fields,
                                       "file": FileStorage(io.BytesIO(data), filename)})
    return client.post("/teach/sources/upload", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def snapshot():
    """Return every source row's columns, to prove a refused request changed nothing."""
    rows = db.session.execute(sa.select(Source.__table__).order_by(Source.id)).all()
    evidence = db.session.execute(sa.select(Evidence.__table__).order_by(Evidence.id)).all()
    db.session.rollback()
    return [tuple(row) for row in rows], [tuple(row) for row in evidence]


def source_by_slug(slug):
    """Return the source with `slug`, fresh from the database."""
    db.session.expire_all()
    return db.session.scalar(sa.select(Source).where(Source.slug == slug))


def newest_source():
    """Return the source added last."""
    db.session.expire_all()
    return db.session.scalar(sa.select(Source).order_by(Source.id.desc()).limit(1))


def give_test_source_to(user):
    """Make the loaded test bank's source belong to `user`: its questions now cite theirs."""
    source = source_by_slug("test-source")
    source.owner_id = user.id
    db.session.commit()
    return source
