import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from recap.materials.links import issue_link, link_path
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Every request of a test counts in one rate-limit window (tests count,
    never time; see tests/questions/conftest.py)."""
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: 4_102_444_800)


@pytest.fixture
def past_event(db):
    start = (timezone.now() - dt.timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return EventPageFactory(
        title="Comms Summit", slug="comms-summit", start=start, end=start + dt.timedelta(hours=9)
    )


@pytest.fixture
def ada(db):
    return SpeakerFactory(name="Ada Okafor", email="ada@example.org", bio="<p>Old bio.</p>")


@pytest.fixture
def ben(db):
    return SpeakerFactory(name="Ben Ruiz", email="")


@pytest.fixture
def panel(past_event, ada, ben):
    session = SessionPageFactory(
        parent=past_event, title="Internal comms and social", kind="panel", revision=True
    )
    add_speaker(session, ada, role="panellist")
    add_speaker(session, ben, role="moderator")
    return session


@pytest.fixture
def ada_url(panel, ada, past_event):
    return link_path(issue_link(ada, past_event))


def pdf_file(name="slides.pdf"):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def pptx_file(name="deck.pptx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    buffer.seek(0)
    buffer.name = name
    return buffer


def form_data(session, **fields):
    data = {"session": session.pk}
    data.update({f"s{session.pk}-{key}": value for key, value in fields.items()})
    return data
