"""Load and fault benchmark: Quizapp under gunicorn beside two reference apps, driven by wrk.

Run: .venv/bin/python bench/load.py [--db sqlite|postgresql|both] [--duration 15]
     [--connections 50] [--learners 100] [--scenarios steady,spike,faults] [--rounds 1]
     [--exports]

For each database it starts, on a fresh database with the bundled bank, Quizapp and the two
reference apps (bench/refapps.py) under the same gunicorn settings (4 sync workers), then:
steady load on the question page and on the answer save, compared with the reference apps;
the start spike (every learner starts within the same second and answers the 20-question
quiz); and faults (a worker SIGKILLed mid-run; on PostgreSQL, the server restarted mid-run).
At the end every answer the server acknowledged is compared with the database. PostgreSQL
runs in a private cluster on a free port, never the shared one.
"""

import argparse
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import refapps  # noqa: E402
import results  # noqa: E402
import servers  # noqa: E402
import verify  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "learner.lua"
QUIZ, QUESTIONS = "everything", 20  # the bundled 20-question quiz
TARGET_RATIO, TARGET_P95_MS = 0.6, 100


def machine():
    """Describe the machine: cores and CPU model."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            model = next(line.split(":", 1)[1].strip() for line in info
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}"


def run_wrk(server_url, mode, seconds, connections, during=None, state="-"):
    """Run wrk in `mode`; return (log, start ms) once it is done. `during` runs alongside."""
    folder = tempfile.mkdtemp(prefix="quizapp-wrk-")
    command = ["wrk", "-t", str(connections), "-c", str(connections), "-d", f"{seconds}s",
               "--timeout", "10s", "-s", str(SCRIPT), server_url, "--",
               mode, folder, QUIZ, str(QUESTIONS), state]
    began = time.monotonic() * 1000
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    helper = threading.Thread(target=during, args=(process,), daemon=True) if during else None
    if helper:
        helper.start()
    _out, err = process.communicate(timeout=seconds + 60)
    if helper:
        helper.join()
    if process.returncode:
        raise RuntimeError(f"wrk failed: {err.decode()}")
    log = results.read_logs(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return log, began


def prime(server, connections):
    """Start one attempt per connection and read its forms; return the folder of their state."""
    folder = tempfile.mkdtemp(prefix="quizapp-learners-")

    def stop_when_primed(process):
        while process.poll() is None:
            if len(list(Path(folder).glob("s*[0-9]"))) >= connections:
                process.send_signal(signal.SIGINT)  # wrk stops its threads and exits
                return
            time.sleep(0.2)

    run_wrk(server.url, "prime", 300, connections, during=stop_when_primed, state=folder)
    return folder


def steady(server, mode, kind, args, state="-"):
    """Measure one kind of request under steady load, after a warm-up; return its Figures."""
    log, began = run_wrk(server.url, mode, args.duration, args.connections, state=state)
    warmup = min(3000, args.duration * 1000 / 5)
    ends = [ms for rows in log.responses.values() for ms, _s, _l in rows]
    return results.figures(log, kind, began + warmup, max(ends, default=began)), log


def flow_figures(log, began):
    """Return the Figures of every kind of request in a learner-flow run."""
    ends = [ms for rows in log.responses.values() for ms, _s, _l in rows]
    end = max(ends, default=began)
    return {kind: results.figures(log, kind, began, end) for kind in
            ("quizpage", "start", "question", "save", "submit")}


def report_flow(title, log, began, url):
    """Print a learner-flow run's figures, retries and the acknowledgement check."""
    print(f"\n  {title}")
    for kind, found in flow_figures(log, began).items():
        print("    " + found.line(kind))
    print(f"    failed requests, all retried: {results.all_errors(log) or 'none'}")
    print(f"    attempts started {len(log.started)}, handed in {len(log.submitted)}")
    print("    " + verify.check(url, log).line())


def measure_database(database, args):
    """Run every scenario on one database; return the report lines for the summary."""
    cluster = None
    if database == "postgresql":
        cluster = servers.PrivateCluster()
        cluster.start()
        quiz_url = cluster.create_database("quizapp_bench")
        ref_url = cluster.create_database("reference_bench")
    else:
        folder = tempfile.mkdtemp(prefix="quizapp-bench-")
        quiz_url = f"sqlite:///{folder}/quizapp.sqlite"
        ref_url = f"sqlite:///{folder}/reference.sqlite"
    servers.prepare_quizapp(quiz_url)
    refapps.prepare(ref_url)
    print(f"\n== {database}")
    summary = []
    try:
        quizapp = servers.Gunicorn("quizapp:create_app()", quiz_url)
        try:
            if "steady" in args.scenarios:
                summary += compare(quizapp, ref_url, args, database, quiz_url)
            if "spike" in args.scenarios:
                log, began = run_wrk(quizapp.url, "flow", args.duration, args.learners)
                firsts = sorted(ms - began for ms in log.first_questions)
                if firsts:
                    print(f"\n  start spike: {len(firsts)} learners started at once; the "
                          f"last saw question 1 after {firsts[-1] / 1000:.2f} s")
                report_flow(f"start spike ({args.learners} learners)", log, began, quiz_url)
            if "faults" in args.scenarios:
                faults(quizapp, cluster, quiz_url, args)
            if args.exports:
                import exports
                exports.measure(quizapp, quiz_url)
        finally:
            quizapp.stop()
    finally:
        if cluster:
            cluster.destroy()
    return summary


