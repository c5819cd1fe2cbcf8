"""The reference apps the load benchmark compares Quizapp with: what the stack allows.

`page_app()` reads one row by id and renders a small Jinja page; `insert_app()` inserts one
row from a posted form, commits and redirects. Both use Flask-SQLAlchemy on DATABASE_URL.
"""

import os
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, redirect, render_template, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ITEMS = 1000


class Base(DeclarativeBase):
    """Declarative base of the reference tables."""


db = SQLAlchemy(model_class=Base)


class Item(db.Model):
    """A row to show."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)


class Note(db.Model):
    """A row to insert."""

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(200))


@event.listens_for(sa.engine.Engine, "connect")
def _sqlite_like_quizapp(dbapi_connection, connection_record):
    """Give SQLite the settings Quizapp uses (WAL, a busy timeout), so the match is fair."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def _app():
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True}
    db.init_app(app)

    @app.get("/ping")
    def ping():
        return "ok"

    return app


def page_app():
    """Return the get-by-id + small Jinja page app."""
    app = _app()

    @app.get("/items/<int:item_id>")
    def item(item_id):
        return render_template("item.html", item=db.get_or_404(Item, item_id))

    return app


def insert_app():
    """Return the one-row-insert app."""
    app = _app()

    @app.post("/notes")
    def add_note():
        db.session.add(Note(text=request.form.get("text", "")[:200]))
        db.session.commit()
        return redirect("/ping", code=303)

    return app


def prepare(url):
    """Create the reference tables in an empty database and fill the items."""
    os.environ["DATABASE_URL"] = url
    app = _app()
    with app.app_context():
        db.create_all()
        db.session.add_all(Item(id=i, title=f"Item {i}", body="A short paragraph. " * 10)
                           for i in range(1, ITEMS + 1))
        db.session.commit()
        db.engine.dispose()
