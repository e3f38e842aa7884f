"""Recap's benchmarks (`make bench`). Never collected as tests.

Measures, side by side in one run, against a fresh SQLite database (or
DATABASE_URL when set):

1. The programme page of a 200-session event against a bare Wagtail page
   (Wagtail's own `wagtailcore/page.html`), through Django's full request
   cycle (middleware, routing, templates). Bar: within 3x, warm.
2. A 10,000-session iCalendar feed, consumed as a client would (streamed).
   Bar: under 2 s, with memory that does not grow with the programme.

Prints a table and exits non-zero when a bar is missed.
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings.test")
WORKDIR = Path(tempfile.mkdtemp(prefix="recap-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(WORKDIR / "media"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from tqdm import tqdm  # noqa: E402
from wagtail.models import Page  # noqa: E402

PROGRAMME_SESSIONS = 200
FEED_SESSIONS = 10_000
ROUNDS = 40


def build_tree():
    from tests.factories import EventIndexPageFactory, SpeakerIndexPageFactory, site_root

    root = site_root()
    bare = Page(title="A bare Wagtail page", slug="bare")
    root.add_child(instance=bare)
    bare.save_revision().publish()
    index = EventIndexPageFactory(parent=root)
    SpeakerIndexPageFactory(parent=root)
    return index


def add_sessions(event, count, speakers, label):
    """Sessions added straight into the tree (no revisions), as an import does."""
    from recap.events.models import SessionPage, SessionSpeaker

    start = event.start
    rooms = ["Main hall", "Room A", "Room B", "Room C"]
    with transaction.atomic():
        for n in tqdm(range(count), desc=label, unit="session", leave=False):
            slot = start + dt.timedelta(minutes=30 * (n // len(rooms)))
            session = SessionPage(
                title=f"Session {n}: what internal comms learned",
                slug=f"session-{n}",
                kind="talk",
                start=slot,
                end=slot + dt.timedelta(minutes=25),
                room=rooms[n % len(rooms)],
                abstract="<p>How teams give social media a home.</p>",
                live=True,
            )
            event.add_child(instance=session)
            SessionSpeaker.objects.create(page=session, speaker=speakers[n % len(speakers)])


def make_event(index, title, days):
    from tests.factories import EventPageFactory

    start = dt.datetime(2031, 3, 10, 9, 0, tzinfo=dt.UTC)
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + dt.timedelta(days=days)
    )


def timed_get(client, url, rounds=ROUNDS):
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass
        timings.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def main():
    setup_test_environment()
    print(f"Recap benchmarks (database: {os.environ['DATABASE_URL'].split('://')[0]})")
    call_command("migrate", verbosity=0)
    from tests.factories import SpeakerFactory

    index = build_tree()
    speakers = [SpeakerFactory() for _ in range(60)]
    programme = make_event(index, "Benchmark conference", days=2)
    add_sessions(programme, PROGRAMME_SESSIONS, speakers, "programme")
    big = make_event(index, "Enormous conference", days=120)
    add_sessions(big, FEED_SESSIONS, speakers, "feed")

    client = Client()
    bare_url = "/bare/"
    programme_url = programme.url
    feed_url = big.url + "programme.ics"

    # Warm up (template loading, caches), then interleave the two pages.
    client.get(bare_url)
    cold = timed_get(client, programme_url, rounds=1)[0]
    bare_times, programme_times = [], []
    for _ in range(ROUNDS):
        bare_times += timed_get(client, bare_url, rounds=1)
        programme_times += timed_get(client, programme_url, rounds=1)
    bare = statistics.median(bare_times)
    prog = statistics.median(programme_times)
    ratio = prog / bare

    tracemalloc.start()
    feed_times = timed_get(client, feed_url, rounds=3)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    feed = statistics.median(feed_times)

    rows = [
        ("bare Wagtail page, median", f"{bare * 1000:.1f} ms", ""),
        (
            f"programme page, {PROGRAMME_SESSIONS} sessions, median",
            f"{prog * 1000:.1f} ms",
            f"{ratio:.2f}x bare (bar: 3x)",
        ),
        ("programme page, first (cold) render", f"{cold * 1000:.1f} ms", ""),
        (
            f"iCalendar feed, {FEED_SESSIONS} sessions, median of 3",
            f"{feed:.2f} s",
            f"bar: 2 s; peak Python memory {peak / 1e6:.1f} MB",
        ),
    ]
    width = max(len(row[0]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")
    failed = ratio > 3 or feed > 2
    print("FAILED: a bar was missed" if failed else "all bars met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
