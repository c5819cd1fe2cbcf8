"""`flask users create` and `flask users list`."""

import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.auth.services import authenticate
from quizapp.extensions import db
from tests.factories import PASSWORD


def accounts():
    """Return (email key, role, name) of every account."""
    db.session.expire_all()
    return db.session.execute(sa.select(User.email_key, User.role, User.name)
                              .order_by(User.id)).all()


def create(runner, *args, password=None, prompt=None):
    """Run `users create` with the password in the environment or typed at the prompt."""
    env = {"QUIZAPP_PASSWORD": password} if password is not None else {}
    return runner.invoke(args=["users", "create", *args], input=prompt, env=env)


def test_create_reads_a_hidden_confirmed_password(runner):
    """Typed twice at the prompt, never echoed."""
    result = create(runner, "--role", "admin", "Head@School.example",
                    prompt=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Created admin Head@school.example." in result.output
    assert PASSWORD not in result.output
    assert accounts() == [("head@school.example", "admin", "Head")]
    assert authenticate("HEAD@school.example", PASSWORD) is not None


def test_create_reads_the_password_from_the_environment(runner):
    """QUIZAPP_PASSWORD lets scripts create accounts without a prompt."""
    result = create(runner, "--name", "Ada L", "ada@example.org", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert accounts() == [("ada@example.org", "teacher", "Ada L")]


def test_mismatched_prompts_are_asked_again(runner):
    """A confirmation that differs is refused; a matching pair then works."""
    result = create(runner, "ada@example.org",
                    prompt=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower()


def test_create_refuses_bad_input_and_creates_nothing(runner):
    """Bad email, bad role, short password, taken address (any case): clear errors."""
    runner.invoke(args=["users", "create", "ada@example.org"], env={"QUIZAPP_PASSWORD": PASSWORD})
    cases = [
        (("not-an-email",), "Not a valid email address"),
        (("--role", "learner", "b@example.org"), "Invalid value for '--role'"),
        (("--name", "x" * 81, "b@example.org"), "The name must be"),
        (("ADA@example.org",), "already exists"),
    ]
    for args, message in cases:
        result = create(runner, *args, password=PASSWORD)
        assert result.exit_code != 0 and message in result.output, result.output
    result = create(runner, "b@example.org", password="short")
    assert result.exit_code != 0 and "10 to 128 characters" in result.output
    assert accounts() == [("ada@example.org", "teacher", "ada")]


def test_the_password_is_never_an_argument(runner):
    """There is no option that takes a password on the command line."""
    result = create(runner, "--password", PASSWORD, "ada@example.org")
    assert result.exit_code != 0 and "No such option" in result.output
    assert accounts() == []


def test_list_shows_every_account(runner):
    """Role, email and name, one a line."""
    create(runner, "--role", "admin", "head@example.org", password=PASSWORD)
    create(runner, "ada@example.org", password=PASSWORD)
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["teacher  ada@example.org  (ada)",
                                          "admin    head@example.org  (head)"]
