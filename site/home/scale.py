"""`load_demo --scale N`: a conference of N sessions, built in bulk, for `make bench`.

The shape is the one issue 12 measured Recap and pretalx with: N sessions over
3 days in 6 rooms, 1.5 N speakers, 1-3 speakers a session, one busy speaker,
plus what a real programme carries: a distinct abstract per session (text
from a seeded word list, so caches and sanitisers see N different strings),
topics, approved questions with their votes, and a few write-ups.

Everything comes from one seeded random generator, so the same N gives the
same records; the event's slug carries N, so several scales live side by side
in one database and loading the same N twice creates nothing.

Built for speed (seconds for N = 1,000): the sessions are written straight
into the tree with paths computed here (treebeard's materialised paths), in
multi-row INSERTs (`events.importing.applying.insert_pages`, as the .ics
import writes its new sessions), without the revisions, clean-ups, signals
and index updates of `add_child()` + `save_revision().publish()`; speakers,
links, questions and votes with bulk_create. The generated rich text is
words and punctuation in paragraphs, so its cleaned copy (what the sanitiser
stores on save) is the paragraphs themselves, set here rather than run
through the sanitiser 2.5 N times; `check_cleaned_copies` compares the first
of each kind with the sanitiser's output, so the two cannot drift apart.
Only the handful of write-ups go through Wagtail's usual path. Bulk records
are added to the search index at the end, in bulk (`index=False` leaves them
out). Nothing is cached about pages that did not exist, so no cache is told.
"""

import contextlib
import datetime as dt
import random
import uuid
import zoneinfo

from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from recap.core.sanitize import rich_text_as_plain
from recap.core.tree import new_child_paths
from recap.events.importing.applying import insert_pages
from recap.events.models import (
    EventPage,
    EventRoom,
    EventTopic,
    SessionPage,
    SessionSpeaker,
    SessionTopic,
)
from recap.questions.models import DelegateQuestion, QuestionStatus, QuestionVote
from recap.speakers.models import Speaker
from recap.writeups.models import (
    WriteUpEvent,
    WriteUpIndexPage,
    WriteUpPage,
    WriteUpSession,
    WriteUpSpeaker,
)

from .demo import DemoLoader, block, demo_voter_key, rich, search_auto_update_off

SEED = 12
ZONE = zoneinfo.ZoneInfo("Europe/Berlin")
DAYS = 3
ROOMS = ["Hall A", "Hall B", "Room 1", "Room 2", "Room 3", "Studio"]
DAY_START = dt.time(9, 0)
DAY_SECONDS = 9 * 3600  # 09:00 to 18:00
FIRST_DAY = dt.date(2031, 3, 10)  # fixed, so every run builds the same records
WRITEUPS = 3

FIRST_NAMES = (
    "Ada Amir Anna Aiko Ben Bea Carla Chen Dara Dev Elif Emil Farah Femi Gita Goran Hana "
    "Hugo Ines Ivan Jana Joel Kai Kemi Lars Lea Mara Milo Nia Noor Omar Olga Pia Paulo "
    "Quinn Rosa Rafi Sana Sven Tara Teo Uma Vera Viktor Wen Yara Yusuf Zoe Zoran"
).split()
LAST_NAMES = (
    "Abbot Acheson Baptiste Brandt Castell Dahl Duarte Ekwueme Falk Fontaine Gallo Haddad "
    "Holm Ibsen Iqbal Jansen Kaur Keller Lindqvist Lopes Mbeki Moreau Nakamura Novak Okafor "
    "Ortiz Petrov Quist Rahman Rossi Sato Schultz Sørensen Tanaka Tran Ueda Varga Vidal "
    "Weber Wong Yilmaz Young Zhou Zielinski"
).split()
ORGANISATIONS = (
    "Brightwater Energy",
    "Northwind Health",
    "Copperfield Bank",
    "Lumen Retail",
    "Harbourline Ports",
    "Greystone Council",
    "Kestrel Mobile",
    "Fernhill University",
    "Marlow Insurance",
    "Oakridge Logistics",
)
JOB_TITLES = (
    "Head of Internal Communication",
    "Digital Workplace Lead",
    "Communications Director",
    "Employee Experience Manager",
    "Social Media Manager",
    "Intranet Manager",
    "Researcher",
    "Consultant",
)
WORDS = (
    "audience channel colleague community culture dashboard digital employee engagement "
    "feedback frontline governance habit intranet leader listening manager measurement "
    "message mobile network newsletter onboarding platform podcast policy purpose "
    "recognition remote reputation rollout skills story strategy survey team tone training "
    "trust update video voice wellbeing workplace change crisis campaign content editor "
    "guideline hybrid insight launch moderation narrative pilot priority question signal "
    "sponsor timeline transparency workshop advocacy adoption alignment analytics"
).split()
VERBS = "build measure grow rethink simplify scale listen fix launch share".split()
TOPIC_KEYS = (
    "internal-communication",
    "social-media",
    "centres-of-excellence",
    "enterprise-social-networks",
    "leadership-communication",
    "digital-skills",
    "employee-voice",
    "measurement",
)


