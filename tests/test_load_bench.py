"""The load benchmark still runs: every scenario, briefly, with nothing lost."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_the_load_benchmark_runs_every_scenario_and_loses_nothing(tmp_path):
    """bench/load.py runs briefly on SQLite: figures, ratios, and no answer lost."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--db", "sqlite", "--duration", "3",
         "--connections", "4", "--learners", "4"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for figure in ("question page", "answer save", "ratio", "start spike", "faults",
                   "worker SIGKILLed", "machine:", "reproduce:"):
        assert figure in out
    assert out.count("lost 0, duplicated 0, uncounted 0") == 3, out
