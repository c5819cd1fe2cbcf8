"""Whether this app server may take traffic: its database answers and is fully migrated."""

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory


@dataclass(frozen=True)
class Readiness:
    """The answer to "may this server take requests?", with the reason when it may not."""

    ready: bool
    reason: str = ""
    current: tuple[str, ...] = ()
    head: tuple[str, ...] = ()


@cache
def script_heads(migrations_dir):
    """Return the head revisions of the migration scripts (read once per process)."""
    settings = Config()
    settings.set_main_option("script_location", str(migrations_dir))
    return tuple(sorted(ScriptDirectory.from_config(settings).get_heads()))


def check_readiness(engine, migrations_dir):
    """Connect, read the database's migration revision and compare it with the scripts'."""
    head = script_heads(migrations_dir)
    try:
        with engine.connect() as connection:
            current = tuple(sorted(MigrationContext.configure(connection).get_current_heads()))
    except sa.exc.SQLAlchemyError as error:
        return Readiness(False, f"database unreachable ({type(error).__name__})", head=head)
    if current != head:
        return Readiness(False, "database is not at the newest migration: run "
                                "`flask --app quizapp db upgrade`", current, head)
    return Readiness(True, current=current, head=head)
