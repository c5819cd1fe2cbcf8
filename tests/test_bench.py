"""The benchmarks still run: a refactor that breaks one is caught here, not at release."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_benchmark_runs_and_prints_its_figures(tmp_path):
    """bench_pages.py runs a few requests on a throwaway SQLite file and reports them."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_pages.py"), "--requests", "3"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    for figure in ("question page", "post an answer", "peak memory", "reproduce:"):
        assert figure in done.stdout
