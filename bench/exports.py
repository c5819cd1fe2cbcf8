"""The exports scenario: a quiz with 100,000 responses, each CSV export timed, server RSS.

It times every route under /teach/quizzes/<id>/export/ that the app has; a branch without
such routes says so and measures nothing.
"""

import http.cookiejar
import random
import re
import secrets
import time
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa

from quizapp import create_app
from quizapp.domain.accounts import normalise_email
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.draw import question_pool
from quizapp.quizzes.models import Quiz

QUIZ = "everything"
ADMIN, PASSWORD = "bench-admin@example.org", "bench-password-" + secrets.token_hex(8)
TARGET_SECONDS, TARGET_RSS_MIB = 5, 150


def export_paths(app, quiz_id):
    """Return the export URLs of one quiz, as the app's routes spell them.

    A part written `<any(a, b):name>` gives one URL per choice; any other part is the quiz.
    """
    paths = []
    for rule in app.url_map.iter_rules():
        if not (rule.rule.startswith("/teach/quizzes/") and "/export/" in rule.rule):
            continue
        path = re.sub(r"<(?!any\()[^>]+>", str(quiz_id), rule.rule)
        choices = re.search(r"<any\(([^)]*)\):[^>]+>", path)
        if choices is None:
            paths.append(path)
            continue
        paths += [path.replace(choices.group(0), choice.strip().strip("'\""))
                  for choice in choices.group(1).split(",")]
    return paths


def fill(quiz, responses):
    """Add submitted attempts of 20 answered questions until there are `responses` rows."""
    rng = random.Random(7)
    versions = [q.current_version for q in question_pool(db.session, quiz)][:20]
    now = datetime.now(UTC)
    attempts = [{"public_id": str(uuid.uuid4()), "start_token": str(uuid.uuid4()),
                 "quiz_id": quiz.id, "learner_key": str(uuid.uuid4()),
                 "display_name": f"Learner {i}", "started_at": now, "submitted_at": now,
                 "score": float(len(versions)), "max_score": len(versions)}
                for i in range(responses // len(versions))]
    db.session.execute(sa.insert(Attempt), attempts)
    ids = db.session.scalars(sa.select(Attempt.id).where(Attempt.quiz_id == quiz.id,
                                                         Attempt.display_name.like("Learner %")))
    rows = []
    for attempt_id in ids:
        for position, version in enumerate(versions, 1):
            kind = get_kind(version.kind)
            rows.append({"attempt_id": attempt_id, "position": position,
                         "question_version_id": version.id,
                         "layout": kind.layout(version.data, rng, True),
                         "answer": kind.key(version.data), "answered_at": now, "score": 1.0})
    db.session.execute(sa.insert(Response), rows)
    return len(rows)


def _log_in(opener, base):
    """Log the benchmark's admin in through the login form."""
    page = opener.open(base + "/account/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": ADMIN, "password": PASSWORD})
    opener.open(base + "/account/login", data=form.encode())


def measure(server, url, responses=100_000):
    """Fill the quiz, then time each export over HTTP and report the server's peak RSS."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == QUIZ))
        paths = export_paths(app, quiz.id)
        if not paths:
            print("\n  exports: not measured, this branch has no "
                  "/teach/quizzes/<id>/export/ route")
            return
        began = time.monotonic()
        made = fill(quiz, responses)
        from quizapp.auth.services import create_user
        create_user(normalise_email(ADMIN), "Bench admin", PASSWORD, role="admin")
        db.session.commit()
        db.engine.dispose()
    print(f"\n  exports of a quiz with {made} responses (made in "
          f"{time.monotonic() - began:.0f} s); targets < {TARGET_SECONDS} s, "
          f"peak RSS < {TARGET_RSS_MIB} MiB")
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _log_in(opener, server.url)
    print(f"    after logging in (argon2 takes 64 MiB while it hashes): server peak RSS "
          f"{server.peak_rss_mib():.0f} MiB; each export below starts from a fresh peak")
    for path in paths:
        server.reset_peak_rss()
        began, size = time.monotonic(), 0
        with opener.open(server.url + path, timeout=120) as answer:
            status = answer.status
            while chunk := answer.read(65536):
                size += len(chunk)
        print(f"    {path}: {status}, {size / 1e6:.1f} MB in {time.monotonic() - began:.2f} s, "
              f"server peak RSS {server.peak_rss_mib():.0f} MiB")
