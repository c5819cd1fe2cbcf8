"""Many learners at once against gunicorn with several workers: nothing acknowledged is lost.

Each simulated learner answers with two tabs at once, then races its last answer against
two submits, answers again too late, and double-starts a second attempt. Afterwards every
answer that got the redirect saying it was saved is stored and counted, every attempt is
submitted and scored exactly from its stored answers, and no request failed with a 5xx.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp import PROJECT_ROOT
from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from tests.play.helpers import perfect_form

LEARNERS = 24
ROUNDS = 2
WORKERS = 3
THREADS_PER_WORKER = 4
SERVER_SECRET = "concurrency-test-" + "x" * 48


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(app, database_url, bank_writer, tmp_path):
    """Serve the test bank with gunicorn (several workers, threads each); return its address."""
    bank_writer.load()
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SERVER_SECRET}
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS),
               "--threads", str(THREADS_PER_WORKER), "--bind", f"127.0.0.1:{port}",
               "--error-logfile", str(log), "--capture-output", "--graceful-timeout", "5",
               "quizapp:create_app({'WTF_CSRF_ENABLED': False, 'FORCE_HTTPS': False})"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
    try:
        _wait_until_serving(port, process)
        yield ("127.0.0.1", port)
    finally:
        process.terminate()
        process.wait(timeout=20)
    server_log = log.read_text()
    assert "Traceback" not in server_log, server_log


def _wait_until_serving(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise AssertionError("gunicorn did not start")


class Learner:
    """One browser: a cookie shared by its tabs, and a record of what it was told."""

    def __init__(self, address):
        self.address = address
        self.cookie = None
        self.statuses = []
        self.saved = {}  # attempt public id -> positions acknowledged as saved

    def request(self, method, path, form=None):
        """Send one request as this learner; return (status, location)."""
        connection = http.client.HTTPConnection(*self.address, timeout=60)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            reply.read()
        finally:
            connection.close()
        if self.cookie is None and reply.getheader("Set-Cookie"):
            session = SimpleCookie(reply.getheader("Set-Cookie"))["session"]
            self.cookie = f"session={session.value}"
        self.statuses.append((method, path, reply.status))
        return reply.status, reply.getheader("Location") or ""

    def start(self):
        """Post a start form with a fresh token; return the attempt's public id."""
        status, location = self.request("POST", "/quiz/test-quiz/start", {
            "display_name": "Ann", "start_token": str(uuid.uuid4())})
        assert status == 302 and "/attempt/" in location, (status, location)
        return location.rsplit("/", 1)[-1]

    def answer(self, public_id, position, form):
        """Post an answer; remember it when the redirect says it was saved."""
        status, location = self.request("POST", f"/attempt/{public_id}/q/{position}", form)
        if status == 302 and not location.endswith("/result"):
            self.saved.setdefault(public_id, set()).add(position)

    def submit(self, public_id):
        """Hand the attempt in."""
        status, location = self.request("POST", f"/attempt/{public_id}/review")
        assert status == 302 and location.endswith("/result"), (status, location)


def at_once(*calls):
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, call) for call in calls]]


def perfect_forms(app, public_id):
    """Return the perfect answer form of each position of the attempt, read from the database."""
    with app.app_context():
        responses = db.session.scalars(
            sa.select(Response).join(Attempt).where(Attempt.public_id == public_id)
            .options(selectinload(Response.question_version))
        ).all()
        return {r.position: perfect_form(r) for r in responses}


def play_round(app, learner, public_id):
    """Answer with two tabs, race the last answer against two submits, then answer late."""
    forms = perfect_forms(app, public_id)
    last = max(forms)
    early = sorted(forms)[:-1]
    at_once(*[lambda ps=early[i::2]: [learner.answer(public_id, p, forms[p]) for p in ps]
              for i in range(2)])
    assert learner.saved[public_id] == set(early)
    at_once(lambda: learner.answer(public_id, last, forms[last]),
            lambda: learner.submit(public_id), lambda: learner.submit(public_id))
    learner.answer(public_id, 1, forms[1])
    assert 1 not in learner.saved[public_id] - set(early)


def simulate(app, address):
    """Play every round as one learner; return the learner."""
    learner = Learner(address)
    public_id = learner.start()
    for _round in range(ROUNDS):
        play_round(app, learner, public_id)
        if _round < ROUNDS - 1:
            first, second = at_once(learner.start, learner.start)
            assert first == second, "a double start made two attempts"
            public_id = first
    return learner


def test_many_learners_racing_lose_no_acknowledged_answer(app, server):
    """Every acknowledged answer is stored once and counted; every attempt scored once."""
    with ThreadPoolExecutor(LEARNERS) as pool:
        learners = list(pool.map(lambda _: simulate(app, server), range(LEARNERS)))
    failures = [s for learner in learners for s in learner.statuses if s[2] >= 500]
    assert failures == []
    db.session.expire_all()
    attempts = db.session.scalars(sa.select(Attempt).options(selectinload(Attempt.responses)))
    attempts = {attempt.public_id: attempt for attempt in attempts}
    assert len(attempts) == LEARNERS * ROUNDS
    for learner in learners:
        for public_id, saved in learner.saved.items():
            attempt = attempts[public_id]
            assert attempt.submitted
            assert len(attempt.responses) == attempt.max_score
            assert all(r.score is not None for r in attempt.responses)
            counted = {r.position for r in attempt.responses if r.score == 1}
            stored = {r.position for r in attempt.responses if r.answer is not None}
            assert counted == stored == saved
            assert attempt.score == len(saved)
