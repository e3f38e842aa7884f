"""A speaker's uploaded slides stay private until an editor approves them:
Wagtail's document serve view refuses them to anyone but the groups that
manage documents, and `make run` does not serve the file by its own
address either (recap/materials/documents.py)."""

import importlib

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve
from wagtail.models import Collection

from core.groups import EDITORS
from recap.materials.approval import approve, reject
from recap.materials.documents import PENDING_COLLECTION, pending_collection
from recap.materials.models import MaterialSubmission
from tests.materials.conftest import form_data, pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(client, ada_url, panel):
    response = client.post(ada_url, form_data(panel, slides_file=pdf_file()))
    assert response.status_code == 302
    return MaterialSubmission.objects.get()


def test_an_upload_waits_in_a_restricted_collection(client, sent):
    document = sent.slides_document

    assert document.collection.name == PENDING_COLLECTION
    restriction = document.collection.get_view_restrictions().get()
    assert set(restriction.groups.values_list("name", flat=True)) >= {EDITORS}
    response = client.get(document.url)
    # Wagtail sends whoever may not see it to the login page.
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_editor_can_open_the_upload_to_review_it(editor_client, sent):
    response = editor_client.get(sent.slides_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_approved_slides_are_public(client, sent):
    approve(sent)

    document = MaterialSubmission.objects.get().slides_document
    assert document.collection == Collection.get_first_root_node()
    response = client.get(document.url)
    assert response.status_code == 200


def test_rejected_slides_stay_private(client, sent):
    reject(sent)

    response = client.get(MaterialSubmission.objects.get().slides_document.url)
    assert response.status_code == 302


def test_a_removed_restriction_is_put_back_before_the_next_upload(sent):
    collection = sent.slides_document.collection
    collection.get_view_restrictions().delete()

    assert pending_collection() == collection
    assert collection.get_view_restrictions().exists()


def test_make_run_serves_images_but_not_documents_by_their_file_address():
    import conference.urls

    with override_settings(DEBUG=True):
        urls = importlib.reload(conference.urls)
    try:
        assert resolve("/media/original_images/photo.jpg", urls).url_name is None
        with pytest.raises(Resolver404):
            resolve("/media/documents/slides.pdf", urls)
    finally:
        importlib.reload(conference.urls)


def test_serving_documents_directly_is_warned_of(capsys):
    with override_settings(WAGTAILDOCS_SERVE_METHOD="direct"):
        call_command("check", "--tag", "security")

    assert "recap_materials.W001" in capsys.readouterr().err