def scale_slug(scale):
    return f"scale-{scale}"


def build_scale(scale, *, index=False, progress=None):
    """Create the N-session event (and its speakers, questions and write-ups)
    unless it exists. Returns (event, created: bool)."""
    progress = progress or (lambda label: None)
    loader = DemoLoader()
    with transaction.atomic():
        with search_auto_update_off(), disable_reference_index_auto_update(), no_index_signals():
            loader.build_site_tree()
            loader.build_topics()
            existing = EventPage.objects.child_of(loader.event_index).filter(slug=scale_slug(scale))
            if existing.exists():
                return existing.get(), False
            builder = ScaleBuilder(scale, loader, progress)
            event = builder.build()
        if index:
            builder.index()
            progress("search index")
    return event, True


@contextlib.contextmanager
def no_index_signals():
    """Without the search index's post-save handler: each save would queue a
    task that reloads the record and indexes it alone (the setting
    AUTO_UPDATE=False does not stop the queueing). `build_scale` indexes in
    bulk at the end instead."""
    models_with_handler = [
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in models_with_handler:
            post_save.connect(post_save_signal_handler, sender=model)


class ScaleBuilder:
    def __init__(self, scale, loader, progress):
        self.n = scale
        self.loader = loader
        self.progress = progress
        self.rng = random.Random(f"{SEED}:{scale}")
        self.now = timezone.now()

    def uid(self, kind, number):
        return uuid.uuid5(uuid.NAMESPACE_URL, f"recap-scale:{self.n}:{kind}:{number}")

    def words(self, count):
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def abstract(self, number):
        # Two paragraphs of seeded words: N distinct strings of realistic length.
        first = self.words(self.rng.randint(25, 45)).capitalize()
        second = self.words(self.rng.randint(15, 35)).capitalize()
        return rich_with_copy(f"{first} (session {number}).", f"{second}.")

    # -- building ---------------------------------------------------------

    def build(self):
        self.speakers = self.build_speakers()
        self.progress("speakers")
        self.event = self.build_event()
        self.sessions = self.build_sessions()
        self.progress("sessions")
        self.build_links()
        self.progress("speakers and topics of sessions")
        self.build_questions()
        self.progress("questions and votes")
        self.writeups = self.build_writeups()
        self.progress("write-ups")
        check_cleaned_copies([self.event, self.speakers[0], self.sessions[0]])
        return self.event

    def build_speakers(self):
        count = (3 * self.n + 1) // 2
        speakers = []
        for number in range(count):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            last = name.split()[-1]
            # bulk_create skips save(): the cleaned copy of each bio is set here.
            bio, bio_text = rich_with_copy(f"{name} works on {self.words(12)}.")
            speakers.append(
                Speaker(
                    name=name,
                    sort_name=f"{last}, {name.split()[0]}",
                    slug=f"{slugify(name)}-s{self.n}-{number + 1}",
                    job_title=self.rng.choice(JOB_TITLES),
                    organisation=self.rng.choice(ORGANISATIONS),
                    bio=bio,
                    bio_text=bio_text,
                )
            )
        # The busy speaker (first) is on many sessions: see build_links.
        speakers[0].name = f"Busy Speaker {self.n}"
        speakers[0].sort_name = f"Speaker, Busy {self.n}"
        speakers[0].slug = f"busy-speaker-s{self.n}"
        # bulk_create skips save() and its signals: the default locale
        # (speakers are translatable) is set here.
        locale = Locale.get_default()
        for speaker in speakers:
            speaker.locale = locale
        return Speaker.objects.bulk_create(speakers, batch_size=2000)

    def new_page(self, model, parent, path, **fields):
        """An unsaved live page at tree `path` (from `new_child_paths`) under
        `parent`, with every field Page.save() would set."""
        return model(
            path=path,
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{fields['slug']}/",
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=self.now,
            last_published_at=self.now,
            draft_title=fields["title"],
            **fields,
        )

    def build_event(self):
        index = self.loader.event_index
        index.refresh_from_db()
        start = dt.datetime.combine(FIRST_DAY, DAY_START, tzinfo=ZONE)
        last_day = FIRST_DAY + dt.timedelta(days=DAYS - 1)
        intro, intro_text = rich_with_copy(
            f"A generated conference of {self.n} sessions, for benchmarks."
        )
        event = self.new_page(
            EventPage,
            index,
            new_child_paths(index, 1)[0],
            title=f"Scale conference ({self.n} sessions)",
            slug=scale_slug(self.n),
            start=start,
            end=dt.datetime.combine(last_day, dt.time(18, 0), tzinfo=ZONE),
            time_zone=str(ZONE),
            venue_name="Congress Centre",
            venue_address="1 Messeplatz",
            city="Berlin",
            country="Germany",
            organiser="Recap benchmarks",
            hashtag=f"Scale{self.n}",
            intro=intro,
            intro_text=intro_text,
            calendar_uid=self.uid("event", 0),
        )
        insert_pages(EventPage, [event])
        Page.objects.filter(pk=index.pk).update(numchild=models.F("numchild") + 1)
        return event

    def slots(self):
        """(start, end, room) for N sessions, spread over the days and rooms."""
        per_room_day = -(-self.n // (DAYS * len(ROOMS)))
        step = min(3600, DAY_SECONDS // per_room_day)
        length = dt.timedelta(seconds=max(60, step * 3 // 4))
        cells = DAYS * len(ROOMS)
        for number in range(self.n):
            # Fill every day and room early, so even a small N uses them all:
            # consecutive sessions go round the days, and round the rooms with a
            # shift, so the 18 (day, room) cells of one slot are all distinct.
            slot, rest = divmod(number, cells)
            shift, offset = divmod(rest, len(ROOMS))
            day, room = offset % DAYS, (offset + shift) % len(ROOMS)
            begin = dt.datetime.combine(
                FIRST_DAY + dt.timedelta(days=day), DAY_START, tzinfo=ZONE
            ) + dt.timedelta(seconds=slot * step)
            yield begin, begin + length, ROOMS[room]

    def build_sessions(self):
        rooms = {
            room.name: room
            for room in EventRoom.objects.bulk_create(
                [
                    EventRoom(page=self.event, name=name, sort_order=n)
                    for n, name in enumerate(ROOMS)
                ]
            )
        }
        sessions = []
        kinds = ["talk"] * 12 + ["panel", "workshop", "keynote", "fireside"]
        paths = new_child_paths(self.event, self.n)
        for number, (start, end, room) in enumerate(self.slots(), start=1):
            title = (
                f"{self.rng.choice(VERBS).capitalize()} the {self.rng.choice(WORDS)}: "
                f"{self.words(3)}"
            )
            abstract, abstract_text = self.abstract(number)
            sessions.append(
                self.new_page(
                    SessionPage,
                    self.event,
                    paths[number - 1],
                    title=title,
                    slug=f"{slugify(title)[:50].strip('-')}-{number}",
                    kind=self.rng.choice(kinds),
                    start=start,
                    end=end,
                    room=rooms[room],
                    abstract=abstract,
                    abstract_text=abstract_text,
                    calendar_uid=self.uid("session", number),
                )
            )
        insert_pages(SessionPage, sessions)
        Page.objects.filter(pk=self.event.pk).update(numchild=len(sessions))
        return sessions

    def build_links(self):
        pool = self.speakers[1:]
        self.rng.shuffle(pool)
        cursor = 0
        speaker_links, topic_links = [], []
        topics = [self.loader.topics[key] for key in TOPIC_KEYS]
        # The busy speaker is on one session in twenty (at least three sessions).
        busy_every = max(1, min(20, self.n // 3))
        for number, session in enumerate(self.sessions):
            people = []
            if number % busy_every == 0:
                people.append(self.speakers[0])
            while len(people) < self.rng.randint(1, 3):
                people.append(pool[cursor % len(pool)])
                cursor += 1
            for order, speaker in enumerate(people):
                role = "moderator" if len(people) == 3 and order == 0 else "speaker"
                speaker_links.append(
                    SessionSpeaker(page=session, speaker=speaker, role=role, sort_order=order)
                )
            for topic in self.rng.sample(topics, self.rng.randint(1, 2)):
                topic_links.append(SessionTopic(content_object=session, tag=topic))
        SessionSpeaker.objects.bulk_create(speaker_links, batch_size=2000)
        SessionTopic.objects.bulk_create(topic_links, batch_size=2000)
        EventTopic.objects.bulk_create(
            EventTopic(content_object=self.event, tag=topic) for topic in topics[:3]
        )

    def build_questions(self):
        questions = []
        for number, session in enumerate(self.sessions):
            # The busy speaker's first session is the one with a crowd of questions.
            count = 8 if number == 0 else (self.rng.randint(1, 3) if number % 4 == 0 else 0)
            for q in range(count):
                questions.append(
                    DelegateQuestion(
                        session=session,
                        event=self.event,
                        text=f"What about the {self.words(6)}? (question {q + 1})",
                        status=QuestionStatus.APPROVED,
                        votes=self.rng.randint(0, 12),
                    )
                )
        questions = DelegateQuestion.objects.bulk_create(questions, batch_size=2000)
        votes = [
            QuestionVote(question=question, voter_key=demo_voter_key(question.pk, n))
            for question in questions
            for n in range(question.votes)
        ]
        QuestionVote.objects.bulk_create(votes, batch_size=2000)
        self.questions = questions

    def build_writeups(self):
        """A few write-ups, through Wagtail's usual path (one revision each)."""
        index = WriteUpIndexPage.objects.child_of(self.loader.home).first()
        made = []
        for number in range(1, WRITEUPS + 1):
            session = self.sessions[(number - 1) * len(self.sessions) // WRITEUPS]
            speaker = session.speaker_links.first().speaker
            page = WriteUpPage(
                title=f"What we learned at scale {self.n}, part {number}",
                slug=f"scale-{self.n}-writeup-{number}",
                author=speaker,
                date=FIRST_DAY + dt.timedelta(days=DAYS + number),
                event_links=[WriteUpEvent(event=self.event)],
                intro=rich(self.words(20).capitalize() + "."),
                body=[
                    block("text", rich(self.words(80).capitalize() + "."))
                    | {"id": str(self.uid("block", number))},
                    block("text", rich(self.words(60).capitalize() + "."))
                    | {"id": str(self.uid("block2", number))},
                ],
                session_links=[WriteUpSession(session=session)],
                speaker_links=[WriteUpSpeaker(speaker=speaker)],
            )
            index.add_child(instance=page)
            page.save_revision().publish()
            made.append(page)
        return made

    def index(self):
        """Add the bulk-made records to every search backend, once, in bulk."""
        sessions = list(SessionPage.objects.child_of(self.event).specific())
        speakers = list(Speaker.objects.filter(pk__in=[s.pk for s in self.speakers]))
        for backend in get_search_backends(with_auto_update=True):
            for model, objects in (
                (EventPage, [EventPage.objects.get(pk=self.event.pk)]),
                (SessionPage, sessions),
                (Speaker, speakers),
                (DelegateQuestion, self.questions),
                (WriteUpPage, self.writeups),
            ):
                backend.add_bulk(model, objects)


def rich_with_copy(*paragraphs):
    """Rich text of `paragraphs` (plain words and punctuation, no markup or
    entities) and its cleaned copy: the paragraphs a blank line apart, as
    `sanitize.rich_text_as_plain` gives for such text."""
    return rich(*paragraphs), "\n\n".join(paragraphs)


def check_cleaned_copies(instances):
    """Refuse to build if a copy set by `rich_with_copy` is not what saving
    the record would store (the sanitiser changed, or the generated text
    grew markup)."""
    for instance in instances:
        for target, source in type(instance).cleaned_copies.items():
            expected = rich_text_as_plain(getattr(instance, source))
            if getattr(instance, target) != expected:
                raise AssertionError(
                    f"{type(instance).__name__}.{target}: {getattr(instance, target)!r} "
                    f"is not the sanitiser's {expected!r}"
                )
