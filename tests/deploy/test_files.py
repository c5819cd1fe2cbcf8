"""The operators' files agree with each other and with the README: names, ports, users."""

import re
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = (ROOT / "deploy" / "nginx.conf.template").read_text("utf-8")
TEMPLATE_NAMES = set(re.findall(r"\$\{(QUIZAPP_[A-Z0-9_]+)\}", TEMPLATE))


def test_the_readme_and_compose_fill_in_every_name_of_the_nginx_template():
    """The envsubst line in the README and compose's nginx service give every name."""
    assert TEMPLATE_NAMES == {"QUIZAPP_LISTEN", "QUIZAPP_APP_1", "QUIZAPP_APP_2",
                              "QUIZAPP_STATIC_ROOT"}
    readme = (ROOT / "README.md").read_text("utf-8")
    envsubst = re.search(r"envsubst '([^']+)'", readme).group(1)
    assert set(re.findall(r"\$\{(\w+)\}", envsubst)) == TEMPLATE_NAMES
    nginx = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))["services"]["nginx"]
    assert set(nginx["environment"]) == TEMPLATE_NAMES
    assert any(volume.startswith("./deploy/nginx.conf.template:/etc/nginx/templates/")
               for volume in nginx["volumes"])


def test_compose_runs_two_app_servers_after_a_one_shot_migration():
    """migrate runs once after PostgreSQL is healthy; both app servers wait for it."""
    services = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))["services"]
    assert {"postgres", "redis", "migrate", "app1", "app2", "nginx"} <= set(services)
    assert "db upgrade" in " ".join(services["migrate"]["command"])
    assert "bank load" in " ".join(services["migrate"]["command"])
    for name in ("app1", "app2"):
        server = services[name]
        assert server["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert server["environment"]["REDIS_URL"].startswith("redis://redis:")
        assert server["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
    nginx = services["nginx"]["environment"]
    assert {nginx["QUIZAPP_APP_1"], nginx["QUIZAPP_APP_2"]} == {"app1:8000", "app2:8000"}


def test_the_image_runs_gunicorn_as_an_unprivileged_user():
    """The Dockerfile has two stages, drops root and starts gunicorn with the project config."""
    dockerfile = (ROOT / "Dockerfile").read_text("utf-8")
    assert dockerfile.count("\nFROM ") + dockerfile.startswith("FROM ") >= 2
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert '"gunicorn", "-c", "gunicorn.conf.py"' in dockerfile
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert {".git", ".venv", "instance", "tests"} <= set(ignored)


def test_gunicorn_settings_follow_the_cores_and_the_environment():
    """Workers default to 2 x cores + 1; every GUNICORN_* variable is honoured."""
    script = ("import runpy, json, multiprocessing; c = runpy.run_path('gunicorn.conf.py'); "
              "print(json.dumps([c['workers'], multiprocessing.cpu_count(), c['threads'], "
              "c['timeout'], c['graceful_timeout'], c['bind'], c['accesslog']]))")
    default = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                             text=True, env={"PATH": "/usr/bin:/bin"}, check=True)
    workers, cores, threads, timeout, graceful, bind, accesslog = yaml.safe_load(default.stdout)
    assert workers == 2 * cores + 1 and threads == 1 and timeout > graceful > 0
    assert bind == "127.0.0.1:8000" and accesslog == "-"
    changed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "GUNICORN_WORKERS": "3", "GUNICORN_THREADS": "4",
             "GUNICORN_TIMEOUT": "60", "GUNICORN_GRACEFUL_TIMEOUT": "9",
             "GUNICORN_BIND": "0.0.0.0:9000", "GUNICORN_ACCESSLOG": ""})
    assert yaml.safe_load(changed.stdout) == [3, cores, 4, 60, 9, "0.0.0.0:9000", None]


def test_gunicorn_warms_a_preloaded_app_before_the_workers_fork(app):
    """With preload_app, the master compiles every template once, for all its workers."""
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    server = SimpleNamespace(cfg=SimpleNamespace(preload_app=True),
                             app=SimpleNamespace(wsgi=lambda: app))
    settings["when_ready"](server)
    compiled = {key[1] for key in app.jinja_env.cache.keys()}
    assert {"base.html", "play/question.html", "kinds/single_choice/input.html"} <= compiled
