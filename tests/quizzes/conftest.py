"""A world for the quiz tests: the small test bank, a teacher and another teacher."""

from dataclasses import dataclass

import pytest

from quizapp.auth.models import User
from tests.factories import log_in


@dataclass
class Teachers:
    """The teacher the test is about, and another one."""

    me: User
    other: User


@pytest.fixture
def teachers(bank_writer, make_user):
    """Load the test bank and make two teachers."""
    bank_writer.load()
    return Teachers(me=make_user("me@example.org", name="Me"),
                    other=make_user("other@example.org", name="Other"))


@pytest.fixture
def teacher(client, teachers):
    """Return the test client logged in as the first teacher."""
    response = log_in(client, "me@example.org")
    assert response.status_code == 302
    return client
