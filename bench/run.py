"""Recap's benchmark (`make bench`): the measures and targets of issue 12.

Never collected as tests (pytest only looks in tests/). Every figure comes
from one run on the machine at hand, in scratch SQLite databases made in a
temporary folder, with the reference site's settings (`conference.settings.dev`
with DEBUG off, the default cache configuration: local memory, since the
bench never touches a shared Redis). The data comes from
`manage.py load_demo --scale N`: N sessions over 3 days in 6 rooms, 1.5 N
speakers, varied abstracts, questions, votes and write-ups.

It runs in two phases, so no measure shares the machine with a build:

1. build: one database is migrated, then copied for each part, and the
   copies are filled by `load_demo --scale N`, BENCH_JOBS at a time (default:
   2, or 1 on a single core). The 10,000-session event and the 5,000-session
   one share a database (the feeds measure one, the big page the other).
   Each build's wall and CPU seconds are reported.
2. measure, one part at a time, each in its own process with its own
   database (this file, with `--worker`), so a page at N = 10 is measured
   against a site holding 10 sessions, not 10 next to 1,000:

- pages: every public page at N = 10 and 1,000: queries (one request, after
  a warm-up), median time and CPU time, weight; the queries must be equal.
- programme at N = 200: the programme page against a bare Wagtail page of the
  same site, uncached (caches emptied before the request) and cached (the
  same request again, as production serves it), the three interleaved round
  after round; its queries and weight.
- feeds: the programme .ics and frab schedule.xml / .json of a 10,000-session
  event and raw `icalendar` serialisation of the same VEVENT fields,
  interleaved round after round (median time and CPU time), then the peak
  Python memory of each under tracemalloc; the event page of a 5,000-session
  event, uncached and cached.
- import: `import_ics` of a generated 5,000-session .ics into a new event,
  then again (unchanged file), timed in-process. The import worker is stopped
  after twice BENCH_IMPORT_TIMEOUT seconds (default 300 each); an import not
  finished by then is reported as missed.
- Q&A through gunicorn: `bench/venue.py --json`, when that file offers
  `--json` (it prints a JSON object as its last line: questions_per_s,
  votes_per_s, poll_per_s, session_p50_ms, lost, doubled) and the `bench`
  extra is installed. Otherwise "not measured".

Prints one table, with the load average and the CPU seconds each part took
(on a shared machine wall time is several times CPU time; on an idle one the
two are close), writes bench/results.json (BENCH_RESULTS to write elsewhere)
and exits 1 when a target is missed. BENCH_QUICK=1 runs the same with small
sizes, to check the bench itself (its figures mean nothing).
"""

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
RESULTS = Path(os.environ.get("BENCH_RESULTS") or ROOT / "bench" / "results.json")
IMPORT_TIMEOUT = float(os.environ.get("BENCH_IMPORT_TIMEOUT", "30" if QUICK else "300"))

if QUICK:
    SMALL, PROGRAMME, LARGE = 3, 6, 12
    FEED_SESSIONS, BIG_PAGE_SESSIONS, IMPORT_SESSIONS = 40, 30, 20
    ROUNDS, PROGRAMME_ROUNDS, FEED_ROUNDS = 2, 2, 1
else:
    SMALL, PROGRAMME, LARGE = 10, 200, 1000
    FEED_SESSIONS, BIG_PAGE_SESSIONS, IMPORT_SESSIONS = 10_000, 5_000, 5_000
    # Medians of 7 requests a page, of 15 rounds for the programme's
    # three-way comparison (its requests are short) and of 3 rounds of the
    # feeds (seconds each; raw icalendar alone takes several).
    ROUNDS, PROGRAMME_ROUNDS, FEED_ROUNDS = 7, 15, 3
JOBS = max(1, int(os.environ.get("BENCH_JOBS") or min(2, os.cpu_count() or 1)))

