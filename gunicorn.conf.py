"""Gunicorn settings for Quizapp: `gunicorn -c gunicorn.conf.py 'quizapp:create_app()'`.

Every setting can be changed from the environment (GUNICORN_WORKERS=8 ...), so the same
file serves a laptop, a school's small server and a container.
"""

import multiprocessing
import os


def _env_int(name, default):
    """Return an integer setting from the environment, or its default."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Where to listen; behind nginx, a port on the private network or loopback.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Workers are processes: twice the cores plus one keeps the CPU busy while others wait on
# PostgreSQL. Each holds its own database pool (DATABASE_POOL_SIZE) and memory (~80 MB).
workers = _env_int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# Threads above 1 switch to the gthread worker: more requests in flight per process while
# they wait on the database. Keep DATABASE_POOL_SIZE at least this high.
threads = _env_int("GUNICORN_THREADS", 1)
# A request that takes longer than this is stuck: its worker is killed and replaced.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On a restart or SIGTERM, requests in flight get this long to finish.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 20)
# nginx keeps connections to the app servers open between requests.
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after this many requests (with jitter), so a slow leak cannot grow.
# Not much sooner: a busy worker serves a few hundred requests a second, and each
# replacement costs a fork, new database connections and what the worker had remembered
# (signed CSRF tokens, rendered layout parts). At 2,000 each worker was replaced every few
# seconds under bench/load.py, which cost Quizapp's question page a fifth of its
# throughput and the reference page about a seventh.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
# Load the app once in the master, then fork: faster restarts of workers, less memory.
# A bad configuration (a short SECRET_KEY) then stops the master at once.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"

# Logs: gunicorn's own on stderr; one JSON line per request on stdout, written by gunicorn
# once the response is sent (quizapp.ops.accesslog: the app's request-line format, with the
# request id nginx sent and the account id). The app's own line is then switched off, so a
# request is logged once. Set GUNICORN_ACCESSLOG to an empty value to have the app write
# the line instead; QUIZAPP_REQUEST_LOG=1 writes both.
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
logger_class = "quizapp.ops.accesslog.JsonAccessLogger"
raw_env = (["QUIZAPP_REQUEST_LOG=0"]
           if accesslog and "QUIZAPP_REQUEST_LOG" not in os.environ else [])
# The proxy's X-Forwarded-* headers are judged by the app (TRUSTED_PROXIES), not here.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Warm a preloaded Flask app in the master, so that every worker forks warm.

    Workers are replaced every max_requests; each new one would otherwise compile the
    templates and set up the ORM's mappers again on its first requests, in front of the
    learners waiting for them. Nothing here opens a database connection.
    """
    if not server.cfg.preload_app:
        return
    app = server.app.wsgi()
    jinja_env = getattr(app, "jinja_env", None)
    if jinja_env is not None:
        for name in jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
            jinja_env.get_template(name)
    try:
        from sqlalchemy.orm import configure_mappers
    except ImportError:
        return
    configure_mappers()
