"""The "Broken resource links" report and its count on the dashboard."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from recap.events.models import EventResource
from tests.factories import EventPageFactory, ResourceFactory, WriteUpPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]

REPORT = "recap_resources_broken_links"


@pytest.fixture
def librarian(client, django_user_model):
    """A non-superuser who may edit resources."""
    user = django_user_model.objects.create_user("librarian", password="pw-librarian-1")
    group = Group.objects.create(name="Librarians")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_resource"),
    )
    user.groups.add(group)
    client.force_login(user)
    return client


def checked(title, status, hours_ago=1):
    return ResourceFactory(
        title=title,
        link_status=status,
        link_checked_at=timezone.now() - dt.timedelta(hours=hours_ago),
    )


def rows(response):
    tree = lxml_html.fromstring(response.content)
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("td")]
        for row in tree.xpath("//table[@class='listing']/tbody/tr")
    ]


def test_report_lists_broken_links_with_status_last_checked_and_pages(librarian):
    gone = checked("Gone report", 404, hours_ago=2)
    checked("Silent site", None, hours_ago=1)
    checked("Working article", 200)
    ResourceFactory(title="Never checked")
    event = EventPageFactory(title="Social Media Day")
    EventResource.objects.create(page=event, resource=gone)
    event.save_revision().publish()
    body = json.dumps([{"type": "resource", "value": {"resource": gone.pk, "note": ""}}])
    WriteUpPageFactory(title="What the panel said", body=body)

    response = librarian.get(reverse(REPORT))

    assert response.status_code == 200
    table = rows(response)
    assert [row[0] for row in table] == ["Silent site", "Gone report"]
    assert "No answer" in table[0] and "HTTP 404" in table[1]
    assert "Social Media Day" in table[1][-1] and "What the panel said" in table[1][-1]
    assert table[0][-1] == "No page"
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[event.pk]) in html
    assert reverse("wagtailsnippets_recap_resources_resource:edit", args=[gone.pk]) in html


def test_report_is_in_the_reports_menu_and_counted_on_the_dashboard(librarian):
    checked("Gone report", 404)
    checked("Gone book", 500)
    checked("Working article", 200)

    dashboard = librarian.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 broken resource links" in dashboard
    assert reverse(REPORT) in dashboard


def test_report_is_refused_to_users_who_may_not_edit_resources(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-reader-1")
    group = Group.objects.create(name="Admin readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    checked("Gone report", 404)

    response = client.get(reverse(REPORT))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert "broken resource link" not in dashboard


@pytest.mark.parametrize("count", [5, 25])
def test_report_queries_do_not_grow_with_resources(librarian, django_assert_max_num_queries, count):
    event = EventPageFactory(revision=False)
    for n in range(count):
        resource = checked(f"Gone {n}", 404)
        EventResource.objects.create(page=event, resource=resource)
    event.save_revision().publish()

    with django_assert_max_num_queries(20):
        response = librarian.get(reverse(REPORT))

    assert len(rows(response)) == count


CHECK = "/admin/reports/broken-resource-links/check/"


def last_check_text(response):
    tree = lxml_html.fromstring(response.content)
    return " ".join(tree.xpath("//*[@data-recap-last-check]")[0].text_content().split())


def test_report_says_when_no_check_ever_ran(librarian):
    ResourceFactory(title="Never checked")

    response = librarian.get(reverse(REPORT))

    assert last_check_text(response).startswith("Links have never been checked")


def test_report_says_when_links_were_last_checked(librarian):
    checked("Older", 404, hours_ago=5)
    newest = checked("Newer", 200, hours_ago=2)

    response = librarian.get(reverse(REPORT))

    local = timezone.localtime(newest.link_checked_at)
    assert last_check_text(response) == (
        f"Links last checked on {local.day} {local:%B %Y %H:%M} (2 hours ago)."
    )


def test_check_links_from_the_admin_stores_answers_and_says_so(librarian):
    # A link that nothing answers: no network needed, refused at once.
    gone = ResourceFactory(title="Nowhere", url="http://127.0.0.1:9/nowhere")

    response = librarian.post(CHECK, follow=True)

    gone.refresh_from_db()
    assert gone.link_checked_at is not None and gone.link_status is None
    html = response.content.decode()
    assert "Checked 1 link: 1 broken." in html
    assert "Nowhere" in html  # now in the report
    assert "Links last checked on" in html


def test_check_links_stops_when_its_time_is_spent(librarian, settings):
    settings.RECAP_LINK_CHECK_SECONDS = 0
    resource = ResourceFactory(title="Waiting", url="http://127.0.0.1:9/waiting")

    response = librarian.post(CHECK, follow=True)

    resource.refresh_from_db()
    assert resource.link_checked_at is None
    assert "Checked 0 links: 0 broken. 1 link was left for the next check" in (
        response.content.decode()
    )


def test_check_links_is_a_post_for_those_who_may_change_resources(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-viewer-1")
    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    resource = ResourceFactory(url="http://127.0.0.1:9/x")

    response = client.post(CHECK)

    assert response.status_code in (302, 403)
    resource.refresh_from_db()
    assert resource.link_checked_at is None


def test_check_links_refuses_get(librarian):
    assert librarian.get(CHECK).status_code == 405


def test_report_offers_the_check_button(librarian):
    html = librarian.get(reverse(REPORT)).content.decode()

    assert f'action="{CHECK}"' in html and "Check links now" in html
