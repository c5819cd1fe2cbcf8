"""`flask bank ...`: load, dump, export and count the question bank."""

import json
from collections import Counter

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from quizapp.bank.dump import current_questions, dump_bank
from quizapp.bank.export import ExportError, set_files, write_files
from quizapp.bank.loader import load_bank
from quizapp.domain.bankdefs import BankError, Problem
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.bankwriter import WriteError
from quizapp.extensions import db

bank_cli = AppGroup("bank", help="Load, dump and count the question bank.")


def load_folder(path):
    """Validate and load the bank at `path` in one transaction; return what changed.

    Raise BankError, with nothing written, when the files or the database refuse it.
    """
    config = current_app.config
    bank = read_bank(path, config["BANK_MAX_FILE_BYTES"], config["BANK_MAX_TOTAL_BYTES"])
    try:
        counts = load_bank(db.session, bank)
        db.session.commit()
    except sa.exc.SQLAlchemyError as error:
        db.session.rollback()
        # The checks should leave nothing for the database to refuse; if it still does,
        # say so in one line rather than with a traceback.
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise BankError([Problem(str(path), None, "", f"the database refused the bank: "
                                                      f"{reason}")]) from error
    except Exception:
        db.session.rollback()
        raise
    return counts


def load_or_exit(path):
    """Load the bank at `path`; on refusal print every problem and exit 1."""
    try:
        return load_folder(path)
    except BankError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Nothing was loaded: {len(error.problems)} problem(s).", err=True)
        raise SystemExit(1) from None


@bank_cli.command("load")
@click.argument("path", required=False, type=click.Path(file_okay=False))
def load_command(path):
    """Validate the bank files and load them, all or nothing."""
    counts = load_or_exit(path or current_app.config["BANK_DIR"])
    if counts:
        click.echo("Loaded: " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items())))
    else:
        click.echo("The bank is already up to date: nothing changed.")


@bank_cli.command("dump")
def dump_command():
    """Print the loaded bank as JSON, one object per question."""
    click.echo(json.dumps(dump_bank(db.session), ensure_ascii=False, indent=2))


@bank_cli.command("export")
@click.argument("set_slug", metavar="SET")
@click.option("-o", "--output", type=click.Path(),
              help="The bank folder to write into (default ./SET); with --format, the file "
                   "(default ./SET plus the format's extension)")
@click.option("--force", is_flag=True, help="Overwrite files that exist with other content.")
@click.option("--format", "fmt", type=click.Choice(["gift", "aiken", "moodlexml", "csv",
                                                    "quizapp"]),
              help="Write one file in this format instead of a bank folder.")
def export_command(set_slug, output, force, fmt):
    """Write a question set and the sources it cites as bank files, or as one file."""
    if fmt is not None:
        from quizapp.interchange.cli import export_file

        export_file(set_slug, fmt, output, force)
        return
    root = output or set_slug
    try:
        files, warnings = set_files(db.session, set_slug)
        written, unchanged = write_files(root, files, force=force)
    except (ExportError, WriteError) as error:
        click.echo(f"{error} Nothing was written.", err=True)
        raise SystemExit(1) from None
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    for path in written:
        click.echo(f"wrote {path}")
    for path in unchanged:
        click.echo(f"unchanged {path}")
    click.echo(f"Load it with: flask --app quizapp bank load {root}")


@bank_cli.command("stats")
def stats_command():
    """Print how many questions there are per source, kind, tag and difficulty."""
    questions = current_questions(db.session)
    versions = [q.current_version for q in questions]
    tables = {
        "source": Counter(s for v in versions for s in {e.source.slug for e in v.evidence}),
        "kind": Counter(v.kind for v in versions),
        "tag": Counter(t for v in versions for t in v.tags),
        "difficulty": Counter(str(v.difficulty) for v in versions),
        "set": Counter(q.question_set.slug for q in questions),
    }
    click.echo(f"{len(questions)} questions")
    for title, counts in tables.items():
        click.echo(f"\nper {title}:")
        width = max((len(k) for k in counts), default=0)
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {key:<{width}}  {count:>4}")
