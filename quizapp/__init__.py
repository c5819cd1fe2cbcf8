"""Quizapp: quizzes that teach, built from news articles."""

import os
from pathlib import Path

import click
from flask import Flask

from quizapp import config, edge
from quizapp.domain.accounts import SIGNUP_MODES
from quizapp.extensions import (
    babel,
    csrf,
    db,
    init_limiter,
    login_manager,
    migrate,
    ping_idle_connections,
    talisman,
)
from quizapp.ops import requestlog
from quizapp.sessions import DailyRefreshSessionInterface

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
BUNDLED_BANK_DIR = PROJECT_ROOT / "questions"

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
}


def create_app(test_config=None):
    """Create and configure the Quizapp application."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(config.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    _finish_config(app)
    if _serves_now(app):
        check_secret(app)

    app.session_interface = DailyRefreshSessionInterface()
    edge.init_app(app)
    requestlog.init_app(app)
    db.init_app(app)
    if not app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("pool_pre_ping"):
        with app.app_context():
            ping_idle_connections(db.engine, app.config["DATABASE_PING_AFTER_IDLE"])
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app)
    init_limiter(app)
    login_manager.init_app(app)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["FORCE_HTTPS"],
        content_security_policy=CONTENT_SECURITY_POLICY,
    )

    from quizapp import models  # noqa: F401 - register every model with the metadata
    from quizapp.auth import bp as auth_bp
    from quizapp.auth.cli import users_cli
    from quizapp.authoring import bp as authoring_bp
    from quizapp.bank.cli import bank_cli
    from quizapp.classes import bp as classes_bp
    from quizapp.cli import serve_command
    from quizapp.interchange import bp as interchange_bp
    from quizapp.interchange import cli as interchange_cli  # noqa: F401 - adds `bank import`
    from quizapp.main import bp as main_bp
    from quizapp.marking import bp as marking_bp
    from quizapp.ops import bp as ops_bp
    from quizapp.ops.staticfiles import init_static_versions
    from quizapp.play import bp as play_bp
    from quizapp.quizzes.routes import bp as quizzes_bp
    from quizapp.results import bp as results_bp
    from quizapp.results.cli import scores_cli
    from quizapp.sources import bp as sources_bp
    from quizapp.sources import teach_bp as teach_sources_bp
    from quizapp.teach import bp as teach_bp
    from quizapp.templating import init_templating

    app.register_blueprint(main_bp)
    app.register_blueprint(play_bp)
    app.register_blueprint(sources_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(teach_bp)
    app.register_blueprint(teach_sources_bp)
    app.register_blueprint(authoring_bp)
    app.register_blueprint(results_bp)
    app.register_blueprint(quizzes_bp)
    app.register_blueprint(classes_bp)
    app.register_blueprint(interchange_bp)
    app.register_blueprint(marking_bp)
    app.register_blueprint(ops_bp)
    app.cli.add_command(bank_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(scores_cli)
    app.cli.add_command(serve_command)
    init_templating(app)
    init_static_versions(app)
    return app


def _finish_config(app):
    """Fill in derived settings."""
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        os.makedirs(app.instance_path, exist_ok=True)
        uri = "sqlite:///" + os.path.join(app.instance_path, "quizapp.sqlite")
    uri = app.config["SQLALCHEMY_DATABASE_URI"] = config.normalise_database_url(uri)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = config.engine_options(app.config, uri)
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config.get("REDIS_URL") or "memory://"
    if app.config.get("BANK_DIR") is None:
        app.config["BANK_DIR"] = str(BUNDLED_BANK_DIR)
    if app.config["SIGNUP"] not in SIGNUP_MODES:
        raise RuntimeError(f"QUIZAPP_SIGNUP must be one of {', '.join(SIGNUP_MODES)}, "
                           f"not {app.config['SIGNUP']!r}")


def _serves_now(app):
    """Tell whether this app is about to serve requests with the secret it has now.

    A WSGI server (gunicorn) and `flask run` serve at once. Other commands do not serve,
    except `serve`, which writes a secret first and then checks it.
    """
    if app.debug or app.testing:
        return False
    command = click.get_current_context(silent=True)
    return command is None or command.info_name == "run"


def check_secret(app):
    """Refuse the built-in SECRET_KEY, or one too short to resist guessing."""
    secret = app.config.get("SECRET_KEY") or ""
    size = len(secret.encode() if isinstance(secret, str) else secret)
    if secret == config.DEFAULT_SECRET_KEY or size < config.MIN_SECRET_KEY_BYTES:
        raise RuntimeError(
            f"Set SECRET_KEY to a random value of at least {config.MIN_SECRET_KEY_BYTES} bytes "
            "(environment or instance/config.py) before serving, for example: "
            "export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')")
