"""The reference site's demo content: the story Recap is built for.

An internal-comms practitioner, Maya Ellison, speaks on a panel at a one-day
social media conference in London. A delegate asks her, after the panel,
where internal communicators fit in social media and where to read up on
it. The next evening she hears an author speak at a B2B event, and the week
after she publishes a write-up that answers the delegate.

Every person, organisation, venue and address here is made up; links point
at reserved `.example` domains, so nothing is ever fetched.

Records are matched by slug (pages, speakers, topics) or by title (images,
resources), so loading twice creates nothing new and changes nothing.
Upcoming events are dated from the day the demo is first loaded.
"""

import datetime as dt
import hashlib
import io
import uuid
import zoneinfo
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Site
from wagtail.search.index import insert_or_update_object
from wagtail.signal_handlers import disable_reference_index_auto_update

from recap.core.translations import canonical
from recap.events.models import (
    EventGalleryImage,
    EventIndexPage,
    EventPage,
    EventResource,
    EventRoom,
    SessionChapter,
    SessionPage,
    SessionResource,
    SessionSpeaker,
)
from recap.resources.models import (
    Resource,
    ResourceKind,
    ResourceLibraryPage,
    Topic,
    TopicIndexPage,
)
from recap.speakers.models import Speaker, SpeakerIndexPage
from recap.writeups.models import (
    WriteUpEvent,
    WriteUpIndexPage,
    WriteUpPage,
    WriteUpResource,
    WriteUpSession,
    WriteUpSpeaker,
)

from . import demo_images
from .models import HomePage

# recap.questions is optional: without it the demo has no delegate questions.
MATERIALS_INSTALLED = apps.is_installed("recap.materials")
QUESTIONS_INSTALLED = apps.is_installed("recap.questions")
if QUESTIONS_INSTALLED:
    from recap.questions.models import (
        DelegateQuestion,
        QuestionSource,
        QuestionStatus,
        QuestionVote,
        SessionQuestionSettings,
    )

# A session spec's question settings (recap.questions owns them; ignored
# without it).
# The past panel's recording: its captions (WebVTT) and chapters. Fictional
# words for fictional panellists.
INSIDE_OUT_CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:06.000
<v Grace Adeyemi>Welcome to Inside out. Three communicators, one question: who speaks for us?

00:00:06.000 --> 00:00:12.000
<v Grace Adeyemi>Maya, you run an internal network for twelve thousand people. Where do you start?

00:00:12.000 --> 00:00:20.000
<v Maya Ellison>With listening. Staff were already talking about work online, so we went where they were.

00:04:10.000 --> 00:04:18.000
<v Lena Fischer>Guidelines help when they are short. Ours fit on one page and say what to do, not what to fear.

00:09:30.000 --> 00:09:38.000
<v Ravi Menon>Marketing wanted to own every post. We agreed to share the channel and the measures instead.

