"""Time item analysis and the CSV exports on generated attempts; watch memory while exporting.

Run: .venv/bin/python bench/bench_results.py [--attempts 500] [--questions 30]
                                           [--export-responses 100000]
(set DATABASE_URL to benchmark on PostgreSQL, whose schema it drops and recreates; the
default is a throwaway SQLite file)

Item analysis runs on --attempts handed-in attempts of --questions questions; the
exports run on a second quiz with about --export-responses answers, streamed through the
app while the process's resident memory is sampled after every chunk.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from quizapp import BUNDLED_BANK_DIR, create_app  # noqa: E402
from quizapp.auth import services as accounts  # noqa: E402
from quizapp.bank.loader import load_bank  # noqa: E402
from quizapp.bank.models import Question, QuestionSet  # noqa: E402
from quizapp.domain.accounts import normalise_email  # noqa: E402
from quizapp.domain.bankfiles import read_bank  # noqa: E402
from quizapp.domain.kinds import get_kind  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.play.models import Attempt, Response  # noqa: E402
from quizapp.quizzes.models import Quiz  # noqa: E402
from quizapp.results import services  # noqa: E402
from quizapp.timeutil import utcnow  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib():
    """Return this process's resident memory now, in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def make_quiz(slug, versions, owner):
    """Add a quiz over the bundled sets, owned by `owner`."""
    quiz = Quiz(slug=slug, title=f"Bench {slug}", join_code=slug.upper()[:12], bundled=False,
                owner_id=owner.id, listed=False, question_count=len(versions),
                sets=list(db.session.scalars(sa.select(QuestionSet))),
                time_limit_minutes=None, attempts_allowed=None)
    db.session.add(quiz)
    db.session.flush()
    return quiz


def answer_for(version, rng):
    """Return a plausible answer: the key two times in three, else a wrong one or none."""
    kind = get_kind(version.kind)
    roll = rng.random()
    if roll < 0.66:
        return kind.key(version.data)
    if roll < 0.95 and version.data.get("choices"):
        return rng.choice(version.data["choices"])
    return None if roll >= 0.95 else "no idea"


def generate(quiz, versions, attempts, rng):
    """Insert handed-in attempts answering every version, in bulk."""
    now = utcnow()
    for first in range(0, attempts, 500):
        rows, answers = [], []
        for number in range(first, min(attempts, first + 500)):
            attempt_id = str(uuid.uuid4())
            rows.append({"public_id": attempt_id, "start_token": str(uuid.uuid4()),
                         "quiz_id": quiz.id, "learner_key": str(uuid.uuid4()),
                         "display_name": f"Learner {number}", "started_at": now,
                         "submitted_at": now + timedelta(minutes=10), "score": 0,
                         "max_score": len(versions)})
        db.session.execute(sa.insert(Attempt), rows)
        ids = dict(db.session.execute(sa.select(Attempt.public_id, Attempt.id).where(
            Attempt.public_id.in_([r["public_id"] for r in rows]))).all())
        for row in rows:
            for position, version in enumerate(versions, 1):
                answer = answer_for(version, rng)
                kind = get_kind(version.kind)
                try:
                    score = kind.score(version.data, answer)
                except (AttributeError, TypeError, ValueError, KeyError):
                    answer, score = None, 0.0
                answers.append({"attempt_id": ids[row["public_id"]], "position": position,
                                "question_version_id": version.id, "layout": {},
                                "answer": answer, "answered_at": now, "locked": False,
                                "score": score})
        db.session.execute(sa.insert(Response), answers)
        db.session.commit()


def stream_export(client, quiz, kind, layout="quizapp"):
    """Stream one export through the app; return (seconds, bytes, rows, rss growth MiB)."""
    base = rss_mib()
    peak = base
    began = time.perf_counter()
    response = client.get(f"/teach/quizzes/{quiz.id}/export/{kind}.csv?layout={layout}",
                          buffered=False)
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
        peak = max(peak, rss_mib())
    response.close()
    return time.perf_counter() - began, size, lines - 1, peak - base


def main():
    """Generate the attempts, then time item analysis and every export."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=500)
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--export-responses", type=int, default=100_000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(32),
                      "WTF_CSRF_ENABLED": False,
                      "PASSWORD_HASH_PARAMETERS": {"time_cost": 1, "memory_cost": 8,
                                                   "parallelism": 1}})
    rng = random.Random(7)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        load_bank(db.session, read_bank(BUNDLED_BANK_DIR))
        owner = accounts.create_user(normalise_email("bench@example.org"), "Bench",
                                     "bench password 1")
        db.session.commit()
        versions = [q.current_version for q in db.session.scalars(
            sa.select(Question).where(Question.retired.is_(False)).order_by(Question.id)
            .limit(args.questions))]
        analysed = make_quiz("analysed", versions, owner)
        generate(analysed, versions, args.attempts, rng)
        times = []
        for _ in range(5):
            began = time.perf_counter()
            stats, _questions = services.item_analysis(analysed)
            times.append(time.perf_counter() - began)
        lines = [f"database: {db.engine.dialect.name}; "
                 f"{os.cpu_count()} cores; Python {sys.version.split()[0]}",
                 f"item analysis, {args.attempts} attempts x {len(versions)} questions: "
                 f"median {statistics.median(times) * 1000:.0f} ms, "
                 f"worst {max(times) * 1000:.0f} ms ({len(stats)} questions analysed)"]
        exported = make_quiz("exported", versions, owner)
        generate(exported, versions, max(1, args.export_responses // len(versions)), rng)
        client = app.test_client()
        client.post("/account/login", data={"email": "bench@example.org",
                                             "password": "bench password 1"})
        for kind, layout in (("attempts", "quizapp"), ("responses", "quizapp"),
                             ("gradebook", "quizapp"), ("gradebook", "canvas")):
            seconds, size, rows, growth = stream_export(client, exported, kind, layout)
            lines.append(f"export {kind:<9} {layout:<8} {rows:>7} rows {size / 2**20:6.1f} MiB "
                         f"in {seconds:5.2f} s; memory grew {growth:5.1f} MiB while streaming")
        lines.append(f"process RSS at the end: {rss_mib():.0f} MiB")
        db.engine.dispose()
    print("\n".join(lines))
    print(f"\nreproduce: .venv/bin/python bench/bench_results.py --attempts {args.attempts} "
          f"--questions {args.questions} --export-responses {args.export_responses}")


if __name__ == "__main__":
    main()
