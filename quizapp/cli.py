"""`flask serve`: the one command that gets a laptop from nothing to a playable quiz."""

import secrets
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from quizapp import config


def ensure_instance_secret(app):
    """Write a random SECRET_KEY into instance/config.py when none is configured."""
    if app.config["SECRET_KEY"] != config.DEFAULT_SECRET_KEY:
        return False
    path = Path(app.instance_path) / "config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"SECRET_KEY = {secrets.token_hex(32)!r}\n")
    app.config.from_pyfile(str(path))
    return True


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve_command(host, port):
    """Upgrade the database, load the bundled bank and serve the app."""
    from quizapp import check_secret
    from quizapp.bank.cli import load_or_exit

    app = current_app._get_current_object()
    if ensure_instance_secret(app):
        click.echo(f"Wrote a new SECRET_KEY to {Path(app.instance_path) / 'config.py'}")
    if not (app.debug or app.testing):
        check_secret(app)
    upgrade()
    counts = load_or_exit(app.config["BANK_DIR"])
    click.echo("Bundled bank: " + (", ".join(f"{n} {w}" for w, n in sorted(counts.items()))
                                   or "already up to date"))
    click.echo(f"Quizapp is running: open http://{host}:{port}/ in your browser.")
    # app.run() refuses to run inside a flask command; run_simple is what it would call.
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)