00:15:00.000 --> 00:15:08.000
<v Grace Adeyemi>Let's take questions from the room.
"""
INSIDE_OUT_CHAPTERS = (
    (0, "Welcome and introductions"),
    (250, "Guidelines people read"),
    (570, "Sharing the channel with marketing"),
    (900, "Questions from the room"),
)

QUESTION_SETTINGS = ("questions_open", "questions_close_at", "questions_auto_approve")

LONDON = zoneinfo.ZoneInfo("Europe/London")
IMAGE_PREFIX = "Demo: "

TOPICS = {
    "internal-communication": (
        "Internal communication",
        "How organisations talk with the people who work for them.",
    ),
    "social-media": ("Social media", "Public networks, and how organisations use them."),
    "centres-of-excellence": (
        "Centres of excellence",
        "Small central teams that set standards, train people and share what works.",
    ),
    "enterprise-social-networks": (
        "Enterprise social networks",
        "Social tools inside the organisation: communities, feeds and groups.",
    ),
    "leadership-communication": (
        "Leadership communication",
        "Leaders who speak for themselves, online and in the room.",
    ),
    "digital-skills": ("Digital skills", "What communicators need to learn next."),
    "employee-voice": ("Employee voice", "Listening to staff, and letting them speak."),
    "measurement": ("Measurement", "Knowing whether any of it works."),
}

SPEAKERS = {
    "maya-ellison": {
        "name": "Maya Ellison",
        "job_title": "Internal communication consultant",
        "organisation": "Hearthside Comms",
        "bio": "<p>Maya helps organisations talk with their own people. She has collected "
        "hundreds of social media guidelines and case studies of social tools used at work, "
        "and writes about what internal communicators can learn from them.</p>",
        "website": "https://hearthside.example/",
        "mastodon_url": "https://social.example/@maya",
        "bluesky_handle": "maya.hearthside.example",
    },
    "sam-whitlock": {
        "name": "Sam Whitlock",
        "job_title": "Editor",
        "organisation": "Paperkite Media",
        "bio": "<p>Sam edits a newsletter about communication at work and chairs panels "
        "at comms events up and down the country.</p>",
        "website": "https://paperkite.example/",
    },
    "aisha-bello": {
        "name": "Aisha Bello",
        "job_title": "Head of Social",
        "organisation": "Harbourline Bank",
        "bio": "<p>Aisha leads a social media team that answers customers around the clock "
        "and trains colleagues to post with confidence.</p>",
    },
    "lena-fischer": {
        "name": "Lena Fischer",
        "job_title": "Digital Workplace Lead",
        "organisation": "Corvid Logistics",
        "bio": "<p>Lena runs the enterprise social network for a workforce that is mostly "
        "on the road, in depots and warehouses.</p>",
    },
    "ravi-menon": {
        "name": "Ravi Menon",
        "job_title": "Employee Advocacy Manager",
        "organisation": "Pebblestone Retail",
        "bio": "<p>Ravi looks after a programme of store colleagues who share their work "
        "on social media.</p>",
    },
    "grace-adeyemi": {
        "name": "Grace Adeyemi",
        "job_title": "Director of Communications",
        "organisation": "Clearwater Council",
        "bio": "<p>Grace leads communication for a large local authority, where residents "
        "expect answers on social media at once.</p>",
    },
    "owen-price": {
        "name": "Owen Price",
        "job_title": "Founder",
        "organisation": "Tidewater Digital",
        "bio": "<p>Owen advises boards on social media and reputation.</p>",
    },
    "priya-raman": {
        "name": "Priya Raman",
        "job_title": "Principal Analyst",
        "organisation": "Northgate Insight Partners",
        "bio": "<p>Priya studies how large organisations arrange their social media work, "
        "and wrote the firm's report on centres of excellence.</p>",
    },
    "julian-okoro": {
        "name": "Dr Julian Okoro",
        "sort_name": "Okoro, Julian",
        "job_title": "Author and researcher",
        "organisation": "Fieldstone Research",
        "bio": "<p>Julian writes about how technology changes the way firms are organised. "
        "His latest book is <i>The Connected Firm</i>.</p>",
    },
    "tomas-varga": {
        "name": "Tomás Varga",
        "job_title": "Chief Executive",
        "organisation": "Kestrel Mobile",
        "bio": "<p>Tomás runs a mobile network and answers customers on social media himself.</p>",
    },
    "nadia-karim": {
        "name": "Nadia Karim",
        "job_title": "Head of Internal Communication",
        "organisation": "Saltmarsh Water",
        "bio": "<p>Nadia runs internal communication for a utility with staff in the "
        "field, in control rooms and in offices.</p>",
    },
    "ben-oduya": {
        "name": "Ben Oduya",
        "job_title": "Intranet Manager",
        "organisation": "Larkspur Health Trust",
        "bio": "<p>Ben looks after an intranet used by twelve thousand clinical and "
        "support staff.</p>",
    },
    "chloe-martin": {
        "name": "Chloe Martin",
        "job_title": "Employee Experience Lead",
        "organisation": "Quillon Insurance",
        "bio": "<p>Chloe listens to employees for a living: surveys, forums and focus groups.</p>",
    },
}

RESOURCES = {
    "coe-article": {
        "title": "Why social businesses build centres of excellence",
        "kind": ResourceKind.ARTICLE,
        "url": "https://northgate-insight.example/articles/social-centres-of-excellence",
        "publisher": "Northgate Insight Partners",
        "author": "Priya Raman",
        "note": "How a small central team can bring order, consistency and training to "
        "social media work that has spread across every department.",
        "speakers": ["priya-raman"],
        "topics": ["centres-of-excellence", "social-media"],
        "days_before_conference": 2,
    },
    "hub-and-spoke": {
        "title": "Hub, spoke and honeycomb: how organisations arrange social media teams",
        "kind": ResourceKind.RESEARCH,
        "url": "https://fieldstone-research.example/reports/social-team-formations",
        "publisher": "Fieldstone Research",
        "note": "Research on five ways to organise social media work, from one central "
        "team to every employee taking part.",
        "topics": ["centres-of-excellence", "social-media"],
        "days_before_conference": 700,
    },
    "connected-firm": {
        "title": "The Connected Firm",
        "kind": ResourceKind.BOOK,
        "url": "https://fieldstone-research.example/books/the-connected-firm",
        "publisher": "Fieldstone Books",
        "author": "Dr Julian Okoro",
        "note": "A book on how customers, employees and technology reshape the firm.",
        "speakers": ["julian-okoro"],
        "topics": ["social-media", "leadership-communication"],
        "days_before_conference": 120,
    },
    "maturity-model": {
        "title": "Social media maturity model",
        "kind": ResourceKind.IMAGE,
        "publisher": "Northgate Insight Partners",
        "note": "Five stages, from teams posting on their own to a social business.",
        "speakers": ["priya-raman"],
        "topics": ["centres-of-excellence"],
        "image": "maturity-model",
        "days_before_conference": 2,
    },
    "ceo-video": {
        "title": "A chief executive on answering customers himself",
        "kind": ResourceKind.VIDEO,
        "embed_url": "https://video.example/watch/kestrel-chief-executive-on-social",
        "publisher": "Kestrel Mobile",
        "note": "A short clip: every employee talks about the brand every day, so give "
        "them the confidence to do it well.",
        "speakers": ["tomas-varga"],
        "topics": ["leadership-communication", "social-media"],
        "days_before_conference": 30,
    },
    "guidelines-collection": {
        "title": "A collection of social media guidelines from 300 organisations",
        "kind": ResourceKind.DOCUMENT,
        "url": "https://hearthside.example/guidelines",
        "publisher": "Hearthside Comms",
        "author": "Maya Ellison",
        "note": "Real policies, grouped by sector: a quick way to see what others allow.",
        "speakers": ["maya-ellison"],
        "topics": ["internal-communication", "social-media"],
        "days_before_conference": 60,
    },
    "ic-survey": {
        "title": "How internal communicators use social media: survey results",
        "kind": ResourceKind.RESEARCH,
        "url": "https://hearthside.example/research/ic-and-social",
        "publisher": "Hearthside Comms",
        "author": "Maya Ellison",
        "note": "Which tools communicators use, and the digital skills they want to learn.",
        "speakers": ["maya-ellison"],
        "topics": ["internal-communication", "digital-skills"],
        "days_before_conference": 200,
    },
    "policy-slides": {
        "title": "Writing a social media policy people read (slides)",
        "kind": ResourceKind.SLIDES,
        "url": "https://corvid-logistics.example/talks/policy-people-read",
        "publisher": "Corvid Logistics",
        "author": "Lena Fischer",
        "speakers": ["lena-fischer"],
        "topics": ["social-media", "enterprise-social-networks"],
        "days_before_conference": 0,
    },
}


# The club behind the event on now meets in several cities; the demo's live
# event happens in whichever is in its working day when the demo is loaded
# (see DemoLoader.live_chapter). Every UTC hour falls between 10:00 and 14:59
# in one of these zones, summer and winter (tests/site/test_demo_dates.py).
LIVE_CHAPTERS = [
    {
        "city": "London",
        "country": "United Kingdom",
        "time_zone": "Europe/London",
        "venue_name": "The Reading Room",
        "venue_address": "48 Orchard Street",
    },
    {
        "city": "São Paulo",
        "country": "Brazil",
        "time_zone": "America/Sao_Paulo",
        "venue_name": "Casa Jacarandá",
        "venue_address": "210 Rua das Palmeiras",
    },
    {
        "city": "New York",
        "country": "United States",
        "time_zone": "America/New_York",
        "venue_name": "The Ledger Room",
        "venue_address": "77 Cobble Lane",
    },
    {
        "city": "Los Angeles",
        "country": "United States",
        "time_zone": "America/Los_Angeles",
        "venue_name": "Palm Court Studios",
        "venue_address": "1200 Sunfield Avenue",
    },
    {
        "city": "Honolulu",
        "country": "United States",
        "time_zone": "Pacific/Honolulu",
        "venue_name": "Lanai Hall",
        "venue_address": "5 Trade Wind Way",
    },
    {
        "city": "Auckland",
        "country": "New Zealand",
        "time_zone": "Pacific/Auckland",
        "venue_name": "Harbour Loft",
        "venue_address": "31 Kauri Street",
    },
    {
        "city": "Sydney",
        "country": "Australia",
        "time_zone": "Australia/Sydney",
        "venue_name": "Wattle House",
        "venue_address": "14 Ferry Row",
    },
    {
        "city": "Singapore",
        "country": "Singapore",
        "time_zone": "Asia/Singapore",
        "venue_name": "Orchid Works",
        "venue_address": "8 Canal Walk",
    },
    {
        "city": "Dubai",
        "country": "United Arab Emirates",
        "time_zone": "Asia/Dubai",
        "venue_name": "Dhow Room",
        "venue_address": "22 Creekside",
    },
]


# The French site (issue 11): the home page, the section pages and the London
# conference with its sessions, translated with Wagtail's copy_for_translation
# (the admin's "Translate" action). Keyed by the English slug; every French
# page has a French slug (the sessions' are made from their titles), so no
# slug names two pages.
FRENCH_SECTIONS = {
    "home": {
        "title": "Recap",
        "seo_title": "Recap : comptes rendus de conférences",
        "intro": (
            "<p>Ce qui s’est dit aux conférences de communication : les tables rondes et "
            "les interventions, les intervenants, les questions des participants et les "
            "comptes rendus qui ont suivi.</p>"
        ),
    },
    "events": {
        "slug": "evenements",
        "title": "Événements",
        "intro": "Conférences, rencontres et soirées, avec chaque session et chaque intervenant.",
    },
    "speakers": {
        "slug": "intervenants",
        "title": "Intervenants",
        "intro": "Toutes les personnes qui ont parlé, animé ou écrit pour nous, de A à Z.",
    },
    "write-ups": {
        "slug": "comptes-rendus",
        "title": "Comptes rendus",
        "intro": "Ce qui s’est dit, les questions des participants et les lectures conseillées.",
    },
    "topics": {
        "slug": "themes",
        "title": "Thèmes",
        "intro": "Chaque événement, session, compte rendu et ressource, par thème.",
    },
    "resources": {
        "slug": "ressources",
        "title": "Ressources",
        "intro": "Articles, études, livres, présentations et vidéos recommandés par les "
        "intervenants.",
    },
}
FRENCH_CONFERENCE = {
    "slug": "journee-open-channels-live",
    "title": "Open Channels Live",
    "intro": (
        "Une journée de conférence sur les réseaux sociaux au travail : à qui ils "
        "appartiennent, qui parle au nom de l’organisation, et comment les communicants "
        "internes et externes travaillent ensemble."
    ),
}
FRENCH_ROOMS = {"Main hall": "Grande salle", "Foyer": "Hall d’accueil"}
FRENCH_SESSIONS = {
    "registration": {"title": "Accueil et café"},
    "welcome": {"title": "Bienvenue"},
    "social-is-everyones-job": {
        "title": "Conférence plénière : les réseaux sociaux, l’affaire de tous",
        "abstract": (
            "Chaque salarié parle de son employeur, en ligne comme ailleurs. Pour Owen, la "
            "question n’est plus de savoir si le personnel doit publier, mais comment "
            "l’organisation l’aide à bien le faire."
        ),
    },
    "listening-at-scale": {
        "title": "Écouter à grande échelle : qui répond pour la marque ?",
        "abstract": (
            "Les clients attendent une réponse dans l’heure. Qui surveille, qui répond, et "
            "qui décide de ce que dit l’organisation ?"
        ),
    },
    "morning-break": {"title": "Pause du matin"},
    "inside-out": {
        "title": "De l’intérieur : les communicants internes et les réseaux sociaux",
        "abstract": (
            "Les réseaux sociaux appartenaient au marketing. Aujourd’hui, les salariés "
            "publient chaque jour sur leur travail et beaucoup d’organisations ont leur propre "
            "réseau interne. Trois praticiennes et praticiens sur le rôle des communicants "
            "internes et les compétences dont ils ont besoin."
        ),
    },
    "lunch": {"title": "Déjeuner"},
    "centres-of-excellence": {
        "title": "Des comptes dispersés à un centre d’excellence",
        "abstract": (
            "La plupart des grandes organisations mènent plusieurs actions sur les réseaux "
            "sociaux à la fois. Priya présente une étude sur les petites équipes centrales qui "
            "fixent les règles, forment les collègues et rendent l’ensemble comptable devant "
            "l’entreprise."
        ),
    },
    "policy-people-read": {
        "title": "Atelier : une charte des réseaux sociaux que l’on lit",
        "abstract": (
            "Apportez votre charte actuelle. Repartez avec une page que vos collègues liront "
            "vraiment."
        ),
    },
    "should-the-ceo-post": {
        "title": "Dirigeants en ligne : le directeur général doit-il publier ?",
        "abstract": (
            "Certains dirigeants répondent eux-mêmes aux clients. Est-ce courageux, imprudent "
            "ou simplement attendu désormais ?"
        ),
    },
    "afternoon-break": {"title": "Pause de l’après-midi"},
    "closing-fireside": {"title": "Discussion de clôture : ce que nous ferons lundi"},
}


def at(day, hour, minute=0):
    """An aware datetime on a London wall clock."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


