"""Speakers in more than one language: one person, one record (the default
locale's), with their bio and job title read in the reader's language."""

import pytest
from django.urls import reverse

from recap.speakers.models import Speaker
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    add_speaker,
    make_image,
)
from tests.translating import french, french_url, in_french, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def i18n(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    french()


@pytest.fixture
def directory():
    return SpeakerIndexPageFactory()


@pytest.fixture
def ada():
    speaker = SpeakerFactory(
        name="Ada Quill",
        slug="ada-quill",
        job_title="Director of Communications",
        organisation="Northwind",
        bio="<p>Ada writes about internal comms.</p>",
    )
    translate(
        speaker,
        job_title="Directrice de la communication",
        bio="<p>Ada écrit sur la communication interne.</p>",
    )
    return speaker


def get(client, url, language=None):
    if language is None:
        return client.get(url).content.decode()
    assert language == "fr"
    with in_french():
        return client.get(french_url(url)).content.decode()


def test_a_translation_keeps_the_persons_slug(ada):
    translated = Speaker.objects.get(translation_key=ada.translation_key, locale=french())

    assert translated.pk != ada.pk
    assert translated.slug == "ada-quill"
    assert translated.user_id is None


def test_speaker_page_shows_the_translation_in_french_and_english_otherwise(client, directory, ada):
    french_page = get(client, ada.get_url(), "fr")
    english_page = get(client, ada.get_url())

    assert "Directrice de la communication" in french_page
    assert "Ada écrit sur la communication interne." in french_page
    assert "Director of Communications" not in french_page
    assert "Director of Communications" in english_page
    assert "Ada writes about internal comms." in english_page
    assert "Directrice" not in english_page


def test_speaker_page_json_ld_carries_the_translated_job_title(client, directory, ada):
    page = get(client, ada.get_url(), "fr")

    assert '"jobTitle":"Directrice de la communication"' in page


def test_a_field_left_empty_in_the_translation_falls_back_to_english(client, directory):
    speaker = SpeakerFactory(name="Ben Lowe", job_title="Producer", bio="<p>Ben films.</p>")
    translate(speaker, bio="<p>Ben filme.</p>", job_title="")

    page = get(client, speaker.get_url(), "fr")

    assert "Producer" in page
    assert "Ben filme." in page


def test_directory_lists_each_person_once_in_the_readers_language(client, directory, ada):
    SpeakerFactory(name="Ben Lowe", job_title="Producer")

    french_page = get(client, directory.url, "fr")
    english_page = get(client, directory.url)

    for page in (french_page, english_page):
        assert page.count(">Ada Quill</a>") == 1
        assert page.count(">Ben Lowe</a>") == 1
    assert "Directrice de la communication" in french_page
    assert "Director of Communications" in english_page
    assert "Directrice" not in english_page


def test_sitemap_lists_each_person_once(client, directory, ada):
    urls = directory.get_sitemap_urls()

    assert [u["location"] for u in urls].count("http://localhost/speakers/ada-quill/") == 1


def test_session_page_lists_speakers_in_the_readers_language(client, ada):
    session = SessionPageFactory(parent=EventPageFactory())
    add_speaker(session, ada)

    french_page = get(client, session.url, "fr")
    english_page = get(client, session.url)

    assert "Directrice de la communication, Northwind" in french_page
    assert "Director of Communications, Northwind" in english_page


def test_a_translation_put_on_a_session_links_the_person_itself(ada):
    session = SessionPageFactory(parent=EventPageFactory())
    translated = Speaker.objects.get(translation_key=ada.translation_key, locale=french())

    link = add_speaker(session, translated)

    link.refresh_from_db()
    assert link.speaker_id == ada.pk


def test_speaker_chooser_offers_people_not_translations(admin_client, ada):
    response = admin_client.get(reverse("wagtailsnippetchoosers_recap_speakers_speaker:choose"))

    results = response.json()["html"]
    assert results.count("Ada Quill") == 1
    assert "Français" not in results


def test_speaker_chooser_create_tab_makes_a_default_locale_record(admin_client):
    admin_client.post(
        reverse("wagtailsnippetchoosers_recap_speakers_speaker:create"),
        {"new_speaker-name": "Chloe Wu"},
    )

    created = Speaker.objects.get(name="Chloe Wu")
    assert created.locale.language_code == "en-gb"


def test_translate_action_makes_a_french_record_from_the_admin(admin_client, ada):
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["recap_speakers", "speaker", ada.pk],
    )
    Speaker.objects.filter(locale=french()).delete()

    response = admin_client.post(url, {"locales": [french().pk]})

    assert response.status_code == 302
    translated = Speaker.objects.get(translation_key=ada.translation_key, locale=french())
    assert translated.slug == ada.slug


