"""Q&A through a real server: a plenary's throughput, or a whole venue behind one IP.

Run by hand (`make bench-venue`) or by `bench/run.py` (`--json`), never
collected as a test. It makes a scratch PostgreSQL database (on
DATABASE_URL's server when that is PostgreSQL, else
postgres://postgres@127.0.0.1:5432), starts its own redis-server on a free
port (or uses REDIS_URL), migrates, adds a session with approved questions,
and serves the reference site with gunicorn on 127.0.0.1 with
`site/conference/gunicorn.conf.py` (DEBUG off). Then, by default, the
throughput run (issue 12's Q&A targets), one phase after the other:

1. questions: `--clients` keep-alive connections post questions as fast as
   they are accepted for `--seconds`, each a new form (its own submission
   token and start value, as the page gives it) from a new browser, as the
   page's script posts (JSON answer; the no-JS redirect's page view is the
   session page, measured in phase 4); one in 20 is sent twice at once, a
   double-click, which must store once;
2. votes: the same for up-votes on the approved questions, each from its own
   browser (the signed id the page's forms carry), one in 20 sent twice;
3. polling: present mode's `present.json` with the current ETag, which must
   answer 304 (nothing changed);
4. the session page with `--questions` (200) approved questions: one client,
   one request at a time, for the median time.

After phases 1 and 2 it counts the stored rows: lost (accepted, not stored)
and doubled (stored more than once, or a vote counter that disagrees with
its vote rows). It prints a table and, last, one JSON line (`--json` prints
only that line on stdout): questions_per_s, votes_per_s, poll_per_s,
session_p50_ms, lost, doubled, refused.

The client runs on the same machine as the server, so it takes CPU from it
(its own CPU seconds are printed): it is kept cheap, a few hand-written lines
of HTTP/1.1 over asyncio keep-alive connections, with nothing parsed beyond
the status line, the body's length and (for posts) whether it says "ok".
Clients spread over `--addresses` loopback addresses (127.0.0.1,
127.0.0.2...), as a conference's rooms and networks would: the server's
per-IP limits (a venue's address may send 10 questions and 200 votes a second
by default) stay in force, and any 429 is reported as refused.

`--venue` runs the earlier scenario instead: N delegates from 127.0.0.1,
each in its own browser (httpx, cookie jar), arriving over `--spread`
seconds: each opens the session page (which gives the browser its id: a
vote needs one, and an address gets 200 new ids a minute by default), takes the time a person takes to
type, asks one question and up-votes `--votes` questions; some double-click,
some retry after a lost response. It prints sent, accepted, refused (429),
stored, lost and doubled questions and votes, and the accepted rates: a
whole venue on one IP must never be refused.

Bounded: phases of at most 60 s, at most 2,000 delegates, `--deadline`
seconds. Talks only to 127.0.0.x. Needs the `bench` extra (gunicorn, httpx):
`pip install -c constraints.txt -e ".[site,bench]"`.
"""

import argparse
import asyncio
import html
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
MAX_DELEGATES = 2000
MAX_PHASE_SECONDS = 60
RUN = uuid.uuid4().hex[:8]
GUNICORN_CONF = ROOT / "site" / "conference" / "gunicorn.conf.py"
# One post in DOUBLE_EVERY is sent twice at once (a double-click).
DOUBLE_EVERY = 20
CSRF = "benchcsrf" + "0" * 23  # a CSRF secret (32 letters), as cookie and field


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing answered on {HOST}:{port} within {timeout} s")


def local_only(url, name):
    host = urlsplit(url).hostname
    if host not in (HOST, "localhost"):
        raise SystemExit(
            f"{name} must point at {HOST}, not {host}: this bench talks to nothing else"
        )


def prepare_database(server_url):
    """A fresh database on `server_url`'s server; returns its URL."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"recap_venue_bench_{RUN}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl(), admin, name


def drop_database(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(env, questions):
    """Migrate and add an event, a session and approved questions; returns
    (session URL, session id) through a child Django process."""
    code = f"""
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import EventPageFactory, SessionPageFactory, site_root
from tests.questions.factories import DelegateQuestionFactory
site_root()
event = EventPageFactory(title="Venue benchmark")
session = SessionPageFactory(parent=event, title="The plenary")
for n in range({questions}):
    DelegateQuestionFactory(session=session, text=f"Seeded question number {{n}} for the plenary")
