"""`flask bank import FILE`: a question file into a new or an existing set, all or nothing."""

from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app

from quizapp.auth.services import user_by_email
from quizapp.bank.cli import bank_cli
from quizapp.bank.models import QuestionSet
from quizapp.domain.interchange.reading import FILE_TYPES, FORMATS, guess_format
from quizapp.extensions import db
from quizapp.interchange.services import (
    ImportProblem,
    create_set,
    export_set,
    import_questions,
    read_upload,
)


def _fail(messages):
    """Print every problem and exit 1: nothing was imported."""
    for message in messages:
        click.echo(f"error: {message}", err=True)
    click.echo("Nothing was imported.", err=True)
    raise SystemExit(1)


def _owner(email):
    """Return the account `email` names, or None for no email."""
    if email is None:
        return None
    owner = user_by_email(email)
    if owner is None:
        _fail([f"--owner: there is no account {email!r}"])
    return owner


def _read(path, fmt, owner):
    """Return the file's Reading, or exit with its errors."""
    fmt = fmt or guess_format(path.name)
    if fmt is None:
        _fail([f"say which format {path.name} is in: --format {'|'.join(FORMATS)}"])
    limit = current_app.config["IMPORT_MAX_BYTES"]
    try:
        size = path.stat().st_size
        if size > limit:
            _fail([f"{path.name} is {size:,} bytes: the most an import may take is {limit:,}"])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        _fail([f"{path}: {error.strerror}"])
    reading = read_upload(data, fmt, owner)
    if not reading.ok:
        _fail([f"{path.name}: {e}" for e in reading.errors])
    return reading


def _target(set_title, into, owner):
    """Return the set to import into: an existing one (`into`), else a new one."""
    if (set_title is None) == (into is None):
        _fail(["give either --set TITLE (a new set) or --into SET (an existing set's id)"])
    if into is None:
        return create_set(set_title, owner)
    question_set = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == into))
    if question_set is None:
        _fail([f"--into: there is no question set {into!r}"])
    if question_set.bundled:
        _fail([f"--into: {into!r} is bundled: it changes only through the bank files"])
    return question_set


@bank_cli.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
              help="The file's format; guessed from .gift, .xml, .csv, .yaml when left out.")
@click.option("--set", "set_title", metavar="TITLE", help="Import into a new set of this title.")
@click.option("--into", metavar="SET", help="Import into the existing (not bundled) set SET.")
@click.option("--owner", metavar="EMAIL", help="The teacher who owns a new set; default none.")
def import_command(path, fmt, set_title, into, owner):
    """Import a question file (GIFT, Aiken, Moodle XML, CSV, a set file): all or nothing."""
    owner = _owner(owner)
    reading = _read(path, fmt, owner)
    try:
        question_set = _target(set_title, into, owner)
        added = import_questions(question_set, reading.questions, owner)
        db.session.commit()
    except ImportProblem as problem:
        db.session.rollback()
        _fail([str(problem)])
    except Exception:
        db.session.rollback()
        raise
    for note in reading.notes:
        click.echo(f"note: {note}")
    kinds = ", ".join(f"{n} {kind}" for kind, n in reading.counts().items())
    click.echo(f"Imported {len(added)} questions ({kinds}) into set {question_set.slug!r}.")


def export_file(set_slug, fmt, output, force):
    """Write the set `set_slug` as one file in `fmt`, saying what the format lost."""
    question_set = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == set_slug))
    if question_set is None:
        click.echo(f"There is no question set {set_slug!r}. Nothing was written.", err=True)
        raise SystemExit(1)
    path = Path(output or set_slug + FILE_TYPES[fmt][0])
    if path.exists() and not force:
        click.echo(f"{path} exists: use --force to overwrite it. Nothing was written.", err=True)
        raise SystemExit(1)
    try:
        result = export_set(question_set, fmt)
    except ImportProblem as problem:
        click.echo(f"{problem} Nothing was written.", err=True)
        raise SystemExit(1) from None
    path.write_text(result.text, "utf-8", newline="")
    for loss in result.losses:
        click.echo(f"lost: {loss}", err=True)
    click.echo(f"wrote {path}" + (f" ({len(result.losses)} things the format could not carry)"
                                  if result.losses else ""))
