"""What the load benchmark runs: a private PostgreSQL cluster, databases, gunicorn servers."""

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORKERS = 4  # gunicorn sync workers, the same for every app measured


def free_port():
    """Return a TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command):
    """Run a PostgreSQL tool as the unprivileged `postgres` user when we are root."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivateCluster:
    """A throwaway PostgreSQL cluster on a free port, which the fault scenario may restart."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL's initdb is not installed")
        self.bin = Path(found[-1]).parent
        self.folder = tempfile.mkdtemp(prefix="quizapp-bench-pg-")
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = os.path.join(self.folder, "data")

    def _run(self, *command):
        subprocess.run(_as_owner([str(self.bin / command[0]), *command[1:]]), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        """Create the cluster if needed and start it."""
        if not os.path.exists(self.data):
            self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l",
                  os.path.join(self.folder, "log"), "-w", "start")

    def stop(self, mode="fast"):
        """Stop the cluster (fast: running transactions are rolled back)."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def restart(self, down_seconds=1.0):
        """Stop the server, stay down a moment, start it again."""
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def create_database(self, name):
        """Create an empty database; return its SQLAlchemy URL."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self):
        """Stop the cluster and delete its files."""
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def prepare_quizapp(url):
    """Upgrade a fresh database to the newest migration and load the bundled bank."""
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32)}
    for command in (["db", "upgrade"], ["bank", "load"]):
        subprocess.run([sys.executable, "-m", "flask", "--app", "quizapp", *command], cwd=ROOT,
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Gunicorn:
    """One app under gunicorn with WORKERS sync workers on a free loopback port."""

    def __init__(self, app_spec, url, extra_env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32),
               **(extra_env or {})}
        # The fault scenario makes the app log failed requests: keep them out of the report.
        self.errors = tempfile.NamedTemporaryFile(prefix="quizapp-gunicorn-", suffix=".log",
                                                  delete=False)
        # Its access lines (gunicorn.conf.py) go to a file, as a server's would, not into
        # the report; the file goes when the server stops.
        self.access = tempfile.NamedTemporaryFile(prefix="quizapp-access-", suffix=".log")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-k", "sync",
             "-b", f"127.0.0.1:{self.port}", "--timeout", "30", "--log-level", "error",
             "--pythonpath", f"{ROOT},{BENCH}", app_spec],
            cwd=ROOT, env=env, start_new_session=True, stdout=self.access, stderr=self.errors)
        self._wait_until_serving()

    def _wait_until_serving(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(self.url + "/ping", timeout=2)  # noqa: S310 - loopback
                return
            except urllib.error.HTTPError:
                return  # any answer means a worker serves
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def workers(self):
        """Return the process ids of the workers."""
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        with open(path) as children:
            return [int(pid) for pid in children.read().split()]

    def kill_a_worker(self):
        """SIGKILL one worker mid-request; gunicorn starts another."""
        os.kill(self.workers()[0], signal.SIGKILL)

    def peak_rss_mib(self):
        """Return the largest peak RSS of the master and its live workers, in MiB."""
        peaks = []
        for pid in [self.process.pid, *self.workers()]:
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            peaks.append(int(line.split()[1]) / 1024)
            except FileNotFoundError:
                continue
        return max(peaks, default=0.0)

    def reset_peak_rss(self):
        """Start the peak RSS of the master and its workers afresh (Linux's clear_refs 5), so
        the next peak is what the next requests needed, not an earlier log-in's password hash."""
        for pid in [self.process.pid, *self.workers()]:
            try:
                with open(f"/proc/{pid}/clear_refs", "w") as refs:
                    refs.write("5")
            except OSError:  # gone, or a kernel that does not allow it: the peak stays
                continue

    def stop(self):
        """Stop gunicorn and its workers."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.access.close()
