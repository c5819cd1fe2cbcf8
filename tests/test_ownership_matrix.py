"""Who may do what: every route and method, tried by each kind of visitor.

The table below has one row per (endpoint, method) of the app, and a test fails when a
route exists that the table does not list, so no route can be added without saying who
may use it. Each row is tried in a fresh world by five visitors:

- `anonymous`: no cookie at all;
- `learner`: a learner cookie with an attempt of their own, no account;
- `other`: a teacher who owns nothing of what the row is about;
- `owner`: the teacher who owns it;
- `admin`: an admin, who sees everything.

Expectations are outcomes, not only status codes: `OK` (2xx), `REDIRECT` (3xx, anywhere
but the log-in page), `LOGIN` (sent to log in), or a status code such as 403 or 404.
CSRF is off here, so a POST reaches the authorisation check; the CSRF tests prove a
forged POST is refused.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from quizapp.extensions import db
from tests.factories import log_in

ROLES = ("anonymous", "learner", "other", "owner", "admin")
OK, REDIRECT, LOGIN = "ok", "redirect", "login"


@dataclass
class World:
    """What the visitors find: accounts, a bundled quiz, a learner's attempt, and what the
    owner made (filled in by `make_world`)."""

    ids: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name):
        return self.ids[name]


@dataclass(frozen=True)
class Route:
    """One row: how to build its URL and form in a world, and what each visitor gets."""

    endpoint: str
    method: str
    url: Callable[[World], str]
    expect: dict[str, Any]
    data: Callable[[World], dict] = lambda world: {}


def everyone(outcome):
    """Return the same expectation for every visitor."""
    return dict.fromkeys(ROLES, outcome)


def teachers_only(outcome=OK, learner=LOGIN):
    """Return: visitors without an account are sent to log in; any teacher gets `outcome`."""
    return {"anonymous": LOGIN, "learner": learner, "other": outcome, "owner": outcome,
            "admin": outcome}


def signed_in_go_home(outcome=OK):
    """Return: visitors without an account get `outcome`; accounts are sent home."""
    return {"anonymous": outcome, "learner": outcome, "other": REDIRECT, "owner": REDIRECT,
            "admin": REDIRECT}


def owner_only(denied=404):
    """Return: log in first; then only the owner and admins get through."""
    return {"anonymous": LOGIN, "learner": LOGIN, "other": denied, "owner": OK, "admin": OK}


def admins_only():
    """Return: log in first; then only admins get through."""
    return {"anonymous": LOGIN, "learner": LOGIN, "other": 403, "owner": 403, "admin": OK}


def learner_only(outcome=OK):
    """Return: only the learner whose attempt it is gets through; everyone else sees 404."""
    return {**everyone(404), "learner": outcome}


ROUTES = [
    Route("main.index", "GET", lambda w: "/", everyone(OK)),
    Route("ops.healthz", "GET", lambda w: "/healthz", everyone(OK)),
    Route("ops.readyz", "GET", lambda w: "/readyz", everyone(OK)),
    Route("main.join", "POST", lambda w: "/join", everyone(REDIRECT),
          lambda w: {"code": w["join_code"]}),
    Route("play.quiz", "GET", lambda w: f"/quiz/{w['quiz_slug']}", everyone(OK)),
    Route("play.start", "POST", lambda w: f"/quiz/{w['quiz_slug']}/start", everyone(REDIRECT),
          lambda w: {"display_name": "Sam", "start_token": str(uuid.uuid4())}),
    Route("play.resume", "GET", lambda w: f"/attempt/{w['attempt']}",
          learner_only(REDIRECT)),
    Route("play.question", "GET", lambda w: f"/attempt/{w['attempt']}/q/1", learner_only()),
    Route("play.question", "POST", lambda w: f"/attempt/{w['attempt']}/q/1",
          learner_only(REDIRECT), lambda w: {"action": "save"}),
    Route("play.review", "GET", lambda w: f"/attempt/{w['attempt']}/review", learner_only()),
    Route("play.review", "POST", lambda w: f"/attempt/{w['attempt']}/review",
          learner_only(REDIRECT)),
    Route("play.result", "GET", lambda w: f"/attempt/{w['attempt']}/result",
          learner_only(REDIRECT)),
    Route("sources.index", "GET", lambda w: "/sources/", everyone(OK)),
    Route("sources.read", "GET", lambda w: f"/sources/{w['bundled_source']}", everyone(OK)),
    # Account pages: someone logged in is sent on to their home page; a form with
    # mistakes comes back with 400 and its messages.
    Route("auth.login", "GET", lambda w: "/account/login", signed_in_go_home()),
    Route("auth.login", "POST", lambda w: "/account/login", everyone(400),
          lambda w: {"email": w["email"], "password": "not the password"}),
    Route("auth.signup", "GET", lambda w: "/account/signup", signed_in_go_home()),
    Route("auth.signup", "POST", lambda w: "/account/signup", signed_in_go_home(400),
          lambda w: {"name": "", "email": "not an address"}),
    Route("auth.logout", "POST", lambda w: "/account/logout", everyone(REDIRECT)),
    Route("auth.change_password", "GET", lambda w: "/account/password", teachers_only()),
    Route("auth.change_password", "POST", lambda w: "/account/password", teachers_only(400),
          lambda w: {"current_password": "wrong"}),
    Route("auth.invitations", "GET", lambda w: "/account/invitations", admins_only()),
    Route("auth.invitations", "POST", lambda w: "/account/invitations", admins_only()),
    Route("teach.home", "GET", lambda w: "/teach/", teachers_only()),
]


def make_world(bank_writer, make_user):
    """Return a world: three accounts, the test bank and what the owner made."""
    bank_writer.load()
    world = World()
    world.ids.update(quiz_slug="test-quiz", join_code="TEST01", bundled_source="test-source")
    for role, email in (("owner", "owner@example.org"), ("other", "other@example.org"),
                        ("admin", "admin@example.org")):
        user = make_user(email=email, role="admin" if role == "admin" else "teacher",
                         name=role.title())
        world.ids[f"{role}_id"] = user.id
    db.session.commit()
    return world


def visitor(app, role, world):
    """Return a test client acting as `role` in `world`."""
    client = app.test_client()
    if role == "learner":
        response = client.post(f"/quiz/{world['quiz_slug']}/start",
                               data={"display_name": "Lee", "start_token": str(uuid.uuid4())})
        assert response.status_code == 302, response.status_code
        world.ids["attempt"] = response.headers["Location"].split("/")[2]
    elif role != "anonymous":
        response = log_in(client, email=f"{role}@example.org")
        assert response.status_code == 302, response.get_data(as_text=True)
    world.ids.setdefault("attempt", "00000000-0000-4000-8000-000000000000")
    world.ids["email"] = "someone@example.org" if role == "anonymous" else f"{role}@example.org"
    return client


def outcome(response):
    """Name what a visitor got, in the table's terms."""
    status = response.status_code
    if 300 <= status < 400:
        return LOGIN if "/account/login" in response.headers["Location"] else REDIRECT
    if 200 <= status < 300:
        return OK
    return status


def _row_id(row):
    return f"{row.method} {row.endpoint}"


def test_every_route_and_method_has_a_row(app):
    """A new route fails here until the table says who may use it."""
    listed = {(row.endpoint, row.method) for row in ROUTES}
    served = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"} if rule.endpoint != "static"}
    assert served - listed == set(), "routes with no row in the ownership matrix"
    assert listed - served == set(), "rows for routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROUTES, ids=_row_id)
def test_who_may_use_each_route(app, bank_writer, make_user, row, role):
    """Each visitor gets exactly the outcome the table says."""
    world = make_world(bank_writer, make_user)
    client = visitor(app, role, world)
    response = client.open(row.url(world), method=row.method, data=row.data(world))
    assert outcome(response) == row.expect[role], response.get_data(as_text=True)[:500]