from recap.questions.shortcodes import session_code
print(json.dumps([session.url, session.pk, session_code(session)]))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def count_stored(env, session_id):
    """What the database holds after the run, read by a child Django process."""
    code = f"""
import django, json
django.setup()
from django.db.models import Count, Sum
from recap.questions.models import DelegateQuestion, QuestionVote
asked = DelegateQuestion.objects.filter(session_id={session_id}, text__startswith="Delegate ")
texts = dict(asked.values_list("text").annotate(n=Count("pk")))
votes = QuestionVote.objects.filter(question__session_id={session_id})
per_question = dict(votes.values_list("question_id").annotate(n=Count("pk")))
counter = DelegateQuestion.objects.filter(session_id={session_id}).aggregate(s=Sum("votes"))["s"]
print(json.dumps({{"texts": texts, "votes": sum(per_question.values()), "per_question": per_question, "counter": counter}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def hidden(page, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else ""


class Tally:
    def __init__(self):
        self.codes = Counter()
        self.asks_sent = 0
        self.asks_accepted = set()
        self.votes_sent = 0
        self.votes_accepted = set()
        self.votes_tried = set()
        self.dropped = 0
        self.errors = Counter()
        self.span = {}

    def seen(self, kind):
        now = time.monotonic()
        first, _last = self.span.get(kind, (now, now))
        self.span[kind] = (first, now)

    def rate(self, kind, count):
        first, last = self.span.get(kind, (0, 0))
        return count / max(last - first, 1e-9)


async def post(client, url, data, tally, retries=1, kind="vote"):
    """Post as the page's script does; a response lost on the way (the
    connection dropped) is retried once with the same form, as a person would."""
    try:
        response = await client.post(
            url, data=data, headers={"Accept": "application/json", "Referer": str(client.base_url)}
        )
    except httpx.TransportError as error:
        tally.errors[type(error).__name__] += 1
        if retries and not isinstance(error, httpx.TimeoutException):
            tally.dropped += 1
            return await post(client, url, data, tally, retries - 1, kind)
        return None
    tally.codes[response.status_code] += 1
    tally.seen(kind)
    return response


async def delegate(number, base_url, session_url, question_ids, args, tally):
    """One person in the room, in their own browser."""
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, args.spread))
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        try:
            page = (await client.get(session_url)).text
        except httpx.HTTPError as error:
            tally.errors[type(error).__name__] += 1
            return
        csrf = hidden(page, "csrfmiddlewaretoken")
        browser = hidden(page, "browser")
        # A person takes a few seconds to type a question.
        await asyncio.sleep(args.min_fill + rng.uniform(0.5, 3))
        text = f"Delegate {number:05d} of run {RUN} asks about the venue"
        form = {
            "csrfmiddlewaretoken": csrf,
            "text": text,
            "started": hidden(page, "started"),
            "submission_token": hidden(page, "submission_token"),
            "browser": browser,
            "website": "",
        }
        ask_url = re.search(
            r'<form class="recap-question-form" method="post" action="([^"]+)"', page
        )
        ask_url = html.unescape(ask_url.group(1))
        tally.asks_sent += 1
        style = rng.random()
        if style < args.double_click:
            answers = await asyncio.gather(
                *(post(client, ask_url, form, tally, kind="ask") for _ in range(2))
            )
        elif style < args.double_click + args.retry:
            await post(client, ask_url, form, tally, kind="ask")  # its answer "lost"
            answers = [await post(client, ask_url, form, tally, kind="ask")]
        else:
            answers = [await post(client, ask_url, form, tally, kind="ask")]
        if any(a is not None and a.status_code == 200 and a.json().get("ok") for a in answers):
            tally.asks_accepted.add(text)

        chosen = rng.sample(question_ids, min(args.votes, len(question_ids)))
        for index, question_id in enumerate(chosen):
            await asyncio.sleep(rng.uniform(0.05, 0.5))
            url = f"/q/vote/{question_id}/"
            data = {"csrfmiddlewaretoken": csrf, "browser": browser}
            tally.votes_sent += 1
            tally.votes_tried.add((number, question_id))
            style = rng.random()
            if index == 0 and style < args.double_click * 4:
                # The first click from a new browser, twice, before any cookie.
                answers = await asyncio.gather(*(post(client, url, data, tally) for _ in range(2)))
            elif style < args.retry:
                await post(client, url, data, tally)
                answers = [await post(client, url, data, tally)]
            else:
                answers = [await post(client, url, data, tally)]
            if any(a is not None and a.status_code == 200 and a.json().get("ok") for a in answers):
                tally.votes_accepted.add((number, question_id))


async def crowd(base_url, session_url, question_ids, args):
    tally = Tally()
    started = time.monotonic()
    tasks = [
        asyncio.create_task(delegate(n, base_url, session_url, question_ids, args, tally))
        for n in range(args.delegates)
    ]
    done, pending = await asyncio.wait(tasks, timeout=args.deadline)
    for task in pending:
        task.cancel()
    for task in done:
        if task.exception() is not None:
            tally.errors[type(task.exception()).__name__] += 1
    return tally, time.monotonic() - started, len(pending)


def django_child(env, code, timeout=600):
    """Run `code` in a child Python with Django set up; its last line, as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", "import django, json\ndjango.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def make_forms(env, questions, votes):
    """What the session page gives each browser, made by the site's own code
    with its secret key before the clock starts: `questions` ask forms (a
    submission token and its start value, shown a minute ago) and `votes`
    browser ids (the signed value a page view gives a new browser's forms: a
    vote needs one; it is made here, as the page makes it, so that the
    phase measures votes, not page renders)."""
    code = f"""
import time
from recap.questions.forms import new_form_fields
from recap.questions.identity import new_form_token
shown = time.time() - 60
asks = [new_form_fields(at=shown) for _ in range({questions})]
browsers = [new_form_token() for _ in range({votes})]
print(json.dumps({{"asks": asks, "browsers": browsers}}))
"""
    return django_child(env, code)


