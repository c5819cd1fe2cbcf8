"""Compare what the server acknowledged with what the database holds."""

from dataclasses import dataclass
from urllib.parse import parse_qs

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from quizapp.domain.kinds import AnswerError, get_kind
from quizapp.play.models import Attempt, Response


@dataclass
class Check:
    """Acknowledged answers and attempts against the database."""

    acknowledged: int = 0
    lost: int = 0
    duplicated: int = 0
    uncounted: int = 0

    def line(self):
        """Format the check as one row of the report."""
        return (f"acknowledged answers {self.acknowledged}: lost {self.lost}, "
                f"duplicated {self.duplicated}, uncounted {self.uncounted}")


def _answer_of(response, body):
    """Return the answer a form body gives `response`'s question, as the server reads it."""
    version = response.question_version
    form = parse_qs(body, keep_blank_values=True)
    try:
        return get_kind(version.kind).read(version.data, response.layout, form)
    except AnswerError:
        return ("unreadable", body)


def _allowed(events):
    """Return the bodies the database may hold: the last acknowledged, or any sent after it."""
    last = max(i for i, (tag, _body) in enumerate(events) if tag == "A")
    return {body for _tag, body in events[last:]}


def check(url, log):
    """Return the Check of a run's log against the database at `url`."""
    engine = sa.create_engine(url)
    found = Check()
    with Session(engine) as session:
        attempts = {a.public_id: a for a in session.scalars(sa.select(Attempt))}
        responses = {
            (r.attempt.public_id, r.position): r
            for r in session.scalars(sa.select(Response).options(
                joinedload(Response.question_version), joinedload(Response.attempt)))}
        for key, events in log.answers.items():
            if not any(tag == "A" for tag, _body in events):
                continue
            found.acknowledged += sum(1 for tag, _body in events if tag == "A")
            response = responses.get(key)
            if response is None or response.answer not in [
                    _answer_of(response, body) for body in _allowed(events)]:
                found.lost += 1
        found.lost += sum(1 for a in log.started if a not in attempts)
        found.lost += sum(1 for a in log.submitted if not attempts.get(a) or
                          attempts[a].submitted_at is None)
        found.duplicated = _duplicates(session)
        found.uncounted = _uncounted(responses)
    engine.dispose()
    return found


def _duplicates(session):
    """Count rows beyond one per response slot and attempts beyond one per learner."""
    extra = 0
    for columns in ((Response.attempt_id, Response.position), (Attempt.learner_key,)):
        counts = session.scalars(sa.select(sa.func.count()).select_from(columns[0].table)
                                 .group_by(*columns).having(sa.func.count() > 1))
        extra += sum(n - 1 for n in counts)
    return extra


def _uncounted(responses):
    """Count saved answers of handed-in attempts that their score does not count."""
    uncounted = 0
    totals, attempts = {}, {}
    for (public_id, _position), response in responses.items():
        attempt = attempts[public_id] = response.attempt
        if attempt.submitted_at is None:
            continue
        version = response.question_version
        expected = get_kind(version.kind).score(version.data, response.answer)
        if response.score is None or abs(response.score - expected) > 1e-9:
            uncounted += 1
        totals[public_id] = totals.get(public_id, 0.0) + (response.score or 0.0)
    for public_id, total in totals.items():
        if abs((attempts[public_id].score or 0.0) - total) > 1e-9:
            uncounted += 1
    return uncounted
