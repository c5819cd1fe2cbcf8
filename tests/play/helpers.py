"""Drive the learner flow through the test client."""

import re

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt

START_TOKEN = re.compile(r'name="start_token" type="hidden" value="([^"]+)"')


def start(client, quiz="test-quiz", name="Ann"):
    """Start (or resume) an attempt as `client`; return the Attempt."""
    page = client.get(f"/quiz/{quiz}").get_data(as_text=True)
    token = START_TOKEN.search(page).group(1)
    response = client.post(f"/quiz/{quiz}/start", data={"display_name": name, "start_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    public_id = response.location.rsplit("/", 1)[-1]
    return db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))


def question_url(attempt, position):
    """Return the URL of a question page."""
    return f"/attempt/{attempt.public_id}/q/{position}"


def kind_at(attempt, position):
    """Return the kind of the question at `position`."""
    db.session.expire_all()
    return attempt.responses[position - 1].question_version.kind


def perfect_form(response):
    """Return the form fields that answer `response`'s question perfectly."""
    version, layout = response.question_version, response.layout
    data = version.data
    kind = version.kind
    if kind in ("single_choice", "short_answer"):
        return {"answer": data["answer"] if kind == "single_choice" else data["accepted"][0]}
    if kind == "multiple_response":
        return {"answer": list(data["answer"])}
    if kind == "true_false":
        return {"answer": "true" if data["answer"] else "false"}
    if kind == "numeric":
        return {"answer": str(data["answer"])}
    if kind == "matching":
        key = {p["item"]: p["match"] for p in data["pairs"]}
        return {f"match-{i}": key[item] for i, item in enumerate(layout["items"])}
    if kind == "ordering":
        rank = {item: i + 1 for i, item in enumerate(data["items"])}
        return {f"position-{i}": str(rank[item]) for i, item in enumerate(layout["items"])}
    raise AssertionError(kind)


def answer_all(client, attempt, form_for=perfect_form):
    """Answer every question of the attempt with `form_for(response)`."""
    db.session.expire_all()
    for response in attempt.responses:
        result = client.post(question_url(attempt, response.position),
                             data={**form_for(response), "go": "next"})
        assert result.status_code == 302, result.get_data(as_text=True)


def submit(client, attempt):
    """Hand the attempt in from its review page; return the response."""
    return client.post(f"/attempt/{attempt.public_id}/review")
