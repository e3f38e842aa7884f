"""`manage.py ensure_site`: `make run` points the default Site at the address
it serves, so links built without a request ("View live") work."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from tests.factories import site_root

pytestmark = pytest.mark.django_db


def ensure_site(*args):
    out = io.StringIO()
    call_command("ensure_site", *args, stdout=out)
    return out.getvalue()


def test_ensure_site_sets_the_default_sites_host_and_port():
    home = site_root()

    output = ensure_site("--host", "127.0.0.1", "--port", "8000")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8000, home.pk)
    assert site.root_url == "http://127.0.0.1:8000"
    assert "http://127.0.0.1:8000" in output
    assert Site.objects.count() == 1


def test_ensure_site_makes_view_live_links_name_the_served_address():
    home = site_root()

    ensure_site("--host", "127.0.0.1", "--port", "8000")

    assert Page.objects.get(pk=home.pk).full_url == "http://127.0.0.1:8000/"


def test_ensure_site_is_idempotent():
    site_root()
    ensure_site("--host", "127.0.0.1", "--port", "8000")

    output = ensure_site("--host", "127.0.0.1", "--port", "8000")

    assert "already" in output
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_ensure_site_names_the_machine_for_a_wildcard_address():
    site_root()

    ensure_site("--host", "0.0.0.0", "--port", "8000")  # noqa: S104

    assert Site.objects.get(is_default_site=True).root_url == "http://localhost:8000"


def test_ensure_site_creates_the_default_site_on_the_top_page_when_there_is_none():
    home = site_root()
    Site.objects.all().delete()

    ensure_site("--host", "recap.example.org", "--port", "443")

    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert site.root_url == "https://recap.example.org"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "127.0.0.1:8000"], "not a hostname"),
        (["--host", "http://example.org/"], "not a hostname"),
        (["--host", "127.0.0.1", "--port", "0"], "not a port"),
        (["--host", "127.0.0.1", "--port", "70000"], "not a port"),
    ],
)
def test_ensure_site_refuses_bad_input(args, message):
    site_root()

    with pytest.raises(CommandError, match=message):
        ensure_site(*args)

    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"


def test_ensure_site_refuses_an_address_another_site_holds():
    site_root()
    other_root = Page.objects.get(depth=1).add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=other_root)

    with pytest.raises(CommandError, match="Another Site"):
        ensure_site("--host", "127.0.0.1", "--port", "8000")