# Issue 12's targets.
QUERY_BUDGETS = {
    "event page (programme)": 8,
    "session page": 15,
    "speaker page": 12,
    "speaker directory": 9,
    "session .ics": 11,
    "programme .ics": 8,
}
PROGRAMME_UNCACHED_RATIO = 10
PROGRAMME_CACHED_RATIO = 1.5
PROGRAMME_WEIGHT_KB = 200
FEED_ICS_S = 1.0
FEED_FRAB_S = 2.0
IMPORT_S = 60
REIMPORT_S = 5
BIG_PAGE_S = 0.5
QA_TARGETS = {
    "questions_per_s": (100, ">="),
    "votes_per_s": (200, ">="),
    "poll_per_s": (1000, ">="),
    "session_p50_ms": (50, "<="),
    "lost": (0, "<="),
    "doubled": (0, "<="),
}


def log(message):
    print(message, file=sys.stderr, flush=True)


# -- the orchestrator (no Django here: each worker sets up its own) ---------


def environment(db_path):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # never the shared Redis: the bench empties its cache
    env.update(
        DJANGO_SETTINGS_MODULE="conference.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{db_path}",
        MEDIA_ROOT=str(Path(db_path).parent / "media"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    )
    return env


def run_child(args, env, timeout=None):
    """Run a child process; returns (wall seconds, CPU seconds: its user and
    system time, which other processes on the machine do not inflate)."""
    began = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    try:
        _, status, usage = wait_for(child, timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), args)
    return time.perf_counter() - began, usage.ru_utime + usage.ru_stime


def wait_for(child, timeout):
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG if deadline else 0)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(child.args, timeout)
        time.sleep(0.2)


def manage(db_path, *args, timeout=None):
    """`manage.py <args>` against a scratch database: (wall s, CPU s)."""
    return run_child(
        [sys.executable, str(ROOT / "manage.py"), *args], environment(db_path), timeout
    )


def worker(kind, db_path, out, *extra, timeout=None):
    wall, cpu = run_child(
        [sys.executable, __file__, "--worker", kind, "--db", str(db_path), "--out", str(out)]
        + [str(arg) for arg in extra],
        environment(db_path),
        timeout,
    )
    result = json.loads(Path(out).read_text())
    result["process_s"] = {"wall": wall, "cpu": cpu}
    return result


def scratch_database(workdir, template, name):
    path = workdir / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    return path


def build(workdir, template, name, scales):
    """A copy of the migrated database filled by `load_demo --scale N` for
    each of `scales`; returns its path and, per scale, (wall s, CPU s)."""
    db = scratch_database(workdir, template, name)
    times = {}
    for n in scales:
        log(f"  load_demo --scale {n} ({name})...")
        times[n] = manage(db, "load_demo", "--scale", str(n), "--quiet")
    return db, times


class Phases:
    """Wall and CPU seconds (this process and its children) and the load
    average at the end of each phase."""

    def __init__(self):
        self.done = []
        self.mark = self.now()

    @staticmethod
    def now():
        import resource

        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        return time.perf_counter(), cpu

    def end(self, name):
        wall, cpu = self.now()
        self.done.append(
            {
                "phase": name,
                "wall_s": wall - self.mark[0],
                "cpu_s": cpu - self.mark[1],
                "load_average": load_average(),
            }
        )
        self.mark = (wall, cpu)


