"""`flask scores export`: the same CSV exports as the results pages, from the command line."""

import sys

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from quizapp.classes import services as classes
from quizapp.classes.models import SchoolClass
from quizapp.domain import csvexport, scoresheets
from quizapp.extensions import db
from quizapp.play import services as play
from quizapp.quizzes.models import Quiz
from quizapp.results import services


@click.group("scores")
def scores_cli():
    """Export scores as CSV."""


@scores_cli.command("export")
@click.option("--quiz", "code", help="The quiz's join code.")
@click.option("--class", "class_code", help="A class's join code (with --kind gradebook).")
@click.option("--kind", "table", type=click.Choice(("attempts", "responses", "gradebook")),
              required=True, help="One row per attempt, per answer, or per learner.")
@click.option("--layout", type=click.Choice(scoresheets.LAYOUTS), default="quizapp",
              show_default=True, help="The gradebook's layout: Quizapp's, Canvas's or Moodle's.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of the standard output.")
@click.option("--excel", is_flag=True, help="Start with a byte-order mark, for Excel.")
@with_appcontext
def export_command(code, class_code, table, layout, output, excel):
    """Write one of a quiz's score exports, or a class's gradebook, as CSV."""
    if (code is None) == (class_code is None):
        raise click.ClickException("give either --quiz CODE or --class CODE")
    if layout != "quizapp" and table != "gradebook":
        raise click.ClickException("--layout applies to --kind gradebook only")
    if class_code is not None:
        if table != "gradebook":
            raise click.ClickException("--class exports the gradebook only: --kind gradebook")
        school_class = _by_code(SchoolClass, class_code, "class")
        classes.hand_in_overdue(school_class)
        db.session.commit()
        header, rows = services.class_gradebook_table(school_class, layout)
    else:
        quiz = _by_code(Quiz, code, "quiz")
        play.hand_in_overdue([quiz.id])
        db.session.commit()
        header, rows = services.export_table(quiz, table, layout)
    chunks = csvexport.chunks(csvexport.lines(header, rows, bom=excel))
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    with open(output, "wb") as file:
        for chunk in chunks:
            file.write(chunk)
    click.echo(f"Wrote {output}", err=True)


def _by_code(model, code, noun):
    """Return the quiz or class with this join code (any case, spaces ignored)."""
    cleaned = "".join(code.split()).upper()
    found = db.session.scalar(sa.select(model).where(model.join_code == cleaned))
    if found is None:
        raise click.ClickException(f"no {noun} has the join code {code!r}")
    return found
