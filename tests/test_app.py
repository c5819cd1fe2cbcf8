"""The factory, its configuration layers, and the promises the README makes."""

import re
from pathlib import Path

import pytest

from quizapp import config, create_app
from quizapp.cli import ensure_instance_secret

ROOT = Path(__file__).resolve().parent.parent


def test_environment_overrides_defaults(monkeypatch):
    """DATABASE_URL and SECRET_KEY from the environment win over the defaults."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert app.config["SECRET_KEY"] == "from-env"


def test_default_database_is_sqlite_in_instance(monkeypatch):
    """Without DATABASE_URL the app uses a SQLite file in the instance folder."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "sqlite:///" + str(Path(app.instance_path) / "quizapp.sqlite"))


def test_production_refuses_the_default_secret(monkeypatch):
    """In production the app will not start with the built-in secret."""
    monkeypatch.setenv("QUIZAPP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="Set SECRET_KEY"):
        create_app({"SECRET_KEY": config.DEFAULT_SECRET_KEY})


def test_serve_writes_a_secret_once(tmp_path):
    """The laptop command stores a random secret in the instance folder the first time."""
    app = create_app({"SECRET_KEY": config.DEFAULT_SECRET_KEY})
    app.instance_path = str(tmp_path)
    assert ensure_instance_secret(app)
    secret = app.config["SECRET_KEY"]
    assert secret != config.DEFAULT_SECRET_KEY and len(secret) == 64
    assert not ensure_instance_secret(app)
    assert secret in (tmp_path / "config.py").read_text()


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    """The README's first two code blocks are the serve and test commands; CI runs the latter."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    serve, test = blocks[0], blocks[1]
    assert serve.endswith("flask --app quizapp serve") and "\n" not in serve
    assert test.endswith("python -m pytest") and "\n" not in test
    assert test in (ROOT / ".ci" / "run").read_text()