class DemoLoader:
    """Builds (or finds) every demo record, counting what it created and found."""

    def __init__(self, today=None, now=None, progress=None):
        self.now = now or timezone.now()
        self.today = today or timezone.localtime(self.now, LONDON).date()
        self.created = Counter()
        self.found = Counter()
        self.progress = progress or (lambda label: None)
        self.topics = {}
        self.speakers = {}
        self.resources = {}
        self.images = {}
        self.touched = []  # records created by this run, for the reference index
        # The story's dates, relative to today: the conference three weeks ago.
        self.conference_day = self.today - dt.timedelta(days=21)

    # -- steps ---------------------------------------------------------------

    def steps(self):
        """The work, in order, as (label, callable) pairs; `progress(label)` follows each."""
        steps = [
            ("Home page and section pages", self.build_site_tree),
            ("Topics", self.build_topics),
            ("Pictures", self.build_images),
            ("Speakers", self.build_speakers),
            ("Resources", self.build_resources),
            ("The social media conference", self.build_conference),
            ("The evening B2B event", self.build_evening_event),
            ("More events, past, on now and upcoming", self.build_other_events),
            ("Delegate questions", self.build_questions),
            ("The write-ups", self.build_writeups),
            ("Speaker materials", self.build_speaker_materials),
            ("The French site", self.build_french),
        ]
        if not QUESTIONS_INSTALLED:
            steps = [step for step in steps if step[1] != self.build_questions]
        if not MATERIALS_INSTALLED:
            steps = [step for step in steps if step[1] != self.build_speaker_materials]
        return steps

    def run(self):
        # The search index and Wagtail's reference index (the admin's "usage"
        # counts) would be rebuilt on each of the several saves a published page
        # goes through; update both once per new record at the end instead.
        with transaction.atomic():
            with search_auto_update_off(), disable_reference_index_auto_update():
                for label, step in self.steps():
                    step()
                    self.progress(label)
            for record in self.touched:
                record.refresh_from_db()
                insert_or_update_object(record)
                ReferenceIndex.create_or_update_for_object(record)
        return self

    # -- helpers -------------------------------------------------------------

    def count(self, kind, created, record=None):
        (self.created if created else self.found)[kind] += 1
        if created and record is not None:
            self.touched.append(record)

    def image(self, key, title, draw):
        """A Wagtail image drawn by `draw()` unless one with this title exists."""
        Image = get_image_model()
        full_title = IMAGE_PREFIX + title
        image = Image.objects.filter(title=full_title).first()
        if image is None:
            data = draw()
            image = Image(title=full_title, file=ImageFile(io.BytesIO(data), name=f"{key}.png"))
            image.save()
            self.count("images", True, image)
        else:
            self.count("images", False)
        self.images[key] = image
        return image

    def child_page(self, parent, model, slug, *, topics=(), **fields):
        """A live child page of `parent` with this slug, created and published if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        kind = f"{model._meta.verbose_name} pages"
        if existing is not None:
            self.count(kind, False)
            return existing.specific
        page = model(slug=slug, **fields)
        if topics:
            page.topics.add(*[self.topics[key] for key in topics])
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        self.count(kind, True, page)
        return page

    # -- the site tree -------------------------------------------------------

    def build_site_tree(self):
        self.home = self.ensure_home_page()
        home = self.home
        self.event_index = self.child_page(
            home,
            EventIndexPage,
            "events",
            title="Events",
            intro=rich("Conferences, meetups and evening talks, with every session and speaker."),
        )
        self.speaker_index = self.child_page(
            home,
            SpeakerIndexPage,
            "speakers",
            title="Speakers",
            intro=rich("Everyone who has spoken, chaired or written for us, A to Z."),
        )
        self.writeup_index = self.child_page(
            home,
            WriteUpIndexPage,
            "write-ups",
            title="Write-ups",
            intro=rich("What was said, the questions delegates asked, and what to read next."),
        )
        self.topic_index = self.child_page(
            home,
            TopicIndexPage,
            "topics",
            title="Topics",
            intro=rich("Every event, session, write-up and resource, by subject."),
        )
        self.resource_library = self.child_page(
            home,
            ResourceLibraryPage,
            "resources",
            title="Resources",
            intro=rich("Articles, research, books, slides and videos that speakers recommend."),
        )

    def ensure_home_page(self):
        """The default site's root is a HomePage; Wagtail's welcome page makes way."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            self.count("home pages", False)
            return site.root_page.specific
        home = HomePage.objects.first()
        if home is None:
            root = ensure_tree_roots()
            slug = "home"
            welcome = site.root_page if site else None
            if welcome is not None and welcome.specific_class is Page and welcome.is_leaf():
                # Wagtail's placeholder "Welcome" page: nothing hangs off it.
                site.root_page = root
                site.save()
                welcome.delete()
            elif root.get_children().filter(slug=slug).exists():
                slug = "recap-home"
            home = HomePage(
                title="Recap",
                slug=slug,
                seo_title="Recap: conference write-ups",
                intro=(
                    "<p>What was said at comms conferences: the panels and talks, the people "
                    "who spoke, the questions delegates asked, and the write-ups that "
                    "followed.</p>"
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.count("home pages", True, home)
        else:
            self.count("home pages", False)
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = site.site_name or "Recap"
        site.save()
        return home

    # -- records outside the tree --------------------------------------------

    def build_topics(self):
        for slug, (name, description) in TOPICS.items():
            topic, created = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
            self.topics[slug] = topic
            self.count("topics", created, topic)

    def build_images(self):
        for slug, fields in SPEAKERS.items():
            name = fields["name"]
            self.image(f"avatar-{slug}", f"{name} (portrait)", lambda n=name: demo_images.avatar(n))
        self.image("maturity-model", "Social media maturity model", demo_images.maturity_model)
        heroes = {
            "open-channels-live": ("Open Channels Live", "Social media at work, in one day"),
            "b2b-commons": ("B2B Commons", "An evening on the future of business"),
            "ic-forum-north": ("IC Forum North", "Internal communication, Manchester"),
            "employee-voice-summit": ("Employee Voice Summit", "Online, half a day"),
            "comms-breakfast-club": ("Comms Breakfast Club", "Live today"),
            "intranet-lab": ("Intranet Lab", "Bristol"),
        }
        for key, (title, subtitle) in heroes.items():
            self.image(
                f"hero-{key}",
                f"{title} (banner)",
                lambda t=title, s=subtitle: demo_images.hero(t, s),
            )
        scenes = [
            "Welcome to Open Channels Live",
            "Inside out: the panel",
            "Centres of excellence",
            "Questions from the floor",
        ]
        for n, scene in enumerate(scenes, start=1):
            self.image(
                f"gallery-{n}",
                f"Open Channels Live photo {n}",
                lambda s=scene, n=n: demo_images.conference_photo(s, n),
            )

    def build_speakers(self):
        for slug, fields in SPEAKERS.items():
            speaker = canonical(Speaker.objects.filter(slug=slug)).first()
            if speaker is None:
                speaker = Speaker(slug=slug, photo=self.images[f"avatar-{slug}"], **fields)
                speaker.save()
                self.count("speakers", True, speaker)
            else:
                self.count("speakers", False)
            self.speakers[slug] = speaker

    def build_resources(self):
        for key, spec in RESOURCES.items():
            spec = dict(spec)
            title = spec.pop("title")
            speakers = spec.pop("speakers", [])
            topics = spec.pop("topics", [])
            image_key = spec.pop("image", None)
            days_before = spec.pop("days_before_conference")
            resource = Resource.objects.filter(title=title).first()
            if resource is None:
                resource = Resource(
                    title=title,
                    published_on=self.conference_day - dt.timedelta(days=days_before),
                    image=self.images.get(image_key) if image_key else None,
                    **spec,
                )
                resource.speakers.set([self.speakers[s] for s in speakers])
                resource.topics.add(*[self.topics[t] for t in topics])
                resource.save()
                self.count("resources", True, resource)
            else:
                self.count("resources", False)
            self.resources[key] = resource

    # -- events --------------------------------------------------------------

    def event(self, slug, *, sessions, **fields):
        """An event page and its sessions; `sessions` lists session specs,
        whose rooms (by name) become the event's rooms, in order of first use."""
        names = list(dict.fromkeys(spec["room"] for spec in sessions if spec.get("room")))
        event = self.child_page(
            self.event_index,
            EventPage,
            slug,
            rooms=[EventRoom(name=name, sort_order=n) for n, name in enumerate(names)],
            **fields,
        )
        rooms = {room.name: room for room in EventRoom.objects.filter(page=event)}
        made = {}
        for spec in sessions:
            spec = dict(spec)
            if spec.get("room"):
                name = spec["room"]
                if name not in rooms:  # an event loaded before it had this room
                    rooms[name] = EventRoom.objects.create(
                        page=event, name=name, sort_order=len(rooms)
                    )
                spec["room"] = rooms[name]
            else:
                spec.pop("room", None)
            key = spec.pop("slug")
            people = spec.pop("speakers", [])
            resources = spec.pop("resources", [])
            topics = spec.pop("topics", [])
            settings = {name: spec.pop(name) for name in QUESTION_SETTINGS if name in spec}
            if settings and QUESTIONS_INSTALLED:
                spec["recap_question_settings"] = [SessionQuestionSettings(**settings)]
            made[key] = self.child_page(
                event,
                SessionPage,
                key,
                topics=topics,
                speaker_links=[
                    SessionSpeaker(speaker=self.speakers[person], role=role)
                    for person, role in people
                ],
                resource_links=[SessionResource(resource=self.resources[r]) for r in resources],
                **spec,
            )
        return event, made

    def build_conference(self):
        day = self.conference_day
        self.conference, self.conference_sessions = self.event(
            "open-channels-live",
            title="Open Channels Live",
            start=at(day, 8, 30),
            end=at(day, 16, 30),
            venue_name="Canal Yard Conference Centre",
            venue_address="7 Lantern Row",
            city="London",
            country="United Kingdom",
            latitude="51.531200",
            longitude="-0.095400",
            organiser="Open Channels Events",
            # How its sessions can be followed, set once for the day.
            default_recording_licence="CC BY 4.0",
            default_live_captions="human",
            default_language="en",
            hashtag="OpenChannelsLive",
            website="https://openchannels.example/",
            hero_image=self.images["hero-open-channels-live"],
            intro=rich(
                "A one-day conference on social media at work: who owns it, who speaks for "
                "the organisation, and how communicators inside and outside work together.",
            ),
            topics=["social-media", "internal-communication", "centres-of-excellence"],
            gallery_images=[
                EventGalleryImage(image=self.images["gallery-1"], caption="Doors open"),
                EventGalleryImage(
                    image=self.images["gallery-2"], caption="The internal comms panel"
                ),
                EventGalleryImage(
                    image=self.images["gallery-3"], caption="Centres of excellence, explained"
                ),
                EventGalleryImage(
                    image=self.images["gallery-4"], caption="Questions from the floor"
                ),
            ],
            resource_links=[
                EventResource(resource=self.resources["coe-article"]),
                EventResource(resource=self.resources["hub-and-spoke"]),
            ],
            sessions=[
                {
                    "slug": "registration",
                    "title": "Registration and coffee",
                    "kind": "networking",
                    "start": at(day, 8, 30),
                    "end": at(day, 9, 15),
                    "room": "Foyer",
                    "questions_open": False,
                },
                {
                    "slug": "welcome",
                    "title": "Welcome",
                    "kind": "other",
                    "start": at(day, 9, 15),
                    "end": at(day, 9, 30),
                    "room": "Main hall",
                    "speakers": [("sam-whitlock", "host")],
                    "questions_open": False,
                },
                {
                    "slug": "social-is-everyones-job",
                    "title": "Keynote: social media is everyone's job now",
                    "kind": "keynote",
                    "start": at(day, 9, 30),
                    "end": at(day, 10, 15),
                    "room": "Main hall",
                    "speakers": [("owen-price", "speaker")],
                    "topics": ["social-media", "leadership-communication"],
                    "abstract": rich(
                        "Every employee talks about where they work, online and off. Owen "
                        "argues that the question is no longer whether staff should post, but "
                        "how organisations help them do it well."
                    ),
                },
                {
                    "slug": "listening-at-scale",
                    "title": "Listening at scale: who answers for the brand?",
                    "kind": "panel",
                    "start": at(day, 10, 15),
                    "end": at(day, 11, 0),
                    "room": "Main hall",
                    "speakers": [
                        ("sam-whitlock", "moderator"),
                        ("aisha-bello", "panellist"),
                        ("ravi-menon", "panellist"),
                    ],
                    "topics": ["social-media", "measurement"],
                    "abstract": rich(
                        "Customers expect an answer within the hour. Who monitors, who "
                        "replies, and who decides what the organisation says?"
                    ),
                },
                {
                    "slug": "morning-break",
                    "title": "Morning break",
                    "kind": "break",
                    "start": at(day, 11, 0),
                    "end": at(day, 11, 20),
                    "room": "Foyer",
                    "questions_open": False,
                },
                {
                    "slug": "inside-out",
                    "title": "Inside out: internal communicators and social media",
                    "kind": "panel",
                    "start": at(day, 11, 20),
                    "end": at(day, 12, 10),
                    "room": "Main hall",
                    "speakers": [
                        ("grace-adeyemi", "moderator"),
                        ("maya-ellison", "panellist"),
                        ("lena-fischer", "panellist"),
                        ("ravi-menon", "panellist"),
                    ],
                    "topics": [
                        "internal-communication",
                        "social-media",
                        "enterprise-social-networks",
                    ],
                    "resources": ["guidelines-collection", "ic-survey"],
                    "abstract": rich(
                        "Social media used to belong to marketing. Now staff post about work "
                        "every day and many organisations run their own internal networks. "
                        "Three practitioners on the part internal communicators play, and "
                        "the skills they need."
                    ),
                    # The recording (issue 23): a video file the site serves,
                    # with captions, a transcript and chapters. Fictional text.
                    "recording_url": "https://openchannels.example/video/inside-out.webm",
                    "recording_status": "recorded",
                    "sign_language": "yes",
                    "captions_text": INSIDE_OUT_CAPTIONS,
                    "chapters": [
                        SessionChapter(start=dt.timedelta(seconds=seconds), title=title)
                        for seconds, title in INSIDE_OUT_CHAPTERS
                    ],
                },
                {
                    "slug": "lunch",
                    "title": "Lunch",
                    "kind": "break",
                    "start": at(day, 12, 10),
                    "end": at(day, 13, 0),
                    "room": "Foyer",
                    "questions_open": False,
                },
                {
                    "slug": "centres-of-excellence",
                    "title": "From scattered accounts to a centre of excellence",
                    "kind": "talk",
                    "start": at(day, 13, 0),
                    "end": at(day, 13, 45),
                    "room": "Main hall",
                    "speakers": [("priya-raman", "speaker")],
                    "topics": ["centres-of-excellence", "social-media"],
                    "resources": ["coe-article", "maturity-model"],
                    "abstract": rich(
                        "Most large organisations now run several social media efforts at "
                        "once. Priya presents research on the small central teams that set "
                        "standards, train colleagues and keep the whole effort answerable "
                        "to the business."
                    ),
                },
                {
                    "slug": "policy-people-read",
                    "title": "Workshop: a social media policy people read",
                    "kind": "workshop",
                    "start": at(day, 13, 0),
                    "end": at(day, 14, 30),
                    "room": "Studio 2",
                    "speakers": [("lena-fischer", "host")],
                    "topics": ["social-media", "enterprise-social-networks"],
                    "resources": ["policy-slides", "guidelines-collection"],
                    "abstract": rich(
                        "Bring your current policy. Leave with one page your colleagues will "
                        "actually read."
                    ),
                },
                {
                    "slug": "should-the-ceo-post",
                    "title": "Leaders online: should the chief executive post?",
                    "kind": "panel",
                    "start": at(day, 14, 0),
                    "end": at(day, 14, 45),
                    "room": "Main hall",
                    "speakers": [
                        ("sam-whitlock", "moderator"),
                        ("owen-price", "panellist"),
                        ("aisha-bello", "panellist"),
                    ],
                    "topics": ["leadership-communication", "social-media"],
                    "resources": ["ceo-video"],
                    "abstract": rich(
                        "Some chief executives answer customers themselves. Is that brave, "
                        "foolish or simply expected now?"
                    ),
                },
                {
                    "slug": "afternoon-break",
                    "title": "Afternoon break",
                    "kind": "break",
                    "start": at(day, 14, 45),
                    "end": at(day, 15, 15),
                    "room": "Foyer",
                    "questions_open": False,
                },
                {
                    "slug": "closing-fireside",
                    "title": "Closing fireside chat: what we will do on Monday",
                    "kind": "fireside",
                    "start": at(day, 15, 15),
                    "end": at(day, 16, 0),
                    "room": "Main hall",
                    "speakers": [("grace-adeyemi", "host"), ("owen-price", "speaker")],
                    "topics": ["internal-communication"],
                },
            ],
        )

    def build_evening_event(self):
        day = self.conference_day + dt.timedelta(days=1)
        self.evening_event, self.evening_sessions = self.event(
            "b2b-commons-evening",
            title="B2B Commons: the future of business",
            start=at(day, 18, 30),
            end=at(day, 21, 0),
            venue_name="The Lamplight Rooms",
            venue_address="22 Cooper's Yard",
            city="London",
            country="United Kingdom",
            organiser="B2B Commons",
            hashtag="B2BCommons",
            hero_image=self.images["hero-b2b-commons"],
            intro=rich(
                "An evening talk for people who market and communicate business to business."
            ),
            topics=["social-media", "leadership-communication"],
            resource_links=[EventResource(resource=self.resources["connected-firm"])],
            sessions=[
                {
                    "slug": "the-connected-firm",
                    "title": "The connected firm: what comes after social business",
                    "kind": "talk",
                    "start": at(day, 19, 0),
                    "end": at(day, 20, 0),
                    "room": "Upstairs",
                    "speakers": [("julian-okoro", "speaker")],
                    "topics": ["social-media", "leadership-communication"],
                    "resources": ["connected-firm"],
                    "abstract": rich(
                        "Julian on how customers, employees and technology are reshaping the "
                        "firm, from his new book."
                    ),
                },
                {
                    "slug": "networking",
                    "title": "Drinks and networking",
                    "kind": "networking",
                    "start": at(day, 20, 0),
                    "end": at(day, 21, 0),
                    "room": "Upstairs",
                    "questions_open": False,
                },
            ],
        )

    def build_other_events(self):
        # A past event where Maya ran a workshop, so her page lists several events.
        past = self.today - dt.timedelta(days=90)
        self.event(
            "intranet-lab",
            title="Intranet Lab",
            start=at(past, 9, 30),
            end=at(past, 17, 0),
            venue_name="Harbourside Studios",
            venue_address="3 Quay Steps",
            city="Bristol",
            country="United Kingdom",
            organiser="Intranet Lab Collective",
            hashtag="IntranetLab",
            hero_image=self.images["hero-intranet-lab"],
            intro=rich("A day for the people who build and run intranets."),
            topics=["enterprise-social-networks", "digital-skills"],
            sessions=[
                {
                    "slug": "from-intranet-to-community",
                    "title": "From intranet to community",
                    "kind": "keynote",
                    "start": at(past, 9, 45),
                    "end": at(past, 10, 30),
                    "room": "Studio A",
                    "speakers": [("ben-oduya", "speaker")],
                    "topics": ["enterprise-social-networks"],
                },
                {
                    "slug": "social-skills-for-communicators",
                    "title": "Workshop: social skills for communicators",
                    "kind": "workshop",
                    "start": at(past, 11, 0),
                    "end": at(past, 12, 30),
                    "room": "Studio B",
                    "speakers": [("maya-ellison", "host")],
                    "topics": ["digital-skills", "internal-communication"],
                    "resources": ["ic-survey"],
                    "abstract": rich("Hands-on practice for communicators new to social tools."),
                },
                {
                    "slug": "depot-to-desk",
                    "title": "Depot to desk: a network for a workforce on the move",
                    "kind": "talk",
                    "start": at(past, 14, 0),
                    "end": at(past, 14, 45),
                    "room": "Studio A",
                    "speakers": [("lena-fischer", "speaker")],
                    "topics": ["enterprise-social-networks"],
                },
            ],
        )

        # On now, and the upcoming events: dated from today (see dated_events),
        # so that `load_demo --refresh-dates` can move them again later.
        for slug, fields, sessions in self.dated_events():
            self.event(slug, sessions=sessions, **fields)

    # -- events dated from today ---------------------------------------------

    def live_chapter(self):
        """The chapter of the club where it is now late morning or early afternoon.

        The event on now must sit at hours a real one would (09:00 to 17:30 on
        its own wall clock), whatever the hour the demo is loaded; so it
        happens in whichever of the club's cities is in its working day.
        Ordered by preference: London whenever London is awake.
        """
        for chapter in LIVE_CHAPTERS:
            zone = zoneinfo.ZoneInfo(chapter["time_zone"])
            if 10 <= timezone.localtime(self.now, zone).hour <= 14:
                return chapter, zone
        raise AssertionError("LIVE_CHAPTERS leave an hour of the day uncovered")

    def dated_events(self):
        """(slug, event fields, session specs) of the events dated from today:
        the one on now and the upcoming ones. The past events stay where the
        story put them."""
        chapter, zone = self.live_chapter()
        local_now = timezone.localtime(self.now, zone)
        day = local_now.date()

        def local(hour, minute=0):
            return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)

        # The sessions on now started a while ago and run on long after it,
        # whatever the minute (a demo loaded at 09:58 must not close its Q&A
        # at 10:00); the next ones follow. Times on the half hour of the local
        # clock: every zone in LIVE_CHAPTERS has whole-hour offsets. `slot` is
        # now rounded down to the half hour (0 to 29 minutes ago).
        slot = local(local_now.hour, 30 if local_now.minute >= 30 else 0)
        yield (
            "comms-breakfast-club",
            {
                "title": "Comms Breakfast Club",
                "start": local(9, 0),
                "end": local(17, 30),
                "time_zone": chapter["time_zone"],
                "venue_name": chapter["venue_name"],
                "venue_address": chapter["venue_address"],
                "city": chapter["city"],
                "country": chapter["country"],
                "organiser": "Comms Breakfast Club",
                "hashtag": "CommsBreakfast",
                "hero_image": self.images.get("hero-comms-breakfast-club"),
                "intro": rich("Breakfast at nine, then a day of short talks in two rooms. On now."),
                "topics": ["internal-communication", "employee-voice"],
            },
            [
                {
                    "slug": "listening-that-changes-things",
                    "title": "Listening that changes things",
                    "kind": "talk",
                    "start": slot - dt.timedelta(hours=1),
                    "end": slot + dt.timedelta(hours=1, minutes=30),
                    "room": "Studio",
                    "speakers": [("chloe-martin", "speaker")],
                    "topics": ["employee-voice"],
                    "abstract": rich("Surveys tell you what people think. Then what?"),
                },
                {
                    "slug": "ask-me-anything-social",
                    "title": "Ask me anything: social media at work",
                    "kind": "fireside",
                    "start": slot - dt.timedelta(minutes=30),
                    "end": slot + dt.timedelta(hours=2),
                    "room": "Library",
                    "speakers": [("maya-ellison", "speaker"), ("sam-whitlock", "host")],
                    "topics": ["social-media", "internal-communication"],
                    "questions_auto_approve": True,
                },
                {
                    "slug": "frontline-first",
                    "title": "Frontline first: reaching staff without a desk",
                    "kind": "talk",
                    "start": slot + dt.timedelta(hours=1),
                    "end": slot + dt.timedelta(hours=2),
                    "room": "Studio",
                    "speakers": [("nadia-karim", "speaker")],
                    "topics": ["internal-communication"],
                },
                {
                    "slug": "intranet-clinic",
                    "title": "Intranet clinic",
                    "kind": "workshop",
                    "start": slot + dt.timedelta(hours=1),
                    "end": slot + dt.timedelta(hours=2, minutes=30),
                    "room": "Library",
                    "speakers": [("ben-oduya", "host")],
                    "topics": ["enterprise-social-networks"],
                },
            ],
        )

        soon = self.today + dt.timedelta(days=18)
        yield (
            "ic-forum-north",
            {
                "title": "IC Forum North",
                "start": at(soon, 9, 0),
                "end": at(soon, 17, 0),
                "venue_name": "Millworks Hall",
                "venue_address": "9 Loom Street",
                "city": "Manchester",
                "country": "United Kingdom",
                "organiser": "IC Forum",
                "hashtag": "ICForumNorth",
                "website": "https://icforum.example/north",
                "hero_image": self.images.get("hero-ic-forum-north"),
                "intro": rich(
                    "Internal communicators from across the north of England, for one day."
                ),
                "topics": ["internal-communication", "centres-of-excellence", "digital-skills"],
            },
            [
                {
                    "slug": "who-owns-social-at-work",
                    "title": "Keynote: who owns social media at work?",
                    "kind": "keynote",
                    "start": at(soon, 9, 30),
                    "end": at(soon, 10, 15),
                    "room": "Hall",
                    "speakers": [("maya-ellison", "speaker")],
                    "topics": ["internal-communication", "centres-of-excellence"],
                    "abstract": rich(
                        "What a year of conversations with delegates taught Maya about who "
                        "should hold the keys, and who should hold the pen."
                    ),
                },
                {
                    "slug": "centre-of-excellence-in-a-year",
                    "title": "Building a centre of excellence in a year",
                    "kind": "talk",
                    "start": at(soon, 10, 30),
                    "end": at(soon, 11, 15),
                    "room": "Hall",
                    "speakers": [("priya-raman", "speaker")],
                    "topics": ["centres-of-excellence"],
                    "resources": ["coe-article"],
                },
                {
                    "slug": "frontline-panel",
                    "title": "Panel: reaching the frontline",
                    "kind": "panel",
                    "start": at(soon, 11, 30),
                    "end": at(soon, 12, 30),
                    "room": "Hall",
                    "speakers": [
                        ("grace-adeyemi", "chair"),
                        ("nadia-karim", "panellist"),
                        ("lena-fischer", "panellist"),
                    ],
                    "topics": ["internal-communication", "employee-voice"],
                },
            ],
        )

        later = self.today + dt.timedelta(days=45)
        yield (
            "employee-voice-summit",
            {
                "title": "Employee Voice Summit",
                "start": at(later, 13, 0),
                "end": at(later, 17, 0),
                "online_url": "https://live.example/employee-voice-summit",
                "organiser": "Quillon Insurance",
                "hashtag": "VoiceSummit",
                "hero_image": self.images.get("hero-employee-voice-summit"),
                "intro": rich("Half a day online on listening to employees, and acting on it."),
                "topics": ["employee-voice", "measurement"],
            },
            [
                {
                    "slug": "measuring-voice",
                    "title": "Measuring voice without another survey",
                    "kind": "talk",
                    "start": at(later, 13, 15),
                    "end": at(later, 14, 0),
                    "room": "Stage",
                    "speakers": [("chloe-martin", "speaker")],
                    "topics": ["employee-voice", "measurement"],
                },
                {
                    "slug": "voice-and-social",
                    "title": "Panel: when staff speak up in public",
                    "kind": "panel",
                    "start": at(later, 14, 15),
                    "end": at(later, 15, 15),
                    "room": "Stage",
                    "speakers": [
                        ("chloe-martin", "moderator"),
                        ("aisha-bello", "panellist"),
                        ("maya-ellison", "panellist"),
                    ],
                    "topics": ["employee-voice", "social-media"],
                },
            ],
        )

    def refresh_dates(self):
        """Move the events dated from today (on now, upcoming) and their sessions
        to where a fresh load would put them; nothing else changes. Returns the
        number of pages moved (each published as a new revision, so the admin's
        editor shows the new dates too)."""
        moved = 0
        with transaction.atomic():
            for slug, fields, sessions in self.dated_events():
                english = EventPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
                if english is None:
                    continue
                names = ["start", "end"]
                if "time_zone" in fields:
                    # The event on now changes city with the hour.
                    names += ["time_zone", "venue_name", "venue_address", "city", "country"]
                # Its translations (the French site) move with it.
                for event in [english, *english.get_translations()]:
                    moved += self.move(event, {name: fields[name] for name in names})
                    children = {page.slug: page for page in SessionPage.objects.child_of(event)}
                    for spec in sessions:
                        session = children.get(spec["slug"])
                        if session is not None:
                            moved += self.move(
                                session, {"start": spec["start"], "end": spec["end"]}
                            )
        return moved

    @staticmethod
    def move(page, values):
        if all(getattr(page, name) == value for name, value in values.items()):
            return 0
        for name, value in values.items():
            setattr(page, name, value)
        page.save_revision().publish()
        return 1

    # -- questions -----------------------------------------------------------

    def question(self, session, text, *, votes=0, **fields):
        """An approved (unless told) question on a session, with `votes` up-votes."""
        question = DelegateQuestion.objects.filter(session=session, text=text).first()
        if question is not None:
            self.count("delegate questions", False)
            return question
        fields.setdefault("status", QuestionStatus.APPROVED)
        question = DelegateQuestion.objects.create(
            session=session, event=session.get_parent().specific, text=text, votes=votes, **fields
        )
        # One vote row per counted vote, from made-up browsers, so the
        # counter and the rows agree.
        QuestionVote.objects.bulk_create(
            QuestionVote(question=question, voter_key=demo_voter_key(question.pk, n))
            for n in range(votes)
        )
        self.count("delegate questions", True, question)
        return question

    def build_questions(self):
        panel = self.conference_sessions["inside-out"]
        self.delegate_question = self.question(
            panel,
            "Where do internal communicators fit in when it comes to social media, and "
            "where can I find good material to get started?",
            votes=14,
            highlighted=True,
            name="Daniel Reyes",
            organisation="Riverbend Housing",
            source=QuestionSource.ROOM,
        )
        self.question(
            panel,
            "How do you persuade leaders to post in their own words instead of having "
            "comms write for them?",
            votes=9,
            # Answered on the recording, at its questions chapter (issue 23).
            answered_in_chapter=panel.chapters.filter(title="Questions from the room").first(),
        )
        self.question(
            panel,
            "Should our internal social network sit with IT or with communications?",
            votes=6,
            name="Kat",
        )
        self.question(
            panel,
            "Any tips for a comms team of two looking after everything?",
            status=QuestionStatus.PENDING,
        )
        keynote = self.conference_sessions["social-is-everyones-job"]
        self.question(
            keynote,
            "If everyone is a spokesperson, who is accountable when a post goes wrong?",
            votes=11,
            source=QuestionSource.ROOM,
        )
        self.question(keynote, "Which training made the biggest difference for you?", votes=3)
        talk = self.conference_sessions["centres-of-excellence"]
        self.question(
            talk,
            "How small can a centre of excellence be and still work?",
            votes=7,
            highlighted=True,
        )
        live = SessionPage.objects.filter(slug="ask-me-anything-social").first()
        if live is not None:
            self.question(live, "What is one thing I could change on Monday?", votes=5)
            self.question(
                live, "Is it worth starting an internal network if nobody posts yet?", votes=2
            )

    # -- write-ups -----------------------------------------------------------

    def build_writeups(self):
        maya = self.speakers["maya-ellison"]
        panel = self.conference_sessions["inside-out"]
        coe_talk = self.conference_sessions["centres-of-excellence"]
        body = [
            block(
                "text",
                rich(
                    "At Open Channels Live I sat on a panel about internal communicators "
                    "and social media. Afterwards a delegate came up with the question I get "
                    "asked more than any other, so this post is my answer, with the reading "
                    "I would give anyone starting out.",
                ),
            ),
            *(
                [
                    block(
                        "question",
                        {
                            "question": self.delegate_question.pk,
                            "answer": rich(
                                "Right in the middle of it. Staff already talk about work online, and "
                                "internal communicators know the audience, the tone and the rules "
                                "better than anyone. Our job is to help colleagues speak with "
                                "confidence, to bring the social efforts inside the organisation "
                                "together, and to make sure someone is listening. For material, start "
                                "with the resources at the end of this post.",
                            ),
                        },
                    )
                ]
                if QUESTIONS_INSTALLED
                else []
            ),
            block("heading", {"text": "Centres of excellence", "level": "h2"}),
            block(
                "text",
                rich(
                    "In her afternoon talk, Priya Raman described organisations that set up a "
                    "small central team instead of a new social media department: it writes "
                    "consistent guidelines, brings tools together where that makes sense, "
                    "collects good practice and trains people.",
                    "The point that struck me most: the question leaders ask has moved on "
                    "from <i>why</i> invest in social media to <i>how</i> to organise it "
                    "so it is coherent, less duplicated and answerable to the business.",
                ),
            ),
            block(
                "quote",
                {
                    "quote": "Most organisations are not short of social media activity. "
                    "They are short of anyone who can see all of it at once.",
                    "speaker": self.speakers["priya-raman"].pk,
                    "attribution": "",
                },
            ),
            block(
                "resource",
                {
                    "resource": self.resources["coe-article"].pk,
                    "note": "Read this first if you are asking who should own social media "
                    "where you work.",
                },
            ),
            block(
                "image",
                {
                    "image": self.images["maturity-model"].pk,
                    "alt_text": "A staircase of five stages: ad hoc, coordinated, centre of "
                    "excellence, embedded, and social business.",
                    "caption": "The five stages of social media maturity from the talk.",
                    "credit": "Northgate Insight Partners (illustrative redrawing)",
                },
            ),
            block("heading", {"text": "A chief executive who answers customers", "level": "h2"}),
            block(
                "text",
                rich(
                    "On the leaders panel, a clip came up of Tomás Varga, chief executive of "
                    "Kestrel Mobile, explaining why he answers customers himself. His point "
                    "for communicators: every employee talks about the brand every day, so "
                    "give them the confidence to do it well.",
                ),
            ),
            block(
                "video",
                {
                    "video": self.resources["ceo-video"].embed_url,
                    "title": "Kestrel Mobile's chief executive on answering customers himself",
                    "caption": "A short clip, about three minutes.",
                },
            ),
            block(
                "text",
                rich(
                    "He mentioned a hub-and-spoke model. If that is new to you, the research "
                    "below sets out the ways organisations arrange their social media teams.",
                ),
            ),
            block("resource", {"resource": self.resources["hub-and-spoke"].pk, "note": ""}),
            block(
                "text",
                rich(
                    "The evening after the conference I went to B2B Commons to hear Julian "
                    "Okoro on what comes after social business. His book is worth your time.",
                ),
            ),
            block("resource", {"resource": self.resources["connected-firm"].pk, "note": ""}),
            block(
                "takeaways",
                {
                    "heading": "Key takeaways",
                    "items": [
                        "Internal communicators belong at the centre of social media at work.",
                        "A small centre of excellence beats a new department.",
                        "Train people, not just tools: everyone already talks about the brand.",
                        "Someone must be able to see all of the organisation's social activity.",
                    ],
                },
            ),
            block(
                "call_to_action",
                {
                    "text": "Do you have a centre of excellence where you work? Would you set "
                    "one up? Tell me below.",
                    "link_url": "",
                    "link_text": "",
                    "invite_responses": True,
                },
            ),
        ]
        self.writeup = self.child_page(
            self.writeup_index,
            WriteUpPage,
            "who-owns-social-media-at-work",
            title="Who owns social media at work? An answer for a delegate",
            author=maya,
            date=self.conference_day + dt.timedelta(days=7),
            # The seed's author covers the conference and the evening talk in one post.
            event_links=[
                WriteUpEvent(event=self.conference),
                WriteUpEvent(event=self.evening_event),
            ],
            hero_image=self.images["gallery-2"],
            intro=(
                "<p>A delegate asked me where internal communicators fit in social media. "
                "Here is my answer, what I heard about centres of excellence, and what to "
                "read next.</p>"
            ),
            body=body,
            responses_prompt="Do you have a centre of excellence? Share your experience.",
            topics=["social-media", "internal-communication", "centres-of-excellence"],
            session_links=[
                WriteUpSession(session=panel),
                WriteUpSession(session=coe_talk),
                WriteUpSession(session=self.evening_sessions["the-connected-firm"]),
            ],
            speaker_links=[
                WriteUpSpeaker(speaker=self.speakers[slug])
                for slug in ("maya-ellison", "lena-fischer", "ravi-menon", "priya-raman")
            ],
            resource_links=[
                WriteUpResource(resource=self.resources[key])
                for key in ("coe-article", "hub-and-spoke", "connected-firm", "maturity-model")
            ],
        )
        if QUESTIONS_INSTALLED and self.delegate_question.answered_in_id is None:
            # Publishing the write-up may have done this already (a questions hook).
            DelegateQuestion.objects.filter(pk=self.delegate_question.pk).update(
                answered_in=self.writeup, status=QuestionStatus.ANSWERED
            )
            self.delegate_question.refresh_from_db()

        # A second, shorter write-up so the index and the evening event have one.
        self.child_page(
            self.writeup_index,
            WriteUpPage,
            "an-evening-with-the-connected-firm",
            title="An evening with the connected firm",
            author=maya,
            date=self.conference_day + dt.timedelta(days=2),
            event_links=[WriteUpEvent(event=self.evening_event)],
            hero_image=self.images["hero-b2b-commons"],
            intro="<p>Notes from Julian Okoro's talk at B2B Commons.</p>",
            body=[
                block(
                    "text",
                    rich(
                        "Julian's argument: the firms that do well will be the ones whose "
                        "employees, customers and partners can talk to each other easily.",
                    ),
                ),
                block(
                    "quote",
                    {
                        "quote": "A firm is a conversation that happens to have a payroll.",
                        "speaker": self.speakers["julian-okoro"].pk,
                        "attribution": "",
                    },
                ),
                block("resource", {"resource": self.resources["connected-firm"].pk, "note": ""}),
            ],
            topics=["social-media", "leadership-communication"],
            session_links=[WriteUpSession(session=self.evening_sessions["the-connected-firm"])],
            speaker_links=[WriteUpSpeaker(speaker=self.speakers["julian-okoro"])],
            resource_links=[WriteUpResource(resource=self.resources["connected-firm"])],
        )

    # -- report --------------------------------------------------------------

    # -- the French site -----------------------------------------------------

    def build_speaker_materials(self):
        """The past panel's slides, sent by Maya through her speaker link and
        approved (so on the panel's, her and the write-up's pages), and Lena's
        links and bio correction, still waiting in the admin queue."""
        from recap.materials.approval import approve
        from recap.materials.links import issue_link
        from recap.materials.models import MaterialSubmission, SubmissionStatus

        panel = self.conference_sessions["inside-out"]
        sent = MaterialSubmission.objects.filter(session=panel)
        if sent.exists():
            self.count("speaker materials", False)
            return
        maya, lena = self.speakers["maya-ellison"], self.speakers["lena-fischer"]
        slides = MaterialSubmission.objects.create(
            link=issue_link(maya, self.conference),
            speaker=maya,
            session=panel,
            slides_title="Inside out: the panel's slides",
            slides_url="https://hearthside-comms.example/talks/inside-out-slides",
            created_at=self.now - dt.timedelta(days=19),
        )
        approve(slides)
        self.count("speaker materials", True)
        # The resource approving made, indexed with the rest at the end.
        self.touched.extend(Resource.objects.filter(url=slides.slides_url))
        MaterialSubmission.objects.create(
            link=issue_link(lena, self.conference),
            speaker=lena,
            session=panel,
            links=[
                {
                    "title": "Our social media policy, one page",
                    "url": "https://corvid-logistics.example/policy-one-page",
                }
            ],
            bio_correction=(
                "Lena leads internal communication at Corvid Logistics, where she wrote "
                "the social media policy 4,000 drivers actually read."
            ),
            status=SubmissionStatus.PENDING,
            created_at=self.now - dt.timedelta(days=2),
        )
        self.count("speaker materials", True)

    def build_french(self):
        """The French locale, and French translations of the home page, the
        section pages and the London conference with its sessions."""
        self.french, created = Locale.objects.get_or_create(language_code="fr")
        self.count("locales", created)
        sections = [
            self.home,
            self.event_index,
            self.speaker_index,
            self.writeup_index,
            self.topic_index,
            self.resource_library,
        ]
        for page in sections:
            key = "home" if page.pk == self.home.pk else page.slug
            self.translate(page, FRENCH_SECTIONS[key])
        self.translate(self.conference, FRENCH_CONFERENCE)
        for slug, session in self.conference_sessions.items():
            self.translate(session, FRENCH_SESSIONS.get(slug, {}))

    def translate(self, page, fields):
        """The French translation of `page` (made from it with Wagtail's
        copy_for_translation, given `fields` and published) unless it exists."""
        existing = page.get_translation_or_none(self.french)
        kind = f"French {page._meta.verbose_name} pages"
        if existing is not None:
            self.count(kind, False)
            return existing.specific
        translation = page.copy_for_translation(self.french).specific
        if "title" in fields and "slug" not in fields and isinstance(translation, SessionPage):
            translation.slug = slugify(fields["title"])
        for name, value in fields.items():
            if name in ("intro", "abstract"):
                value = value if value.startswith("<") else rich(value)
            setattr(translation, name, value)
        if isinstance(translation, EventPage):
            # Room names are the event's to translate (a translated session
            # takes its translated event's room: recap.events.signals).
            rooms = list(translation.rooms.all())
            for room in rooms:
                room.name = FRENCH_ROOMS.get(room.name, room.name)
            translation.rooms = rooms
        translation.save_revision().publish()
        translation.refresh_from_db()
        self.count(kind, True, translation)
        return translation

    def summary_lines(self):
        kinds = sorted(set(self.created) | set(self.found))
        lines = []
        for kind in kinds:
            lines.append(f"{kind}: {self.created[kind]} created, {self.found[kind]} already there")
        return lines


def ensure_tree_roots():
    """The rows Wagtail's migrations create (default locale, root collection,
    root page), recreated if a `flush` emptied the database. Returns the root page."""
    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def search_auto_update_off():
    """Settings under which saves do not update the search index (the loader
    indexes each new record once, itself)."""
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items()
    }
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


def block(block_type, value):
    """One StreamField block in its stored (JSON) form, with a stable id."""
    block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"recap-demo:{block_type}:{value!r}"))
    return {"type": block_type, "value": value, "id": block_id}


def demo_voter_key(question_pk, n):
    return hashlib.sha256(f"recap-demo-voter:{question_pk}:{n}".encode()).hexdigest()
