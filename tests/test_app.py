"""The factory, its configuration layers, and the promises the README makes."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp import config, create_app
from quizapp.cli import ensure_instance_secret

ROOT = Path(__file__).resolve().parent.parent


def test_environment_overrides_defaults(monkeypatch):
    """DATABASE_URL and SECRET_KEY from the environment win over the defaults."""
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    monkeypatch.setenv("SECRET_KEY", "from-env-" + "x" * 32)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert app.config["SECRET_KEY"] == "from-env-" + "x" * 32


def test_default_database_is_sqlite_in_instance(monkeypatch):
    """Without DATABASE_URL the app uses a SQLite file in the instance folder."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        "sqlite:///" + str(Path(app.instance_path) / "quizapp.sqlite"))


@pytest.mark.parametrize("environment", [None, "production", "development"])
@pytest.mark.parametrize("secret", [config.DEFAULT_SECRET_KEY, "x", "s" * 31, b"b" * 31, ""])
def test_serving_refuses_the_default_or_a_short_secret(monkeypatch, environment, secret):
    """Outside debug and testing the app will not start with a weak secret, whatever QUIZAPP_ENV."""
    if environment is None:
        monkeypatch.delenv("QUIZAPP_ENV", raising=False)
    else:
        monkeypatch.setenv("QUIZAPP_ENV", environment)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="Set SECRET_KEY"):
        create_app({"SECRET_KEY": secret})


def test_a_long_secret_serves_and_debug_or_testing_accept_any(monkeypatch):
    """A 32-byte secret starts; debug and testing may use the built-in one."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    assert create_app({"SECRET_KEY": "s" * 32}).config["SECRET_KEY"] == "s" * 32
    assert create_app({"SECRET_KEY": config.DEFAULT_SECRET_KEY, "TESTING": True}).testing
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert create_app({"SECRET_KEY": config.DEFAULT_SECRET_KEY}).debug


def test_serve_writes_a_secret_once(tmp_path):
    """The laptop command stores a random secret in the instance folder the first time."""
    app = create_app({"SECRET_KEY": config.DEFAULT_SECRET_KEY, "TESTING": True})
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


def _production_block():
    """Return the README's production code block."""
    readme = (ROOT / "README.md").read_text()
    return next(block for block in re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
                if "gunicorn" in block)


def _run_shell(script, tmp_path, **env):
    """Run a shell script with the virtualenv's commands first on PATH."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("SECRET_KEY", "QUIZAPP_ENV", "FLASK_DEBUG", "RATELIMIT_STORAGE_URI")}
    environ.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{environ['PATH']}",
                   DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite'}", **env)
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_readme_production_lines_work_as_written(tmp_path):
    """The production block sets a strong secret, migrates, loads, and gunicorn starts the app."""
    block = _production_block()
    assert "export SECRET_KEY=" in block
    checked = block.replace("gunicorn ", "gunicorn --check-config ")
    done = _run_shell(checked, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]


def test_gunicorn_refuses_to_start_with_a_short_secret(tmp_path):
    """Without the README's secret line, gunicorn fails to load the app and says why."""
    serve_line = _production_block().splitlines()[-1]
    assert serve_line.startswith("gunicorn ")
    done = _run_shell(serve_line.replace("gunicorn ", "gunicorn --check-config "), tmp_path,
                      SECRET_KEY="too-short", QUIZAPP_ENV="development")
    assert done.returncode != 0
    assert "Set SECRET_KEY to a random value of at least 32 bytes" in done.stderr


def test_serve_writes_a_secret_then_serves_and_refuses_a_short_one(app, bank_writer, tmp_path,
                                                                    monkeypatch):
    """The laptop command still starts from nothing, and refuses a weak hand-written key."""
    served = []
    monkeypatch.setattr("quizapp.cli.run_simple", lambda *args, **kwargs: served.append(args))
    app.config.update(SECRET_KEY=config.DEFAULT_SECRET_KEY, BANK_DIR=str(bank_writer.write()))
    app.instance_path = str(tmp_path)
    app.testing = False
    result = app.test_cli_runner().invoke(args=["serve"])
    assert result.exit_code == 0, result.output
    assert served and len(app.config["SECRET_KEY"]) == 64
    app.config["SECRET_KEY"] = "short"
    result = app.test_cli_runner().invoke(args=["serve"])
    assert result.exit_code != 0 and "Set SECRET_KEY" in str(result.exception)
    assert len(served) == 1


def test_readme_documents_every_setting():
    """Each default setting is in the README's table, so operators know what they can raise."""
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("### Limits and every setting"):]
    missing = [key for key in (*config.DEFAULTS, "BANK_DIR") if f"`{key}`" not in table]
    assert not missing


def test_serve_refuses_a_broken_bank_with_its_problems_not_a_traceback(app, bank_writer,
                                                                        monkeypatch):
    """A bank the loader refuses stops `serve` with the loader's messages and exit code 1."""
    served = []
    monkeypatch.setattr("quizapp.cli.run_simple", lambda *args, **kwargs: served.append(args))
    root = bank_writer.write()
    (root / "sets" / "test-set.yaml").write_text("id: test-set\ntitle: [unclosed\n", "utf-8")
    app.config["BANK_DIR"] = str(root)
    result = app.test_cli_runner().invoke(args=["serve"])
    assert result.exit_code == 1
    assert "sets/test-set.yaml:" in result.output and "Nothing was loaded" in result.output
    assert isinstance(result.exception, SystemExit)
    assert served == []