def stored_counts(env, session_id):
    """Questions stored per text, vote rows and counters per question."""
    code = f"""
from django.db.models import Count
from recap.questions.models import DelegateQuestion, QuestionVote
questions = DelegateQuestion.objects.filter(session_id={session_id})
texts = dict(questions.filter(text__contains="{RUN}").values_list("text").annotate(n=Count("pk")))
rows = dict(
    QuestionVote.objects.filter(question__session_id={session_id})
    .values_list("question_id").annotate(n=Count("pk"))
)
counters = dict(questions.filter(votes__gt=0).values_list("pk", "votes"))
print(json.dumps({{"texts": texts, "rows": rows, "counters": counters}}))
"""
    return django_child(env, code)


class Closed(Exception):
    """The server closed the connection (keep-alive ended); open another."""


class Connection:
    """One keep-alive HTTP/1.1 connection, as cheap as a client can be: the
    request is bytes made in advance, and of the answer only the status line,
    the body's length and the body are read."""

    def __init__(self, port, address):
        self.port = port
        self.address = address
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(
            HOST, self.port, local_addr=(self.address, 0)
        )

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(self, raw):
        """Send `raw`; returns (status, body). Reopens once if the server had
        closed an idle connection."""
        for attempt in (1, 2):
            if self.writer is None:
                await self.open()
            try:
                self.writer.write(raw)
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError) as error:
                await self.close()
                if attempt == 2:
                    raise Closed() from error
                continue
            self.head = head
            status = int(head[9:12])
            lower = head.lower()
            at = lower.find(b"\r\ncontent-length:")
            if at >= 0:
                length = int(lower[at + 17 : lower.index(b"\r\n", at + 2)])
                body = await self.reader.readexactly(length) if length else b""
            elif b"transfer-encoding: chunked" in lower:
                body = await self._chunks()
            else:
                body = b""
            if b"\r\nconnection: close" in lower:
                await self.close()
            return status, body
        raise Closed()

    async def _chunks(self):
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append((await self.reader.readexactly(size + 2))[:-2])


