"""Time the bank load and the learner's pages, and report the process's peak memory.

Run: .venv/bin/python bench/bench_pages.py [--requests 200]
(set DATABASE_URL to benchmark on PostgreSQL; the default is a throwaway SQLite file)
"""

import argparse
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from quizapp import BUNDLED_BANK_DIR, create_app  # noqa: E402
from quizapp.bank.loader import load_bank  # noqa: E402
from quizapp.domain.bankfiles import read_bank  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.play.models import Attempt  # noqa: E402


def timed(function, repeat):
    """Return the run times of `function` in milliseconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append((time.perf_counter() - began) * 1000)
    return times


def summary(name, times):
    """Format median and 95th percentile of a list of milliseconds."""
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"{name:<28} median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms"


def main():
    """Load the bundled bank, take the 'everything' quiz and time each page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": secrets.token_hex(32)})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        began = time.perf_counter()
        bank = read_bank(BUNDLED_BANK_DIR)
        load_bank(db.session, bank)
        db.session.commit()
        load_ms = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        load_bank(db.session, read_bank(BUNDLED_BANK_DIR))
        db.session.commit()
        reload_ms = (time.perf_counter() - began) * 1000
        client = app.test_client()
        client.post("/quiz/everything/start", data={
            "display_name": "Bench", "start_token": "00000000-0000-0000-0000-000000000001"})
        attempt = db.session.scalar(sa.select(Attempt))
        base = f"/attempt/{attempt.public_id}"
        lines = [
            f"database: {db.engine.dialect.name}; {len(bank.questions())} questions",
            f"{'bank load (empty database)':<28} {load_ms:7.1f} ms",
            f"{'bank load (no change)':<28} {reload_ms:7.1f} ms",
            summary("home page", timed(lambda: client.get("/"), args.requests)),
            summary("question page", timed(lambda: client.get(f"{base}/q/5"), args.requests)),
            summary("post an answer to q5", timed(
                lambda: client.post(f"{base}/q/5", data={"answer": "x"}), args.requests)),
        ]
        client.post(f"{base}/review")
        lines.append(summary("result page (20 questions)",
                             timed(lambda: client.get(f"{base}/result"), args.requests)))
        slug = bank.sources[0].slug
        lines.append(summary("source reader", timed(lambda: client.get(f"/sources/{slug}"),
                                                    args.requests)))
        db.engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"{'peak memory (max RSS)':<28} {peak:7.1f} MiB")
    print("\n".join(lines))
    print(f"\nreproduce: .venv/bin/python bench/bench_pages.py --requests {args.requests}")


if __name__ == "__main__":
    main()
