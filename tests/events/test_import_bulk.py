"""Importing writes new sessions in bulk: what Wagtail would have stored
page by page is there (one revision each, history, the tree, search and
reference indexes), and importing the same file again writes nothing."""

from pathlib import Path

import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from recap.core.versioning import content_version
from recap.events.importing import apply_import, plan_import
from recap.events.models import SessionPage
from recap.speakers.models import Speaker
from tests.factories import EventIndexPageFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ics"


def import_file(name, index, **kwargs):
    data = (FIXTURES / name).read_bytes()
    return apply_import(plan_import(data, name), index_page=index, **kwargs)


@pytest.fixture
def index():
    return EventIndexPageFactory()


def test_each_imported_session_has_one_published_revision_and_its_history(index):
    result = import_file("pretalx-comms-camp-2026.ics", index)

    sessions = list(SessionPage.objects.child_of(result.event))
    assert len(sessions) == 2
    for session in sessions:
        revisions = list(Revision.page_revisions.filter(object_id=str(session.pk)))
        assert len(revisions) == 1
        assert session.live and not session.has_unpublished_changes
        assert session.live_revision_id == session.latest_revision_id == revisions[0].pk
        assert revisions[0].as_object().title == session.title
        assert Page.objects.get(pk=session.pk).specific_class is SessionPage
        actions = set(PageLogEntry.objects.filter(page=session).values_list("action", flat=True))
        assert actions == {"wagtail.create", "wagtail.publish"}
    assert Page.find_problems() == ([], [], [], [], [])


def test_imported_drafts_have_one_unpublished_revision(index):
    result = import_file("pretalx-comms-camp-2026.ics", index, publish=False)

    for session in SessionPage.objects.child_of(result.event):
        assert not session.live and session.has_unpublished_changes
        assert session.live_revision_id is None
        assert Revision.page_revisions.filter(object_id=str(session.pk)).count() == 1


def test_imported_sessions_store_cleaned_abstracts_and_are_searchable(index):
    result = import_file("pretalx-comms-camp-2026.ics", index)

    listening = SessionPage.objects.child_of(result.event).get(
        title="Listening at scale, without losing the plot"
    )
    assert "40,000 comments a month; and what they changed" in listening.abstract_text
    assert "<p>" not in listening.abstract_text
    found = SessionPage.objects.live().search("Listening")
    assert listening.pk in [page.pk for page in found]


def test_imported_speaker_links_are_in_the_reference_index(index):
    ada = SpeakerFactory(name="Ada Okafor")
    SpeakerFactory(name="Ben Ito")

    result = import_file("sessionize-ic-summit.ics", index)

    panel = SessionPage.objects.child_of(result.event).get(title__startswith="Panel:")
    usage = ReferenceIndex.get_references_to(ada)
    assert [(ref.object_id, ref.model_path) for ref in usage] == [
        (str(panel.pk), "speaker_links.item.speaker")
    ]
    # As Wagtail indexes the page itself: nothing to add or remove.
    before = set(ReferenceIndex.objects.values_list("object_id", "content_path"))
    ReferenceIndex.create_or_update_for_object(panel)
    assert set(ReferenceIndex.objects.values_list("object_id", "content_path")) == before
    assert Speaker.objects.count() == 2


def test_reimporting_an_unchanged_file_writes_nothing(index):
    import_file("sessionize-ic-summit.ics", index)
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())

    result = import_file("sessionize-ic-summit.ics", index)

    assert (result.created, result.updated) == (0, 0)
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
    ) == counts


def test_import_adds_sessions_after_existing_children(index):
    first = import_file("sessionize-ic-summit.ics", index)
    data = (FIXTURES / "sessionize-ic-summit.ics").read_bytes().replace(b"UID:", b"UID:more-")

    apply_import(plan_import(data, "more.ics", event=first.event), index_page=index)

    assert SessionPage.objects.child_of(first.event).count() == 4
    assert Page.find_problems() == ([], [], [], [], [])
    first.event.refresh_from_db()
    assert first.event.numchild == 4


def test_importing_into_a_cached_programme_shows_the_new_sessions_at_once(
    index, client, django_capture_on_commit_callbacks
):
    data = (FIXTURES / "sessionize-ic-summit.ics").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        first = apply_import(plan_import(data, "summit.ics"), index_page=index)
    assert "Measuring what matters" in client.get(first.event.url).content.decode()
    more = data.replace(b"UID:", b"UID:more-").replace(
        b"SUMMARY:Measuring what matters", b"SUMMARY:Listening at scale, day two"
    )

    # Inside the event's dates: the event itself is not saved again, so no
    # page_published signal tells the cache; the import must.
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(plan_import(more, "more.ics", event=first.event), index_page=index)

    html = client.get(first.event.url).content.decode()
    assert "Listening at scale, day two" in html
    assert "Measuring what matters" in html


def test_reimporting_an_unchanged_file_keeps_the_cached_pages(
    index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_file("sessionize-ic-summit.ics", index)
    version = content_version()

    with django_capture_on_commit_callbacks(execute=True):
        import_file("sessionize-ic-summit.ics", index)

    assert content_version() == version
