"""A whole venue behind one IP, against a real server (`make bench-venue`).

Run by hand, never collected as a test. It:

1. makes a scratch PostgreSQL database (DATABASE_URL's server, default
   postgres://postgres@127.0.0.1:5432) and starts its own redis-server on a
   free port (or uses REDIS_URL), migrates, and adds a session with
   approved questions to vote for;
2. serves the reference site with gunicorn on 127.0.0.1 (DEBUG off);
3. sends N delegates at it, each its own browser (cookie jar), all from
   127.0.0.1, arriving over `--spread` seconds: each opens the session page,
   takes the time a person takes to type, asks one question and up-votes
   `--votes` questions. Some double-click (two posts at once, before any
   cookie is set), some retry after a lost response (the same post again);
4. prints, for questions and votes: sent, accepted, refused (429), errors,
   stored, lost (accepted but not stored), doubled (stored more than once),
   and the accepted rate.

Bounded: at most 2,000 delegates and `--deadline` seconds. Talks only to
127.0.0.1. Needs the `bench` extra (gunicorn, httpx):
`pip install -c constraints.txt -e ".[site,bench]"`.
"""

import argparse
import asyncio
import html
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
MAX_DELEGATES = 2000
RUN = uuid.uuid4().hex[:8]


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
    name = f"recap_bench_venue_{RUN}"
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
print(json.dumps([session.url, session.pk]))
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
    import json

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
    import json

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--votes", type=int, default=20, help="up-votes per delegate")
    parser.add_argument("--questions", type=int, default=40, help="approved questions to vote on")
    parser.add_argument("--spread", type=float, default=60, help="seconds over which they arrive")
    parser.add_argument("--deadline", type=float, default=600, help="seconds before giving up")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--double-click", type=float, default=0.1, dest="double_click")
    parser.add_argument("--retry", type=float, default=0.1)
    parser.add_argument("--min-fill", type=float, default=3, dest="min_fill")
    args = parser.parse_args()
    args.delegates = max(1, min(args.delegates, MAX_DELEGATES))

    database_server = os.environ.get("DATABASE_URL") or f"postgres://postgres@{HOST}:5432/postgres"
    local_only(database_server, "DATABASE_URL")
    workdir = Path(tempfile.mkdtemp(prefix="recap-venue-"))
    processes = []
    admin = name = None
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
        print(f"Seeding a session with {args.questions} questions...", flush=True)
        session_url, session_id = seed(env, args.questions)
        port = free_port()
        log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "conference.wsgi:application",
                    "--bind",
                    f"{HOST}:{port}",
                    "--workers",
                    str(args.workers),
                    "--threads",
                    str(args.threads),
                    "--worker-class",
                    "gthread",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT / "site",
                env=env,
                stdout=log,
                stderr=log,
            )
        )
        wait_for_port(port)
        base_url = f"http://{HOST}:{port}"
        question_ids = seed_ids(env, session_id)
        print(
            f"{args.delegates} delegates from one IP over {args.spread:.0f} s, each asking once "
            f"and voting {args.votes} times; gunicorn {args.workers}x{args.threads} "
            "threads, PostgreSQL, Redis",
            flush=True,
        )
        tally, elapsed, unfinished = asyncio.run(crowd(base_url, session_url, question_ids, args))
        stored = count_stored(env, session_id)
        report(tally, stored, elapsed, unfinished, workdir)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if name:
            drop_database(admin, name)


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
    import json

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


if __name__ == "__main__":
    main()
