"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from quizapp.extensions import db


def test_migrated_database_matches_the_models(app):
    """Autogenerate finds no difference between the upgraded database and the models."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_and_upgrade_round_trip(tmp_path):
    """An empty database upgrades to head, downgrades to nothing and upgrades again."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import inspect

    from quizapp import create_app

    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}"})
    with app.app_context():
        upgrade()
        assert "attempt" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
        assert "response" in inspect(db.engine).get_table_names()
        db.engine.dispose()
