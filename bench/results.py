"""Read what the wrk learners logged: figures per kind of request, and what was acknowledged."""

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Figures:
    """Throughput and latency of one kind of request in a run's measured window."""

    count: int = 0
    errors: int = 0
    seconds: float = 1.0
    latencies_ms: list = field(default_factory=list)

    @property
    def rate(self):
        """Return requests per second."""
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, share):
        """Return the latency below which `share` of the requests finished, in ms."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]

    @classmethod
    def merged(cls, runs):
        """Return the Figures of several runs taken together: all requests over all time."""
        return cls(count=sum(run.count for run in runs), errors=sum(run.errors for run in runs),
                   seconds=sum(run.seconds for run in runs),
                   latencies_ms=[ms for run in runs for ms in run.latencies_ms])

    def line(self, name):
        """Format the figures as one row of the report."""
        return (f"{name:<34} {self.rate:8.0f} req/s  p50 {self.percentile(0.5):6.1f}  "
                f"p95 {self.percentile(0.95):6.1f}  p99 {self.percentile(0.99):6.1f} ms  "
                f"errors {self.errors}")


@dataclass
class Log:
    """Everything the learners of one run logged."""

    # type -> [(ms, status, latency_ms)]
    responses: dict = field(default_factory=lambda: defaultdict(list))
    # (attempt, position) -> [("S" sent | "A" acknowledged, form body)] in order
    answers: dict = field(default_factory=lambda: defaultdict(list))
    started: set = field(default_factory=set)
    submitted: set = field(default_factory=set)
    # monotonic ms of each thread's first question page shown
    first_questions: list = field(default_factory=list)


def read_logs(folder):
    """Return the Log of every thread file in `folder`."""
    log = Log()
    for path in sorted(Path(folder).glob("t*.log")):
        first = None
        for line in path.read_text().splitlines():
            tag, *rest = line.split(" ")
            if tag == "R" and len(rest) == 4:
                ms, kind, status, latency = rest
                log.responses[kind].append((int(ms), int(status), int(latency) / 1000))
                if first is None and kind in ("question", "prime") and status == "200":
                    first = int(ms)
            elif tag in ("S", "A") and len(rest) == 3:
                log.answers[(rest[0], int(rest[1]))].append((tag, rest[2]))
            elif tag == "T" and rest:
                log.started.add(rest[0])
            elif tag == "U" and rest:
                log.submitted.add(rest[0])
        if first is not None:
            log.first_questions.append(first)
    return log


def figures(log, kind, begin_ms, end_ms):
    """Return the Figures of one kind of request between two monotonic times (ms)."""
    found = Figures(seconds=max(0.001, (end_ms - begin_ms) / 1000))
    for ms, status, latency in log.responses.get(kind, []):
        if not begin_ms <= ms <= end_ms:
            continue
        if status == 0 or status >= 400:
            found.errors += 1
            continue
        found.count += 1
        found.latencies_ms.append(latency)
    return found


def all_errors(log):
    """Return the failed requests of the whole run (any time, any kind), by kind."""
    failed = defaultdict(int)
    for kind, rows in log.responses.items():
        for _ms, status, _latency in rows:
            if status == 0 or status >= 400:
                failed[kind] += 1
    return dict(failed)
