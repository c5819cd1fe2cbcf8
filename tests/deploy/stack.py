"""Start the production stack for tests: two gunicorn servers and nginx from the project's
own files, on free loopback ports, with a PostgreSQL database of the test's own."""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = os.environ.get("QUIZAPP_NGINX", "/usr/sbin/nginx")
REDIS_URL = os.environ.get("QUIZAPP_REDIS_URL", "redis://127.0.0.1:6379")
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# The environment a developer's shell may hold that must not leak into the servers.
NOT_PASSED = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "RATELIMIT_STORAGE_URI",
              "RATELIMIT_KEY_PREFIX", "QUIZAPP_ENV", "FLASK_DEBUG", "TRUSTED_PROXIES")


def skip_or_fail(reason):
    """Skip loudly, or fail when QUIZAPP_REQUIRE_NGINX=1 (as in CI)."""
    message = f"TWO-SERVER TEST NOT RUN: {reason}"
    if os.environ.get("QUIZAPP_REQUIRE_NGINX") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def server_url():
    """Return a PostgreSQL URL to create the test's database from."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else DEFAULT_POSTGRES


def check_prerequisites():
    """Skip (or fail in CI) unless nginx, PostgreSQL and Redis are all here."""
    if not os.access(NGINX, os.X_OK):
        skip_or_fail(f"no nginx at {NGINX} (apt-get install nginx)")
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        skip_or_fail("no gunicorn beside this Python (pip install -e '.[test]')")
    try:
        engine = sa.create_engine(server_url(), connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except sa.exc.OperationalError as error:
        skip_or_fail(f"no PostgreSQL at {server_url()} ({type(error).__name__})")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        skip_or_fail(f"no Redis at {REDIS_URL} ({error})")


def free_port():
    """Return a loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def render_nginx(values):
    """Return the project's nginx template with its ${QUIZAPP_...} names filled in."""
    text = NGINX_TEMPLATE.read_text("utf-8")
    for name, value in values.items():
        text = text.replace("${" + name + "}", str(value))
    assert "${QUIZAPP_" not in text, "a name of the template was not given"
    return text


def nginx_main_config(folder, include):
    """Return a main nginx.conf that runs in the foreground inside `folder`."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # to read the work tree
    temp = "".join(f"    {kind}_temp_path {folder / kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"daemon off;\n{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 256; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n{temp}    include {include};\n}}\n")


@dataclass
class Stack:
    """The running servers: their URLs, log files and the database they share."""

    folder: Path
    env: dict
    database_url: str
    apps: list = field(default_factory=list)  # base URLs of the two app servers
    nginx: str = ""
    processes: list = field(default_factory=list)
    logs: dict = field(default_factory=dict)  # name -> stdout file

    def run(self, *args):
        """Run a command with the servers' environment; fail with its output."""
        done = subprocess.run(args, cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=180)
        assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        return done

    def start(self, name, args, url):
        """Start a server in the background and wait until `url` answers."""
        out = self.folder / f"{name}.out"
        self.logs[name] = out
        with out.open("wb") as stdout, (self.folder / f"{name}.err").open("wb") as stderr:
            self.processes.append(subprocess.Popen(args, cwd=ROOT, env=self.env,
                                                   stdout=stdout, stderr=stderr))
        wait_until_up(url, self.processes[-1], self.folder / f"{name}.err")

    def log_lines(self, name):
        """Return the JSON lines a server wrote to its standard output so far."""
        text = self.logs[name].read_text("utf-8", errors="replace")
        return [json.loads(line) for line in text.splitlines() if line.startswith("{")]

    def stop(self):
        """Stop every server, gently first."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(url, process, errors, seconds=60):
    """Wait until `url` answers 200, failing with the server's errors if it dies."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url} exited: {errors.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds} s: {errors.read_text()[-3000:]}")


def server_environment(database_url, prefix):
    """Return the environment both app servers (and the commands) run with."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               SECRET_KEY=secrets.token_hex(32), DATABASE_URL=database_url,
               REDIS_URL=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix, TRUSTED_PROXIES="1",
               GUNICORN_WORKERS="2", GUNICORN_PRELOAD="1")
    return env


def database_name():
    """Return a name for the test's own database, derived from the server URL's."""
    base = sa.engine.make_url(server_url()).database or "postgres"
    return re.sub(r"[^a-z0-9_]", "_", f"{base}_two_{secrets.token_hex(4)}".lower())


class Browser:
    """A learner's browser: one cookie jar for every server, redirects not followed."""

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._Stay)

    def send(self, url, data=None, headers=None):
        """Return (status, headers, text) of a GET, or of a POST when `data` is given."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode()
