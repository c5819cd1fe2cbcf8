"""The exports as spreadsheets open them: LibreOffice (headless) reads every cell as text
that was written, runs no formula, and keeps accents; Excel's BOM does not become a cell."""

import csv
import io
import os
import shutil
import subprocess

import pytest

from tests.results.conftest import RIGHT, WRONG, take

SOFFICE = shutil.which("soffice")
# Skipped without LibreOffice, except in CI (QUIZAPP_REQUIRE_LIBREOFFICE=1), which installs it.
pytestmark = pytest.mark.skipif(
    SOFFICE is None and os.environ.get("QUIZAPP_REQUIRE_LIBREOFFICE") != "1",
    reason="LibreOffice (soffice) not installed")
HOSTILE = ["=1+1", "+SUM(1,1)", "-2+3", "@SUM(1,1)", "Zoë, the \"quick\" one"]


def through_libreoffice(data, tmp_path, name):
    """Open CSV bytes in LibreOffice Calc and save them again as CSV; return the rows."""
    assert SOFFICE, "no soffice: apt-get install libreoffice-calc-nogui"
    source = tmp_path / f"{name}.csv"
    source.write_bytes(data)
    out = tmp_path / "out"
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = (out / f"{name}.csv").read_text("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("excel", [False, True])
def test_libreoffice_runs_no_formula_and_keeps_every_name(app, quiz, teacher_client, tmp_path,
                                                         excel):
    """Learner names that look like formulas come back as text, never as their result."""
    for number, name in enumerate(HOSTILE):
        take(app, name, RIGHT if number % 2 else WRONG)
    query = "?excel=1" if excel else ""
    data = teacher_client.get(f"/teach/quizzes/{quiz.id}/export/attempts.csv{query}").data
    rows = through_libreoffice(data, tmp_path, "attempts")
    assert rows[0][0] == "attempt_id"  # the BOM is not part of the first cell
    names = {row[3] for row in rows[1:]}
    assert "Zoë, the \"quick\" one" in names
    for hostile in HOSTILE[:4]:
        assert any(hostile in name for name in names), (hostile, names)
    assert not names & {"2", "4", "1"}
    percents = sorted(float(row[9]) for row in rows[1:])
    assert percents[0] == 0 and percents[-1] == 100
