"""Run by tests/site/test_sqlite_concurrency.py in a fresh interpreter, with
DATABASE_URL naming a file SQLite database that already has the schema:
several threads publish new sessions under one event, with a speaker each,
while others read, as the dev server does for an editor's saves, autosave
and readers' requests. Prints the errors seen, as JSON."""

import datetime as dt
import json
import os
import sys
import threading

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402

from recap.events.models import EventPage, SessionPage, SessionSpeaker  # noqa: E402
from tests.factories import EventPageFactory, SpeakerFactory  # noqa: E402

WRITERS, READERS, ROUNDS = 3, 1, 2


def main():
    event = EventPageFactory()
    speakers = [SpeakerFactory() for _ in range(WRITERS)]
    connections.close_all()
    errors = []
    barrier = threading.Barrier(WRITERS + READERS)

    def write(number):
        try:
            barrier.wait()
            for round_ in range(ROUNDS):
                parent = EventPage.objects.get(pk=event.pk)
                start = parent.start + dt.timedelta(minutes=10 * (number * ROUNDS + round_))
                session = SessionPage(
                    title=f"Session {number}.{round_}",
                    start=start,
                    end=start + dt.timedelta(minutes=10),
                    speaker_links=[SessionSpeaker(speaker=speakers[number])],
                )
                parent.add_child(instance=session)
                session.save_revision().publish()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors.append(f"writer {number}: {exc!r}")
        finally:
            connections.close_all()

    def read(number):
        try:
            barrier.wait()
            for _round in range(ROUNDS * 3):
                list(SessionPage.objects.live().values_list("title", flat=True))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"reader {number}: {exc!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    published = SessionPage.objects.child_of(event).live().count()
    json.dump({"errors": errors, "published": published}, sys.stdout)


if __name__ == "__main__":
    main()
