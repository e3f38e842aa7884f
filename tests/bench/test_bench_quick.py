"""`make bench` end to end at tiny sizes (BENCH_QUICK=1): the instrument works.

Slow (a minute or more: it migrates and loads several scratch databases), so
it only runs with RECAP_BENCH_TESTS=1, when the bench itself changes; CI does
not run it (the bench is a tool, not a behaviour). Its timings are not looked at."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUICK_FEED_SIZES = (40, 30)  # bench/run.py's feed and big-page sizes under BENCH_QUICK

pytestmark = pytest.mark.skipif(
    os.environ.get("RECAP_BENCH_TESTS") != "1",
    reason="the bench's own test: set RECAP_BENCH_TESTS=1",
)


def test_bench_quick_prints_one_table_and_writes_results(tmp_path):
    results = tmp_path / "results.json"
    env = {**os.environ, "BENCH_QUICK": "1", "BENCH_RESULTS": str(results)}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )

    data = json.loads(results.read_text())
    names = {row["what"] for row in data["rows"]}
    assert {"event page (programme)", "busiest speaker page", "programme .ics", "RSS feed"} <= names
    assert any(name.startswith("import,") for name in names)
    # Query counts come from one request at each size; a missed target is
    # reported through the exit code, never by crashing.
    for name, measured in data["pages"][str(data["sizes"]["small"])]["urls"].items():
        assert measured["queries"] > 0, name
    assert data["programme"]["queries"] > 0
    assert any(name.startswith("Q&A") for name in names)
    # Built once per size, measured after every build, with the machine's load.
    assert set(data["builds"]) == {str(n) for n in (*data["sizes"].values(), *QUICK_FEED_SIZES)}
    assert [phase["phase"] for phase in data["phases"]] == [
        "migrate",
        "build",
        "pages",
        "feeds",
        "import",
        "Q&A",
    ]
    assert done.returncode == (1 if data["missed"] else 0), done.stderr[-2000:]
    assert "Target" in done.stdout
    assert "load average" in done.stdout
