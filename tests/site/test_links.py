"""Links and headers on the demo's pages.

Links work wherever the site is served: every public page of the demo,
fetched under a host and port that are not the Site record's, names that
host and port in every absolute URL it gives (links, canonical, og:url,
JSON-LD, calendar and feed URLs, webcal://, share links), and each of those
URLs answers.

Every public page type also sends the Content-Security-Policy and
Permissions-Policy headers (tests/site/test_security_headers.py tests the
middleware itself).

The demo is loaded once for the module, in a transaction rolled back at the
end, so the crawl and the header check cost one load."""

import html
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Site

from recap.urls import API_PREFIX
from tests.snapshots import demo_for_module

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

# Not the Site record's (the demo's Site is localhost:80).
HOST = "recap.example.org:8123"
ORIGIN = f"http://{HOST}"
# Enough for every page type of the demo several times over, bounded so the
# test stays quick however the demo grows.
CRAWL_LIMIT = 300
ABSOLUTE_URL = re.compile(r"""(?:https?|webcal)://[^\s"'<>\\`)]+""")
# Served by the web server, not by Django, in production (and by Django only
# with DEBUG on): checked on disk instead.
FILE_PREFIXES = ("/static/", "/media/")
NOT_CRAWLED = ("/admin/", "/documents/")
API_LISTINGS = [
    f"/{API_PREFIX}pages/?type=recap_events.SessionPage&fields=*",
    f"/{API_PREFIX}pages/?type=recap_writeups.WriteUpPage&fields=*",
    f"/{API_PREFIX}speakers/?fields=*",
    f"/{API_PREFIX}resources/",
]


@pytest.fixture(scope="module")
def demo(demo_snapshot, django_db_blocker):
    with demo_for_module(demo_snapshot, django_db_blocker) as loaded:
        yield loaded.media_root


class LinkParser(HTMLParser):
    """The paths of a page's internal links (a and link hrefs)."""

    def __init__(self):
        super().__init__()
        self.paths = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag in ("a", "link") and href.startswith("/") and not href.startswith("//"):
            self.paths.append(href)


def internal_paths(body):
    parser = LinkParser()
    parser.feed(body)
    return parser.paths


def absolute_urls(text):
    """Every absolute URL in a response's text, and those inside their query
    strings (a share link carries the page's URL)."""
    found = []
    for url in ABSOLUTE_URL.findall(html.unescape(text)):
        url = url.rstrip(".,;")
        found.append(url)
        for _, value in parse_qsl(urlsplit(url).query):
            found += absolute_urls(unquote(value))
    return found


def origin_of(url):
    parts = urlsplit(url.replace("webcal://", "http://", 1))
    return f"{parts.scheme}://{parts.netloc}", parts


def our_hostnames():
    """Hosts that mean "this site": the served one, the Site record's, and the
    defaults a wrongly built link falls back to."""
    names = {"localhost", "127.0.0.1", "testserver", urlsplit(ORIGIN).hostname}
    names |= set(Site.objects.values_list("hostname", flat=True))
    return names


def path_of(parts):
    return parts.path + (f"?{parts.query}" if parts.query else "")


def file_exists(path, media_root):
    path = unquote(path.split("?")[0])
    if path.startswith("/media/"):
        return (Path(media_root) / path.removeprefix("/media/")).is_file()
    return finders.find(path.removeprefix("/static/")) is not None


def test_every_absolute_url_on_the_demo_names_the_serving_host_and_answers(demo, client, settings):
    settings.ALLOWED_HOSTS = [urlsplit(ORIGIN).hostname]
    settings.MEDIA_ROOT = demo
    ours = our_hostnames()
    # The home page, and what no page links to: robots.txt names the sitemap,
    # and the API is for programs (its listings give each item's URLs).
    queue = deque(["/", "/robots.txt", *API_LISTINGS])
    queued = set(queue)
    statuses = {}
    wrong_host, not_answering, checked = [], [], set()

    def fetch(path):
        if path not in statuses:
            statuses[path] = client.get(path, HTTP_HOST=HOST)
        return statuses[path]

    while queue and len(statuses) < CRAWL_LIMIT:
        path = queue.popleft()
        response = fetch(path)
        if response.status_code != 200 or response.streaming:
            body = b"".join(response.streaming_content) if response.streaming else b""
        else:
            body = response.content
        text = body.decode("utf-8", "replace")
        if response.get("Content-Type", "").startswith("text/calendar"):
            text = re.sub(r"\r\n[ \t]", "", text)  # unfold content lines (RFC 5545 3.1)
        links = internal_paths(text) if "html" in response.get("Content-Type", "") else []
        for url in absolute_urls(text):
            origin, parts = origin_of(url)
            if origin == ORIGIN:
                links.append(path_of(parts))
                checked.add((url, path))
            elif parts.hostname in ours:
                wrong_host.append(f"{url} (on {path})")
        for link in links:
            link = link.split("#")[0]
            if link and link not in queued and not link.startswith(NOT_CRAWLED):
                if link.startswith(FILE_PREFIXES):
                    if not file_exists(link, demo):
                        not_answering.append(f"{link}: no such file")
                    queued.add(link)
                    continue
                queued.add(link)
                queue.append(link)

    for url, page in checked:
        path = path_of(origin_of(url)[1])
        if path.startswith(FILE_PREFIXES + NOT_CRAWLED):
            continue
        status = fetch(path).status_code
        if status != 200:
            not_answering.append(f"{url} (on {page}): {status}")

    assert len(statuses) > 50, "the crawl should reach the demo's pages"
    assert any(url.endswith(".ics") for url, _ in checked)
    assert any(url.startswith("webcal://") for url, _ in checked)
    assert wrong_host == [], "\n".join(wrong_host)
    assert not_answering == [], "\n".join(sorted(set(not_answering)))


# One of each public page type, for the security headers.
PAGE_TYPES = [
    "/",
    "/events/",
    "/events/open-channels-live/",
    "/events/open-channels-live/?view=list",
    "/events/open-channels-live/inside-out/",
    "/events/open-channels-live/programme.ics",
    "/events/open-channels-live/schedule.xml",
    "/speakers/",
    "/speakers/maya-ellison/",
    "/write-ups/",
    "/write-ups/who-owns-social-media-at-work/",
    "/write-ups/feed/rss/",
    "/topics/",
    "/topics/social-media/",
    "/resources/",
    "/search/?q=excellence",
    "/api/v2/pages/",
    "/no-such-page/",
]


def test_every_public_page_type_sends_csp_and_permissions_policy(client, demo, settings):
    from recap.events.models import SessionPage
    from recap.questions.shortcodes import session_code

    settings.MEDIA_ROOT = demo  # the demo's images
    session = SessionPage.objects.get(slug="inside-out")
    paths = [*PAGE_TYPES, f"/q/{session_code(session)}/", f"/q/{session_code(session)}/present/"]

    missing = {}
    for path in paths:
        response = client.get(path)
        csp = response.get("Content-Security-Policy", "")
        if "script-src 'self'" not in csp or "'unsafe-inline'" in csp:
            missing[path] = ("csp", response.status_code, csp)
        elif "camera=()" not in response.get("Permissions-Policy", ""):
            missing[path] = ("permissions", response.status_code)

    assert missing == {}
