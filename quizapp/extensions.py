"""Flask extensions, created unbound and bound to the app in the factory."""

import time

from flask import current_app, request, session
from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_login.config import COOKIE_NAME
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from sqlalchemy import MetaData, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from werkzeug.datastructures import Headers

from quizapp.csrf_tokens import RememberingCSRFProtect

# Named constraints keep migrations portable between SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base shared by every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class FixedHeadersTalisman(Talisman):
    """Talisman whose headers, the same on every response of a view without options of its
    own, are worked out once per app rather than parsed again for every response."""

    def _has_own_options(self):
        """Tell whether this request's view has options of its own, or a CSP nonce."""
        view = current_app.view_functions.get(request.endpoint)
        return bool(getattr(view, "talisman_view_options", None)
                    or self.content_security_policy_nonce_in)

    def _make_nonce(self):
        """Make a nonce only where one can be asked for."""
        if self._has_own_options():
            super()._make_nonce()

    def _set_response_headers(self, response):
        """Set the fixed headers (and HSTS over HTTPS), or all of Talisman's for own options."""
        if self._has_own_options():
            return super()._set_response_headers(response)
        fixed = current_app.extensions.get("quizapp_fixed_headers")
        if fixed is None:
            headers = Headers()
            options = self._get_local_options()
            self._set_feature_policy_headers(headers, options)
            self._set_permissions_policy_headers(headers, options)
            self._set_document_policy_headers(headers, options)
            self._set_frame_options_headers(headers, options)
            self._set_content_security_policy_headers(headers, options)
            self._set_referrer_policy_headers(headers)
            fixed = current_app.extensions["quizapp_fixed_headers"] = list(headers.items())
        for name, value in fixed:
            response.headers[name] = value
        self._set_hsts_headers(response.headers)
        return response


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = RememberingCSRFProtect()
babel = Babel()
talisman = FixedHeadersTalisman()
# Limits are per client address (see TRUSTED_PROXIES); storage and switches come from config.
limiter = Limiter(key_func=get_remote_address)


def init_limiter(app):
    """Bind the limiter to `app` with `app`'s settings and no other app's.

    Flask-Limiter keeps what an init_app read (default and application limits, storage
    options) on the Limiter itself, and later calls only add to it. One process making
    several apps, as the tests do, would carry one app's RATELIMIT_DEFAULT into the next.
    """
    limiter.limit_manager.set_default_limits([])
    limiter.limit_manager.set_application_limits([])
    limiter._storage_options = {}  # noqa: SLF001 - no public way to forget them
    limiter.init_app(app)
    manager = limiter.limit_manager
    if not (manager._default_limits or manager._application_limits):  # noqa: SLF001
        _skip_limiter_on_unlimited_views(app)


# Views that carry no limit of their own and run on every learner's page and answer.
UNLIMITED_VIEWS = frozenset({"play.question"})


def _skip_limiter_on_unlimited_views(app):
    """Leave the limiter out of requests to UNLIMITED_VIEWS, while no app-wide limit is set.

    Flask-Limiter works out on every request which limits its view has, even where none
    can apply: on a learner's page and answer that cost about as much as the page's query.
    Its check runs for every other view, and for these too once RATELIMIT_DEFAULT or
    RATELIMIT_APPLICATION sets a limit that covers them.
    """
    checks = app.before_request_funcs.setdefault(None, [])
    check = limiter._check_request_limit  # noqa: SLF001 - the hook init_app registered
    if check not in checks:
        return  # a Flask-Limiter that hooks in otherwise keeps its own check

    def check_unless_unlimited():
        if request.endpoint not in UNLIMITED_VIEWS:
            check()

    checks[checks.index(check)] = check_unless_unlimited


class AccountLoginManager(LoginManager):
    """Flask-Login that finds no account, at no cost, where none can be found.

    Before it looks for an account, Flask-Login checks session protection: it hashes the
    client's address and browser on every request. A learner without an account sends no
    account id in the session and no remember cookie, so there is nothing to protect or to
    load: such a visitor is anonymous at once. Everyone else goes through Flask-Login.
    """

    def _load_user(self):
        """Load the account as Flask-Login does, unless the request cannot name one."""
        remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
        if ("_user_id" not in session and remember_cookie not in request.cookies
                and self._request_callback is None and self._header_callback is None):
            return self._update_request_context_with_user()
        return super()._load_user()


login_manager = AccountLoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Log in to see that page.")
login_manager.login_message_category = "info"
# "strong": a session whose browser fingerprint changes loses its log-in (see README).
login_manager.session_protection = "strong"


# How long a SQLite writer waits for another to commit before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000


@event.listens_for(Engine, "connect")
def _enforce_sqlite_foreign_keys(dbapi_connection, connection_record):
    """Make SQLite check foreign keys as PostgreSQL does, and let writers queue."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # Several server processes share the file: with WAL readers never wait for a
        # writer, and a writer waits its turn instead of failing at once.
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def ping_idle_connections(engine, idle_seconds):
    """Check a pooled connection before it is used only when it sat idle that long.

    SQLAlchemy's pool_pre_ping sends a statement before every checkout: on PostgreSQL a
    learner's page was two round trips instead of one. A connection put back moments ago
    is as good as the last statement found it; one that sat idle may have been dropped (a
    restarted server, a firewall), and is checked, and replaced when it fails. If the
    server restarts between two busy requests, the next statement on each pooled connection
    fails once: SQLAlchemy then replaces every connection of the pool, and that request
    fails with a server error, as a request during the restart itself would.
    """
    @event.listens_for(engine, "checkin")
    def _note_idle(dbapi_connection, connection_record):
        connection_record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_when_idle(dbapi_connection, connection_record, connection_proxy):
        since = connection_record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle_seconds:
            return  # new, or back in the pool only just now
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise sa_exc.DisconnectionError(str(error)) from error
        if not alive:
            raise sa_exc.DisconnectionError("the server closed the connection")