def load_average():
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def orchestrate():
    workdir = Path(tempfile.mkdtemp(prefix="recap-bench-"))
    began = time.perf_counter()
    phases = Phases()
    results = {
        "quick": QUICK,
        "machine": machine(),
        "sizes": {"small": SMALL, "programme": PROGRAMME, "large": LARGE},
        "load_average_at_start": load_average(),
        "pages": {},
        "builds": {},
    }
    try:
        template = workdir / "template.sqlite3"
        log("Migrating a scratch database...")
        results["migrate_s"] = manage(template, "migrate", "--no-input", "-v", "0")
        phases.end("migrate")

        log(f"Building the data, {JOBS} at a time (load_demo --scale N)...")
        plans = {  # the longest first, so the builds end together
            "feeds": [FEED_SESSIONS, BIG_PAGE_SESSIONS],
            f"pages-{LARGE}": [LARGE],
            f"pages-{PROGRAMME}": [PROGRAMME],
            f"pages-{SMALL}": [SMALL],
        }
        with ThreadPoolExecutor(max_workers=JOBS) as pool:
            futures = {
                name: pool.submit(build, workdir, template, name, scales)
                for name, scales in plans.items()
            }
            built = {name: future.result() for name, future in futures.items()}
        dbs = {name: db for name, (db, _) in built.items()}
        for _, times in built.values():
            results["builds"].update({n: {"wall_s": w, "cpu_s": c} for n, (w, c) in times.items()})
        phases.end("build")

        for n in (SMALL, LARGE):
            log(f"Measuring the pages at N={n}...")
            results["pages"][n] = worker("pages", dbs[f"pages-{n}"], workdir / f"pages-{n}.json", n)
        log(f"Measuring the programme page at N={PROGRAMME} against a bare page...")
        results["programme"] = worker(
            "programme", dbs[f"pages-{PROGRAMME}"], workdir / "programme.json", PROGRAMME
        )
        phases.end("pages")
        log(f"Measuring the feeds of {FEED_SESSIONS} sessions, the page of {BIG_PAGE_SESSIONS}...")
        results["feeds"] = worker("feeds", dbs["feeds"], workdir / "feeds.json")
        phases.end("feeds")
        log(f"Importing {IMPORT_SESSIONS} sessions from .ics...")
        results["import"] = measure_import(scratch_database(workdir, template, "import"), workdir)
        phases.end("import")
        results["qa"] = measure_venue()
        phases.end("Q&A")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["total_s"] = time.perf_counter() - began
    results["phases"] = phases.done
    results["cpu_s"] = sum(phase["cpu_s"] for phase in phases.done)
    rows = table_rows(results)
    results["rows"] = rows
    results["missed"] = [row["what"] for row in rows if row["met"] is False]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print_table(results, rows)
    return 1 if results["missed"] else 0


