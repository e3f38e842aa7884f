"""gunicorn settings for the reference site (`gunicorn -c site/conference/gunicorn.conf.py`).

Sized for a small app server (2 cores), the machine issue 12's Q&A targets
are measured on (`make bench-venue`). Each value can be overridden from the
environment (GUNICORN_WORKERS...) or the command line (`--workers 4`).
"""

import multiprocessing
import os
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent.parent

wsgi_app = "conference.wsgi:application"
# The `conference` package lives in site/; the Recap apps at the repository's top.
pythonpath = f"{SITE_DIR},{SITE_DIR.parent}"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, not one process per request: a request spends part of its time
# waiting for PostgreSQL and Redis, and a thread lets the same process serve
# another meanwhile; gthread also keeps connections alive (sync workers close
# every connection), which a room of phones polling every few seconds reuses.
worker_class = "gthread"
# One process per core: Python runs one thread at a time per process, so more
# processes than cores only add memory and context switches.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count())
# Enough to overlap database and cache waits; more only queue behind the GIL.
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# Polls come every few seconds from the same phones: keep their connections
# open a little longer than that interval, so they need no new handshake.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE") or 10)
# No request of the site is legitimately longer (imports run in the admin
# with a progress page, not in one request this long).
timeout = 60
graceful_timeout = 30
# Loaded once before forking: workers start faster and share the code's memory.
preload_app = True
# One line per request costs more CPU than the poll it logs at 1,000 a second:
# leave access logs to the proxy in front (GUNICORN_ACCESSLOG=- to turn them on).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