def post_bytes(port, path, fields):
    body = urlencode(fields).encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: csrftoken={CSRF}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def get_bytes(port, path, etag=None):
    extra = f"If-None-Match: {etag}\r\n" if etag else ""
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{extra}\r\n".encode()


class Phase:
    """What one phase's clients saw."""

    def __init__(self, name):
        self.name = name
        self.sent = 0
        self.accepted = set()  # the items (question texts, vote numbers) answered "ok"
        self.tried = set()
        self.codes = Counter()
        self.errors = Counter()
        self.latencies = []
        self.elapsed = 0.0

    @property
    def refused(self):
        return self.codes.get(429, 0)

    def rate(self, count=None):
        count = len(self.accepted) if count is None else count
        return count / self.elapsed if self.elapsed else 0.0

    def p50_ms(self):
        return statistics.median(self.latencies) * 1000 if self.latencies else None


async def run_phase(phase, port, args, items, make_request, is_ok=None, keep_latency=False):
    """`args.clients` connections take items (what to send: one request, or
    two at once for a double-click) until the items or `args.seconds` run out."""
    queue = iter(items)
    deadline = time.monotonic() + min(args.seconds, MAX_PHASE_SECONDS)

    async def send(connection, key, raw):
        began = time.perf_counter()
        try:
            status, body = await connection.request(raw)
        except (Closed, OSError) as error:
            phase.errors[type(error).__name__] += 1
            return
        if keep_latency:
            phase.latencies.append(time.perf_counter() - began)
        phase.codes[status] += 1
        if is_ok is None or is_ok(status, body):
            phase.accepted.add(key)

    async def client(number):
        # Each client sends from its share of the addresses in turn (with
        # --addresses 32 and 16 clients, two each), with a pair of
        # connections from each (the second for double-clicks).
        shares = max(1, -(-args.addresses // args.clients))
        addresses = dict.fromkeys(
            f"127.0.0.{(number + share * args.clients) % args.addresses + 1}"
            for share in range(shares)
        )
        pairs = [[Connection(port, a), Connection(port, a)] for a in addresses]
        turn = 0
        try:
            while time.monotonic() < deadline:
                item = next(queue, None)
                if item is None:
                    return
                connections = pairs[turn % len(pairs)]
                turn += 1
                key, raw, twice = make_request(item)
                phase.sent += 2 if twice else 1
                phase.tried.add(key)
                if twice:
                    await asyncio.gather(*(send(c, key, raw) for c in connections))
                else:
                    await send(connections[0], key, raw)
        finally:
            for pair in pairs:
                for connection in pair:
                    await connection.close()

    began = time.monotonic()
    await asyncio.gather(*(client(n) for n in range(args.clients)))
    phase.elapsed = time.monotonic() - began
    return phase


def ok_json(status, body):
    return status == 200 and b'"ok": true' in body


async def throughput(port, code, session_url, question_ids, forms, args):
    """The four phases, one after the other; returns them by name."""
    phases = {}
    ask_path = f"/q/{code}/"
    # Each worker's first requests load templates, URLs and connections: a
    # few of each kind first, off the clock.
    warm = Connection(port, HOST)
    for _ in range(4 * (args.workers or 2)):
        for path in (session_url, f"/q/{code}/present.json"):
            await warm.request(get_bytes(port, path))
    await warm.close()

    def ask(number):
        form = forms["asks"][number]
        text = f"Delegate {number:06d} of run {RUN} asks about the plenary"
        fields = {"csrfmiddlewaretoken": CSRF, "text": text, "website": "", **form}
        return text, post_bytes(port, ask_path, fields), number % DOUBLE_EVERY == 0

    phases["questions"] = await run_phase(
        Phase("questions"), port, args, range(len(forms["asks"])), ask, ok_json, True
    )

    def vote(number):
        question = question_ids[number % len(question_ids)]
        fields = {"csrfmiddlewaretoken": CSRF, "browser": forms["browsers"][number]}
        raw = post_bytes(port, f"/q/vote/{question}/", fields)
        return (number, question), raw, number % DOUBLE_EVERY == 0

    phases["votes"] = await run_phase(
        Phase("votes"), port, args, range(len(forms["browsers"])), vote, ok_json, True
    )

    poll_path = f"/q/{code}/present.json"
    first = Connection(port, HOST)
    await first.request(get_bytes(port, poll_path))
    await first.close()
    # The ETag, read once from a plain GET's headers.
    etag = re.search(r"(?im)^etag:\s*(\S+)", first.head.decode("latin-1")).group(1)
    poll = get_bytes(port, poll_path, etag)
    phases["polls"] = await run_phase(
        Phase("polls"),
        port,
        args,
        iter(int, 1),  # endless: until the time is up
        lambda _n: ((), poll, False),
        None,
    )
    phases["polls"].accepted = set()
    phases["polls"].not_modified = phases["polls"].codes.get(304, 0)

    page = get_bytes(port, session_url)
    one = argparse.Namespace(**{**vars(args), "clients": 1})
    count = iter(range(args.page_requests + 3))
    phases["page"] = await run_phase(
        Phase("page"),
        port,
        one,
        count,
        lambda n: (n, page, False),
        lambda status, body: status == 200,
        True,
    )
    # The first three warm the workers' caches and connections.
    phases["page"].latencies = phases["page"].latencies[3:]
    return phases


def throughput_report(phases, stored, client_cpu, args, load):
    """The table and the figures; returns the JSON-able result."""
    questions, votes, polls, page = (phases[k] for k in ("questions", "votes", "polls", "page"))
    texts = stored["texts"]
    asks_lost = sum(1 for text in questions.accepted if text not in texts)
    asks_doubled = sum(n - 1 for n in texts.values() if n > 1)
    rows = {int(k): n for k, n in stored["rows"].items()}
    counters = {int(k): n for k, n in stored["counters"].items()}
    accepted = Counter(question for _n, question in votes.accepted)
    tried = Counter(question for _n, question in votes.tried)
    votes_lost = sum(max(0, n - rows.get(q, 0)) for q, n in accepted.items())
    votes_doubled = sum(max(0, n - tried.get(q, 0)) for q, n in rows.items())
    # A counter is the vote rows' count, kept in the question's row: any
    # difference is a vote counted twice or not at all.
    drift = sum(abs(counters.get(q, 0) - rows.get(q, 0)) for q in set(rows) | set(counters))
    result = {
        "questions_per_s": round(questions.rate(), 1),
        "votes_per_s": round(votes.rate(), 1),
        "poll_per_s": round(polls.rate(polls.not_modified), 1),
        "session_p50_ms": round(page.p50_ms() or 0, 1),
        "lost": asks_lost + votes_lost,
        "doubled": asks_doubled + votes_doubled + drift,
        "refused": questions.refused + votes.refused,
    }
    errors = sum(sum(p.errors.values()) for p in phases.values())
    print(
        f"\n{'':10} {'sent':>6} {'accepted':>9} {'stored':>7} {'lost':>5} {'doubled':>8} "
        f"{'refused':>8} {'per s':>7} {'p50 ms':>7}"
    )
    p50 = questions.p50_ms() or 0
    print(
        f"{'questions':10} {questions.sent:>6} {len(questions.accepted):>9} "
        f"{sum(1 for t in texts):>7} {asks_lost:>5} {asks_doubled:>8} {questions.refused:>8} "
        f"{questions.rate():>7.1f} {p50:>7.1f}"
    )
    p50 = votes.p50_ms() or 0
    print(
        f"{'votes':10} {votes.sent:>6} {len(votes.accepted):>9} {sum(rows.values()):>7} "
        f"{votes_lost:>5} {votes_doubled + drift:>8} {votes.refused:>8} {votes.rate():>7.1f} "
        f"{p50:>7.1f}"
    )
    print(
        f"{'polls 304':10} {polls.sent:>6} {polls.not_modified:>9} {'':>7} {'':>5} {'':>8} "
        f"{'':>8} {result['poll_per_s']:>7.1f}"
    )
    print(
        f"{'page':10} {page.sent:>6} {len(page.accepted):>9} {'':>7} {'':>5} {'':>8} {'':>8} "
        f"{'':>7} {result['session_p50_ms']:>7.1f}"
    )
    print()
    for phase in phases.values():
        print(f"{phase.name}: {phase.elapsed:.1f} s, statuses {dict(sorted(phase.codes.items()))}")
    if errors:
        print(f"client errors: {[dict(p.errors) for p in phases.values()]}")
    print(
        f"client CPU {client_cpu:.1f} s (on the same cores as the server); "
        f"load average before / after: {load[0]} / {load[1]}"
    )
    return result


def start_gunicorn(env, port, args, workdir):
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF)]
    command += ["--bind", f"{HOST}:{port}"]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    return subprocess.Popen(command, cwd=ROOT / "site", env=env, stdout=log, stderr=log)


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON line on stdout")
    parser.add_argument("--venue", action="store_true", help="the one-IP venue scenario instead")
    parser.add_argument("--seconds", type=float, default=10, help="per throughput phase (<= 60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections")
    parser.add_argument("--addresses", type=int, default=32, help="loopback addresses to send from")
    parser.add_argument("--page-requests", type=int, default=60, dest="page_requests")
    parser.add_argument("--questions", type=int, default=None, help="approved questions seeded")
    parser.add_argument("--workers", type=int, default=0, help="default: gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, default=0, help="default: gunicorn.conf.py's")
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--votes", type=int, default=20, help="up-votes per delegate (--venue)")
    # A venue's delegates arrive over minutes: 300 over two minutes stay
    # under the default 200 new browser ids a minute per address.
    parser.add_argument("--spread", type=float, default=120, help="seconds over which they arrive")
    parser.add_argument("--deadline", type=float, default=600, help="seconds before giving up")
    parser.add_argument("--double-click", type=float, default=0.1, dest="double_click")
    parser.add_argument("--retry", type=float, default=0.1)
    parser.add_argument("--min-fill", type=float, default=3, dest="min_fill")
    args = parser.parse_args()
    args.delegates = max(1, min(args.delegates, MAX_DELEGATES))
    args.addresses = max(1, min(args.addresses, 250))
    if args.questions is None:
        args.questions = 40 if args.venue else 200
    if args.json:
        # The table and progress go to stderr; stdout's last line is the JSON.
        sys.stdout = sys.stderr

    database_server = os.environ.get("DATABASE_URL") or ""
    if not database_server.startswith(("postgres://", "postgresql://")):
        # `bench/run.py` passes its SQLite file: the Q&A needs PostgreSQL.
        database_server = f"postgres://postgres@{HOST}:5432/postgres"
    local_only(database_server, "DATABASE_URL")
    workdir = Path(tempfile.mkdtemp(prefix="recap-venue-"))
    processes = []
    admin = name = None
    result = None
    try:
        redis_url = os.environ.get("REDIS_URL")
        if redis_url:
            local_only(redis_url, "REDIS_URL")
        else:
            binary = shutil.which("redis-server")
            if binary is None:
                raise SystemExit("redis-server is not installed; or set REDIS_URL")
            redis_port = free_port()
            processes.append(
                subprocess.Popen(
                    [binary, "--port", str(redis_port), "--bind", HOST, "--save", ""],
                    stdout=subprocess.DEVNULL,
                )
            )
            wait_for_port(redis_port)
            redis_url = f"redis://{HOST}:{redis_port}/0"
        database_url, admin, name = prepare_database(database_server)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "conference.settings.dev",
            "DEBUG": "0",
            "SECRET_KEY": f"bench-only-{RUN}",
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "RECAP_QUESTIONS_MIN_FILL_SECONDS": str(args.min_fill),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        }
        print(f"Seeding a session with {args.questions} approved questions...", flush=True)
        session_url, session_id, code = seed(env, args.questions)
        forms = None
        if not args.venue:
            # Enough for the fastest server for the whole phase, made in advance.
            most = int(min(args.seconds, MAX_PHASE_SECONDS) * 1000)
            forms = make_forms(env, most, most)
        port = free_port()
        processes.append(start_gunicorn(env, port, args, workdir))
        wait_for_port(port)
        base_url = f"http://{HOST}:{port}"
        question_ids = seed_ids(env, session_id)
        settings = "gunicorn (site/conference/gunicorn.conf.py"
        if args.workers or args.threads:
            settings += (
                f", workers {args.workers or 'default'} x threads {args.threads or 'default'}"
            )
        settings += "), PostgreSQL, Redis"
        if args.venue:
            print(
                f"{args.delegates} delegates from one IP over {args.spread:.0f} s, each asking "
                f"once and voting {args.votes} times; {settings}",
                flush=True,
            )
            tally, elapsed, unfinished = asyncio.run(
                crowd(base_url, session_url, question_ids, args)
            )
            stored = count_stored(env, session_id)
            result = report(tally, stored, elapsed, unfinished, workdir)
        else:
            print(
                f"Throughput: {args.clients} keep-alive clients from {args.addresses} loopback "
                f"addresses, {args.seconds:g} s per phase; {settings}",
                flush=True,
            )
            load = [load_average()]
            began = time.process_time()
            phases = asyncio.run(throughput(port, code, session_url, question_ids, forms, args))
            client_cpu = time.process_time() - began
            load.append(load_average())
            stored = stored_counts(env, session_id)
            result = throughput_report(phases, stored, client_cpu, args, load)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if name:
            drop_database(admin, name)
    if result is not None:
        sys.stdout = sys.__stdout__
        print(json.dumps(result), flush=True)