def test_snippet_listing_filters_by_locale(admin_client, ada):
    url = reverse("wagtailsnippets_recap_speakers_speaker:list")

    french_list = admin_client.get(url, {"locale": "fr"}).content.decode()
    english_list = admin_client.get(url, {"locale": "en-gb"}).content.decode()

    assert "Directrice de la communication" in french_list
    assert "Directrice de la communication" not in english_list


@pytest.mark.parametrize("count", [5, 25])
def test_directory_queries_in_french_do_not_grow(
    client, directory, django_assert_max_num_queries, count
):
    for n in range(count):
        translate(SpeakerFactory(name=f"Person Number{n:03d}"), job_title=f"Poste {n}")
    with in_french():
        client.get(
            french_url(directory.url)
        )  # the filters' choices are kept until something changes

        # +1: the content version, read from the database once per request (recap.core.versioning).
        with django_assert_max_num_queries(10):  # issue 12: pretalx's speaker list makes 9
            response = client.get(french_url(directory.url))

    assert response.content.decode().count("Poste ") == min(count, 24)


@pytest.mark.parametrize("count", [5, 25])
def test_speaker_page_queries_in_french_do_not_grow(
    client, directory, django_assert_max_num_queries, count
):
    speaker = SpeakerFactory(photo=make_image())
    translate(speaker, job_title="Directrice")
    for n in range(count):
        event = EventPageFactory()
        add_speaker(SessionPageFactory(parent=event, title=f"Talk {n}"), speaker)
        resource = ResourceFactory()
        resource.speakers.add(speaker)
        resource.save()
        translate(resource, title=f"Ressource {n}")
    with in_french():
        client.get(
            french_url(speaker.get_url())
        )  # warm: the photo's rendition is made on the first view

        # +1: the content version, read from the database once per request (recap.core.versioning).
        with django_assert_max_num_queries(13):  # issue 12: pretalx's speaker page makes 12
            response = client.get(french_url(speaker.get_url()))

    page = response.content.decode()
    assert "Directrice" in page
    assert page.count("Ressource ") == count


def test_merging_moves_a_translation_the_kept_record_lacks():
    from recap.speakers.merging import merge_speakers

    kept = SpeakerFactory(name="Ada Quill", slug="ada-quill")
    duplicate = SpeakerFactory(name="Ada Quill (old)", slug="ada-old")
    translate(duplicate, job_title="Directrice")

    merge_speakers(duplicate, kept)

    translated = Speaker.objects.get(translation_key=kept.translation_key, locale=french())
    assert translated.job_title == "Directrice"
    assert translated.slug == "ada-quill"
    assert Speaker.objects.count() == 2


def test_merging_two_translations_fills_the_kept_ones_gaps():
    from recap.speakers.merging import merge_speakers

    kept = SpeakerFactory(name="Ada Quill")
    translate(kept, job_title="Directrice", bio="")
    duplicate = SpeakerFactory(name="Ada Q.")
    translate(duplicate, job_title="Autre titre", bio="<p>Bio en français.</p>")

    merge_speakers(duplicate, kept)

    (translated,) = Speaker.objects.filter(locale=french())
    assert translated.translation_key == kept.translation_key
    assert translated.job_title == "Directrice"
    assert translated.bio == "<p>Bio en français.</p>"


def test_a_translation_cannot_be_merged(ada):
    from recap.speakers.merging import MergeRefused, merge_speakers

    other = SpeakerFactory(name="Someone Else")
    translated = Speaker.objects.get(translation_key=ada.translation_key, locale=french())

    with pytest.raises(MergeRefused):
        merge_speakers(translated, other)


def test_speaker_calendar_and_feed_find_the_person_when_a_translation_shares_the_slug(client, ada):
    calendar = client.get(reverse("recap_events:speaker_calendar", args=["ada-quill"]))
    feed = client.get(reverse("recap_writeups:speaker_rss", args=["ada-quill"]))

    assert calendar.status_code == 200
    assert feed.status_code == 200


def test_merge_screen_of_a_translation_says_to_merge_the_person(admin_client, ada):
    translated = Speaker.objects.get(translation_key=ada.translation_key, locale=french())

    response = admin_client.get(
        reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[translated.pk]), follow=True
    )

    assert response.status_code == 200
    assert "not a translation of it" in response.content.decode()
    assert Speaker.objects.filter(pk=translated.pk).exists()