def compare(quizapp, ref_url, args, database, quiz_url):
    """Measure both hot paths and both reference apps; print figures and ratios.

    Each path runs right beside its reference, so that both see the same load on the
    machine, `--rounds` times: the reference goes first in every other round, so that a
    machine growing busier or quieter weighs on both alike. The figures of all rounds are
    taken together. Every round starts new learners, so that each save changes an answer.
    """
    references = {name: servers.Gunicorn(spec, ref_url) for name, spec in
                  (("page", "refapps:page_app()"), ("insert", "refapps:insert_app()"))}
    runs = {"page": [], "ref_page": [], "save": [], "ref_insert": []}
    logs = []
    try:
        for round_number in range(args.rounds):
            learners = prime(quizapp, args.connections)
            pairs = [
                (("page", quizapp, "quiz-get", "question", learners),
                 ("ref_page", references["page"], "ref-get", "refpage", "-")),
                (("save", quizapp, "quiz-post", "save", learners),
                 ("ref_insert", references["insert"], "ref-post", "refsave", "-")),
            ]
            for pair in pairs:
                for name, server, mode, kind, state in (pair[::-1] if round_number % 2
                                                        else pair):
                    found, log = steady(server, mode, kind, args, state)
                    runs[name].append(found)
                    if server is quizapp:
                        logs.append(log)
            shutil.rmtree(learners, ignore_errors=True)
    finally:
        for server in references.values():
            server.stop()
    if args.rounds > 1:
        for name, theirs in (("page", "ref_page"), ("save", "ref_insert")):
            ratios = [f"{ours.rate / ref.rate:.2f}" if ref.rate else "nan"
                      for ours, ref in zip(runs[name], runs[theirs], strict=True)]
            print(f"\n  {name}: ratio in each round {', '.join(ratios)}")
    page, save = results.Figures.merged(runs["page"]), results.Figures.merged(runs["save"])
    reference = {"page": results.Figures.merged(runs["ref_page"]),
                 "insert": results.Figures.merged(runs["ref_insert"])}
    rows = [("question page (GET, learner cookie)", page, reference["page"],
             "get-by-id + Jinja page"),
            ("answer save (POST, CSRF, redirect)", save, reference["insert"],
             "one-row insert + commit")]
    rounds = f", {args.rounds} rounds" if args.rounds > 1 else ""
    print(f"\n  steady load, {args.connections} connections, {args.duration} s each{rounds}")
    lines = []
    for name, ours, theirs, label in rows:
        ratio = ours.rate / theirs.rate if theirs.rate else float("nan")
        ok = (ratio >= TARGET_RATIO and ours.percentile(0.95) < TARGET_P95_MS
              and ours.errors == 0)
        print("    " + ours.line(name))
        print("    " + theirs.line(f"  reference: {label}"))
        print(f"      ratio {ratio:.2f} (target {TARGET_RATIO}, p95 < {TARGET_P95_MS} ms, "
              f"0 errors): {'met' if ok else 'NOT met'}")
        lines.append(f"{database:<10} {name:<36} {ours.rate:6.0f} req/s  "
                     f"p95 {ours.percentile(0.95):5.1f} ms  ratio {ratio:.2f}  "
                     f"errors {ours.errors}")
    checked = logs[0]
    for log in logs[1:]:
        checked.answers.update(log.answers)
        checked.started |= log.started
    print("    " + verify.check(quiz_url, checked).line())
    return lines


def faults(quizapp, cluster, url, args):
    """Run learners while a worker is SIGKILLed and (PostgreSQL) the server restarts."""
    seconds = args.duration
    events = []

    def break_things(_wrk):
        time.sleep(seconds / 3)
        quizapp.kill_a_worker()
        events.append(f"worker SIGKILLed at {seconds / 3:.0f} s")
        if cluster:
            time.sleep(seconds / 6)
            cluster.restart()
            events.append(f"PostgreSQL restarted (down 1 s) at {seconds / 2:.0f} s")

    log, began = run_wrk(quizapp.url, "flow", seconds, args.connections, during=break_things)
    report_flow(f"faults ({'; '.join(events)})", log, began, url)


def main():
    """Parse the options, run the scenarios on each database and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--duration", type=int, default=15, help="seconds per run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--learners", type=int, default=100, help="learners in the spike")
    parser.add_argument("--scenarios", default="steady,spike,faults")
    parser.add_argument("--rounds", type=int, default=1,
                        help="steady runs of each path and its reference, alternating")
    parser.add_argument("--exports", action="store_true",
                        help="also time the CSV exports of a quiz with 100,000 responses")
    args = parser.parse_args()
    args.scenarios = set(args.scenarios.split(","))
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")
    print(f"machine: {machine()}")
    print(f"gunicorn: {servers.WORKERS} sync workers per app; wrk on the same cores, one "
          "thread per connection")
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    summary = []
    for database in databases:
        summary += measure_database(database, args)
    if summary:
        print("\n== summary\n" + "\n".join(summary))
    print("\nreproduce: .venv/bin/python bench/load.py " + shlex.join(sys.argv[1:]))


if __name__ == "__main__":
    main()