def seed_ids(env, session_id):
    code = f"""
import django, json
django.setup()
from recap.questions.models import DelegateQuestion
print(json.dumps(list(DelegateQuestion.objects.filter(session_id={session_id}, status="approved").values_list("pk", flat=True))))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(tally, stored, elapsed, unfinished, workdir):
    texts = stored["texts"]
    asks_stored = sum(1 for text in texts if RUN in text)
    asks_lost = len([t for t in tally.asks_accepted if t not in texts])
    asks_doubled = sum(n - 1 for n in texts.values() if n > 1)
    # Per question: more rows than delegates who tried is a doubled vote;
    # fewer rows than delegates who were told "counted" is a lost one.
    stored_by_question = {int(k): n for k, n in stored["per_question"].items()}
    tried = Counter(q for _d, q in tally.votes_tried)
    accepted = Counter(q for _d, q in tally.votes_accepted)
    votes_doubled = sum(max(0, n - tried[q]) for q, n in stored_by_question.items())
    votes_lost = sum(max(0, n - stored_by_question.get(q, 0)) for q, n in accepted.items())
    print()
    print(
        f"{'':10} {'sent':>6} {'accepted':>9} {'stored':>7} {'lost':>5} {'doubled':>8} {'per s':>7}"
    )
    print(
        f"{'questions':10} {tally.asks_sent:>6} {len(tally.asks_accepted):>9} {asks_stored:>7} "
        f"{asks_lost:>5} {asks_doubled:>8} {tally.rate('ask', len(tally.asks_accepted)):>7.1f}"
    )
    print(
        f"{'votes':10} {tally.votes_sent:>6} {len(tally.votes_accepted):>9} {stored['votes']:>7} "
        f"{votes_lost:>5} {votes_doubled:>8} {tally.rate('vote', len(tally.votes_accepted)):>7.1f}"
    )
    print()
    print(f"vote counters: {stored['counter']} (seeded 0), vote rows: {stored['votes']}")
    print(f"responses by status: {dict(sorted(tally.codes.items()))}")
    print(f"responses lost on the way and retried: {tally.dropped}")
    if tally.errors:
        print(f"client errors: {dict(tally.errors)}")
    print(f"wall time {elapsed:.1f} s, unfinished delegates {unfinished}, server log {workdir}")
    return {
        "questions_per_s": round(tally.rate("ask", len(tally.asks_accepted)), 1),
        "votes_per_s": round(tally.rate("vote", len(tally.votes_accepted)), 1),
        "lost": asks_lost + votes_lost,
        "doubled": asks_doubled + votes_doubled,
        "refused": tally.codes.get(429, 0),
    }


if __name__ == "__main__":
    main()
