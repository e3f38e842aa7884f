"""check_resource_links against a server on this machine (no internet)."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/gone":
            self.send_response(404)
        else:
            self.send_response(200)
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_check_resource_links_stores_statuses_and_lists_broken_links(server):
    ok = ResourceFactory(title="Fine article", url=f"{server}/fine")
    no_head = ResourceFactory(title="Refuses HEAD", url=f"{server}/no-head")
    gone = ResourceFactory(title="Gone report", url=f"{server}/gone")
    out = StringIO()

    call_command("check_resource_links", "--quiet", "--timeout", "5", stdout=out)

    ok.refresh_from_db()
    no_head.refresh_from_db()
    gone.refresh_from_db()
    assert (ok.link_status, no_head.link_status, gone.link_status) == (200, 200, 404)
    assert ok.link_checked_at is not None
    assert "Broken: Gone report" in out.getvalue()
    assert "Fine article" not in out.getvalue()
    assert "Checked 3 link(s); 1 broken." in out.getvalue()


def closed_port():
    """A port on this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_check_resource_links_reports_unreachable_links():
    closed = ResourceFactory(title="Nowhere", url=f"http://127.0.0.1:{closed_port()}/x")
    out = StringIO()

    call_command("check_resource_links", "--quiet", "--timeout", "2", stdout=out)

    closed.refresh_from_db()
    assert closed.link_status is None
    assert "Broken: Nowhere" in out.getvalue()
    assert "(no answer)" in out.getvalue()