def machine():
    import platform

    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def measure_import(db, workdir):
    ics = workdir / "import.ics"
    ics.write_bytes(generate_ics(IMPORT_SESSIONS))
    out = workdir / "import.json"
    try:
        run_child(
            [
                sys.executable,
                __file__,
                "--worker",
                "import",
                "--db",
                str(db),
                "--out",
                str(out),
                ics,
            ],
            environment(db),
            2 * IMPORT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pass  # the worker wrote what it finished (the first import, or nothing)
    result = json.loads(out.read_text()) if out.exists() else {}
    result.update(sessions=IMPORT_SESSIONS, timeout_s=IMPORT_TIMEOUT)
    result.setdefault("import_s", None)
    if result["import_s"] is not None:
        result.setdefault("reimport_s", None)
    return result


def generate_ics(count):
    """An .ics of `count` sessions over 3 days in 6 rooms, each its own text."""
    import datetime as dt
    import random

    from icalendar import Calendar, Event

    rng = random.Random(5000)
    words = "team voice trust channel story survey leader network skills change".split()
    calendar = Calendar()
    calendar.add("prodid", "-//Recap bench//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Imported conference ({count} sessions)")
    start = dt.datetime(2031, 5, 5, 7, 0, tzinfo=dt.UTC)
    per_room_day = -(-count // 18)
    step = min(3600, 9 * 3600 // per_room_day)
    for number in range(count):
        day, rest = divmod(number, per_room_day * 6)
        room, slot = divmod(rest, per_room_day)
        begin = start + dt.timedelta(days=day, seconds=slot * step)
        event = Event()
        event.add("uid", f"bench-import-{number}@recap.example")
        event.add("summary", f"Talk {number}: " + " ".join(rng.choices(words, k=4)))
        event.add("description", " ".join(rng.choices(words, k=40)))
        event.add("dtstart", begin)
        event.add("dtend", begin + dt.timedelta(seconds=max(60, step * 3 // 4)))
        event.add("location", f"Room {room + 1}")
        event.add("dtstamp", start)
        calendar.add_component(event)
    return calendar.to_ical()


def measure_venue():
    """The Q&A rates from bench/venue.py (its own PostgreSQL database and
    Redis, gunicorn), when it can give them as JSON."""
    venue = ROOT / "bench" / "venue.py"
    if not venue.exists() or '"--json"' not in venue.read_text():
        return {"not_measured": "bench/venue.py has no --json yet"}
    missing = [name for name in ("gunicorn", "httpx") if importlib.util.find_spec(name) is None]
    if missing:
        return {"not_measured": "needs the bench extra (make bench-venue installs it)"}
    log("Q&A through gunicorn (bench/venue.py --json)...")
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        done = subprocess.run(
            # Under BENCH_QUICK, a small crowd: the run checks the wiring.
            [sys.executable, str(venue), "--json"]
            + (["--seconds", "2", "--page-requests", "10"] if QUICK else []),
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 and not lines:
            return {"error": done.stderr[-500:]}
        return json.loads(lines[-1]) if lines else {"error": done.stderr[-500:]}
    except (subprocess.SubprocessError, ValueError) as exc:
        return {"error": str(exc)}


# -- the report ---------------------------------------------------------------


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def row(what, small="", large="", target="", met=None):
    return {"what": what, "small": small, "large": large, "target": target, "met": met}


def cpu_note(measured):
    return f" (CPU {measured['cpu_s']:.2f} s)" if "cpu_s" in measured else ""


def table_rows(results):
    rows = []
    small, large = results["pages"][SMALL], results["pages"][LARGE]
    for name, measured in small["urls"].items():
        other = large["urls"][name]
        budget = QUERY_BUDGETS.get(name)
        equal = measured["queries"] == other["queries"]
        met = equal and (budget is None or other["queries"] <= budget)
        target = "queries equal" + (f", <= {budget}" if budget else "")
        rows.append(
            row(
                name,
                f"{measured['queries']} q, {ms(measured['median_s'])}, {measured['kb']:.0f} KB",
                f"{other['queries']} q, {ms(other['median_s'])}, {other['kb']:.0f} KB",
                target,
                met,
            )
        )
    programme = results["programme"]
    bare = programme["bare_s"]
    uncached = programme["uncached_s"] / bare
    cached = programme["cached_s"] / bare
    rows.append(
        row(
            f"bare Wagtail page (N={PROGRAMME} site)",
            "",
            f"{ms(bare)} (CPU {ms(programme['cpu_s']['bare'])})",
        )
    )
    rows.append(
        row(
            f"programme page N={PROGRAMME}, uncached",
            # Served again (the comparison with pretalx); in brackets,
            # with every cache emptied first, Wagtail's own included.
            f"{programme['queries']} q ({programme.get('uncached_queries', '?')} q uncached)",
            f"{ms(programme['uncached_s'])} = {uncached:.1f}x bare"
            + f" (CPU {ms(programme['cpu_s']['uncached'])})",
            f"<= {PROGRAMME_UNCACHED_RATIO}x bare, <= 8 q",
            uncached <= PROGRAMME_UNCACHED_RATIO and programme["queries"] <= 8,
        )
    )
    cache_note = "" if programme["page_cache"] else " (no page cache yet)"
    rows.append(
        row(
            f"programme page N={PROGRAMME}, cached",
            "",
            f"{ms(programme['cached_s'])} = {cached:.1f}x bare{cache_note}"
            + f" (CPU {ms(programme['cpu_s']['cached'])})",
            f"<= {PROGRAMME_CACHED_RATIO}x bare",
            cached <= PROGRAMME_CACHED_RATIO,
        )
    )
    rows.append(
        row(
            f"programme page weight N={PROGRAMME}",
            "",
            f"{programme['kb']:.0f} KB",
            f"<= {PROGRAMME_WEIGHT_KB} KB",
            programme["kb"] <= PROGRAMME_WEIGHT_KB,
        )
    )
    feeds = results["feeds"]
    for name, limit in (
        ("programme .ics", FEED_ICS_S),
        ("schedule.xml", FEED_FRAB_S),
        ("schedule.json", FEED_FRAB_S),
    ):
        feed = feeds["feeds"][name]
        rows.append(
            row(
                f"{name}, {FEED_SESSIONS} sessions",
                f"peak {feed['peak_mb']:.0f} MB = {feed['peak_mb'] / feeds['raw_peak_mb']:.1f}x raw",
                f"{feed['median_s']:.2f} s = {feed['median_s'] / feeds['raw_s']:.1f}x raw icalendar"
                + cpu_note(feed),
                f"< {limit:g} s",
                feed["median_s"] < limit,
            )
        )
    rows.append(
        row(
            f"raw icalendar to_ical(), {FEED_SESSIONS} VEVENTs",
            f"peak {feeds['raw_peak_mb']:.0f} MB",
            f"{feeds['raw_s']:.2f} s"
            + (f" (CPU {feeds['raw_cpu_s']:.2f} s)" if "raw_cpu_s" in feeds else ""),
        )
    )
    big = feeds["big_page"]
    rows.append(
        row(
            f"event page, {BIG_PAGE_SESSIONS} sessions, uncached",
            f"{big['queries']} q, {big['kb']:.0f} KB",
            f"{big['median_s']:.2f} s" + cpu_note(big) + f"; cached {ms(big['cached_s'])}",
            f"< {BIG_PAGE_S} s",
            big["median_s"] < BIG_PAGE_S,
        )
    )
    imported = results["import"]
    for key, label, limit in (
        ("import_s", "import", IMPORT_S),
        ("reimport_s", "re-import (unchanged)", REIMPORT_S),
    ):
        seconds = imported.get(key)
        cpu = imported.get(key.replace("_s", "_cpu_s"))
        shown = (
            f"{seconds:.1f} s" + (f" (CPU {cpu:.1f} s)" if cpu is not None else "")
            if seconds is not None
            else f"unfinished after {2 * imported['timeout_s']:.0f} s (both runs)"
            if key in imported
            else "not reached"
        )
        rows.append(
            row(
                f"{label}, {IMPORT_SESSIONS}-session .ics",
                "",
                shown,
                f"< {limit} s",
                seconds is not None and seconds < limit,
            )
        )
    qa = results["qa"]
    if "not_measured" in qa:
        rows.append(row("Q&A through gunicorn", "", f"not measured ({qa['not_measured']})"))
    elif "error" in qa:
        rows.append(row("Q&A through gunicorn", "", f"failed: {qa['error'][:60]}", "", False))
    else:
        for key, (limit, sense) in QA_TARGETS.items():
            if key not in qa:
                continue
            value = qa[key]
            met = value >= limit if sense == ">=" else value <= limit
            rows.append(
                row(f"Q&A {key.replace('_', ' ')}", "", f"{value:g}", f"{sense} {limit}", met)
            )
    return rows


def print_table(results, rows):
    head = row("What", f"N={SMALL:,}", f"N={LARGE:,} (or as named)", "Target", "Met")
    cells = [head] + rows
    mark = {True: "yes", False: "MISSED", None: ""}
    widths = {
        key: max(len(str(c[key] if key != "met" else mark.get(c[key], c[key]))) for c in cells)
        for key in ("what", "small", "large", "target", "met")
    }
    title = "Recap benchmark" + (
        " (BENCH_QUICK: sizes too small to mean anything)" if QUICK else ""
    )
    m = results["machine"]
    print(f"{title}; {m['cpus']} CPUs ({m['cpu_model']}), Python {m['python']}, {m['platform']}")
    for c in cells:
        met = c["met"] if c is head else mark[c["met"]]
        print(
            f"{c['what']:<{widths['what']}}  {c['small']:<{widths['small']}}  "
            f"{c['large']:<{widths['large']}}  {c['target']:<{widths['target']}}  {met}"
        )
    builds = ", ".join(
        f"N={n:,}: {b['wall_s']:.1f} s (CPU {b['cpu_s']:.1f} s)"
        for n, b in sorted(results["builds"].items())
    )
    print(f"load_demo --scale, {JOBS} at a time: {builds}.")
    print(
        "Phases, wall / CPU seconds (this process and its children) / load average "
        "(1, 5, 15 min) at the end: "
        + "; ".join(
            f"{p['phase']} {p['wall_s']:.0f} / {p['cpu_s']:.0f} s / {p['load_average']}"
            for p in results["phases"]
        )
    )
    print(
        f"Total {results['total_s']:.0f} s wall, {results['cpu_s']:.0f} s CPU; load average "
        f"at the start {results['load_average_at_start']}. Results in {RESULTS}."
    )
    if results["missed"]:
        print(f"MISSED {len(results['missed'])} target(s): " + "; ".join(results["missed"]))
    else:
        print("Every target met.")


# -- the workers (Django set up against one scratch database) ---------------


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS) and captures queries


def get(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return body


def clear_caches():
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


def once(action, clear_cache=False):
    """One run of `action`: (wall s, CPU s of this process; the database is
    SQLite, in-process, so its work counts too)."""
    if clear_cache:
        clear_caches()
    began, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - began, time.process_time() - cpu


def medians(samples):
    """{"median_s", "cpu_s"} of a list of (wall, CPU) samples."""
    return {
        "median_s": statistics.median(wall for wall, _ in samples),
        "cpu_s": statistics.median(cpu for _, cpu in samples),
    }


def interleaved(actions, rounds):
    """Each action of {name: (action, clear_cache)} once per round, in turn,
    so a change in the machine's load touches them all alike."""
    samples = {name: [] for name in actions}
    for _ in range(rounds):
        for name, (action, clear_cache) in actions.items():
            samples[name].append(once(action, clear_cache))
    return {name: medians(taken) for name, taken in samples.items()}


def measure(client, url, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(client, url)  # warm-up: templates, URL resolvers
    with CaptureQueriesContext(connection) as queries:
        body = get(client, url)
    # Counted now: the next request empties the connection's query log.
    count = len(queries)
    samples = [once(lambda: get(client, url)) for _ in range(rounds)]
    return {"url": url, "queries": count, "kb": len(body) / 1024, **medians(samples)}


def scale_event(n):
    from recap.events.models import EventPage

    return EventPage.objects.get(slug=f"scale-{n}")


def pages_worker(n, out):
    setup_django()
    from django.test import Client

    from recap.events.models import SessionPage, SessionSpeaker
    from recap.writeups.models import WriteUpIndexPage, WriteUpPage

    event = scale_event(n)
    sessions = list(SessionPage.objects.child_of(event).order_by("path"))
    busy = f"busy-speaker-s{n}"
    speaker = (
        SessionSpeaker.objects.filter(page__in=sessions[1:])
        .exclude(speaker__slug=busy)
        .select_related("speaker")
        .first()
        .speaker
    )
    writeup = WriteUpPage.objects.filter(event_links__event=event).first()
    rss = WriteUpIndexPage.objects.first().url + "feed/rss/"
    urls = {
        "event page (programme)": event.url,
        "session page": sessions[0].url,
        "speaker page": f"/speakers/{speaker.slug}/",
        "busiest speaker page": f"/speakers/{busy}/",
        "speaker directory": "/speakers/",
        "write-up page": writeup.url,
        "topic page": "/topics/social-media/",
        "search": "/search/?q=strategy",
        "programme .ics": event.url + "programme.ics",
        "session .ics": sessions[0].url + "session.ics",
        "schedule.xml": event.url + "schedule.xml",
        "schedule.json": event.url + "schedule.json",
        "RSS feed": rss,
    }
    client = Client()
    result = {"urls": {name: measure(client, url, ROUNDS) for name, url in urls.items()}}
    Path(out).write_text(json.dumps(result))


def programme_worker(n, out):
    """The programme page against a bare Wagtail page of the same site."""
    setup_django()
    from django.test import Client
    from wagtail.models import Page

    from home.models import HomePage

    event = scale_event(n)
    home = HomePage.objects.first()
    bare = Page(title="A bare Wagtail page", slug="bare-page")
    home.add_child(instance=bare)
    bare.save_revision().publish()
    client = Client()
    programme = measure(client, event.url, 1)  # queries and weight, served again
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clear_caches()
    with CaptureQueriesContext(connection) as uncached_queries:
        get(client, event.url)
    get(client, bare.url)
    compared = interleaved(
        {
            "bare": (lambda: get(client, bare.url), False),
            "uncached": (lambda: get(client, event.url), True),
            "cached": (lambda: get(client, event.url), False),  # the same request again
        },
        PROGRAMME_ROUNDS,
    )
    result = {
        "bare_s": compared["bare"]["median_s"],
        "uncached_s": compared["uncached"]["median_s"],
        "cached_s": compared["cached"]["median_s"],
        "cpu_s": {name: figures["cpu_s"] for name, figures in compared.items()},
        "queries": programme["queries"],
        "uncached_queries": len(uncached_queries),
        "kb": programme["kb"],
    }
    # A page cache shows as a second request well under the first.
    result["page_cache"] = result["cached_s"] < 0.67 * result["uncached_s"]
    Path(out).write_text(json.dumps(result))


def raw_icalendar(event):
    """The same VEVENT fields as the programme feed, with icalendar alone."""
    from django.utils.html import strip_tags
    from icalendar import Calendar, Event

    from recap.events.models import SessionPage

    rows = list(
        SessionPage.objects.child_of(event)
        .live()
        .values_list("calendar_uid", "title", "start", "end", "room__name", "abstract", "url_path")
    )

    def build():
        calendar = Calendar()
        calendar.add("prodid", "-//Recap bench raw//EN")
        calendar.add("version", "2.0")
        for uid, title, start, end, room, abstract, url_path in rows:
            vevent = Event()
            vevent.add("uid", f"{uid}@recap")
            vevent.add("summary", title)
            vevent.add("dtstart", start)
            vevent.add("dtend", end)
            vevent.add("dtstamp", start)
            vevent.add("location", room or "")
            vevent.add("description", strip_tags(abstract))
            vevent.add("url", "http://testserver" + url_path)
            calendar.add_component(vevent)
        return calendar.to_ical()

    return build


def peak_mb(action):
    import tracemalloc

    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def feeds_worker(out):
    setup_django()
    from django.test import Client

    client = Client()
    event = scale_event(FEED_SESSIONS)
    feeds = {
        "programme .ics": event.url + "programme.ics",
        "schedule.xml": event.url + "schedule.xml",
        "schedule.json": event.url + "schedule.json",
    }
    for url in feeds.values():
        get(client, url)  # warm-up
    build = raw_icalendar(event)
    log(f"  the feeds of {FEED_SESSIONS} sessions and raw icalendar, {FEED_ROUNDS} rounds...")
    actions = {name: (lambda url=url: get(client, url), True) for name, url in feeds.items()}
    actions["raw"] = (build, False)
    timings = interleaved(actions, FEED_ROUNDS)
    result = {"feeds": {}}
    for name, url in feeds.items():
        clear_caches()
        result["feeds"][name] = {
            **timings[name],
            "peak_mb": peak_mb(lambda url=url: get(client, url)),
        }
    result["raw_s"] = timings["raw"]["median_s"]
    result["raw_cpu_s"] = timings["raw"]["cpu_s"]
    result["raw_peak_mb"] = peak_mb(build)

    big = scale_event(BIG_PAGE_SESSIONS)
    log(f"  the event page of {BIG_PAGE_SESSIONS} sessions...")
    page = measure(client, big.url, 1)
    compared = interleaved(
        {
            "uncached": (lambda: get(client, big.url), True),
            "cached": (lambda: get(client, big.url), False),
        },
        FEED_ROUNDS,
    )
    result["big_page"] = {
        "queries": page["queries"],
        "kb": page["kb"],
        **compared["uncached"],
        "cached_s": compared["cached"]["median_s"],
    }
    Path(out).write_text(json.dumps(result))


def import_worker(ics, out):
    """Each import timed in-process (no interpreter start-up in the figure);
    the result file is rewritten after each, so a timeout keeps the first."""
    setup_django()
    from django.core.management import call_command

    from home.demo import DemoLoader

    DemoLoader().build_site_tree()
    result = {}
    for key in ("import_s", "reimport_s"):
        began, cpu = time.perf_counter(), time.process_time()
        call_command("import_ics", ics, verbosity=0)
        result[key] = time.perf_counter() - began
        result[key.replace("_s", "_cpu_s")] = time.process_time() - cpu
        Path(out).write_text(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", choices=["pages", "programme", "feeds", "import"])
    parser.add_argument("--db")
    parser.add_argument("--out")
    parser.add_argument("arg", nargs="?")
    args = parser.parse_args()
    if args.worker == "pages":
        return pages_worker(int(args.arg), args.out)
    if args.worker == "programme":
        return programme_worker(int(args.arg), args.out)
    if args.worker == "import":
        return import_worker(args.arg, args.out)
    if args.worker == "feeds":
        return feeds_worker(args.out)
    return orchestrate()


if __name__ == "__main__":
    sys.exit(main())
