"""Applying an import plan: writing it, all of it or nothing.

`apply_import` writes what `planning.plan_import` worked out in one
transaction: the new event (or the widened dates of an existing one), the
sessions to create and the sessions to update, each with one revision
(published, or as a draft for an editor who may not publish).

New sessions are written in bulk (`create_sessions`): `add_child()` and
`save_revision().publish()` per page (tree locking, full_clean, two saves,
signals, a search and a reference-index update apiece) cost 36 ms of CPU a
session (300 sessions: 10.9 s), three minutes or more for a 5,000-session
file, against the 60 s target. Instead, with public APIs only, the tree
paths of the new children are computed as treebeard's `add_child` would
(`core.tree.new_child_paths`), and the page rows, the sessions' rows, their
speakers, one revision per page and the log entries are each written in a
few bulk statements; each page's reference-index entries are written by
Wagtail's `ReferenceIndex.create_or_update_for_object`, and the new pages
join the search index in one bulk call at the end (5,000 sessions: 12.8 s
of CPU; docs/private-apis.md has the figures). What `Page.save()` would have done per page is done
here: control characters stripped, the abstract's cleaned copy stored, URL
path, draft title, publish dates. Like `load_demo --scale`, the per-page
`page_published` signal is not sent for new sessions; updated sessions and the
event go through Wagtail's usual path, signals included.

Without those signals nothing would tell the caches: the event's cached
programme would go on showing the programme without its new sessions. So an
import that wrote anything bumps the content version (`core.versioning`)
once, when its transaction commits: bumped earlier, a request that read the
old rows before the commit could cache them under the new version. An
unchanged re-import writes nothing and keeps every cached page.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from recap.core.cleaned_text import fill_cleaned_copies
from recap.core.control_characters import strip_control_characters
from recap.core.tree import new_child_paths
from recap.core.versioning import bump_content_version
from recap.speakers.models import Speaker

from ..models import EventPage, EventRoom, SessionPage, SessionSpeaker, room_name_key
from ..roles import give_panel_roles
from .planning import CREATE, UPDATE
from .reading import ImportRefused


@dataclass
class ImportResult:
    event: EventPage
    created: int = 0
    updated: int = 0
    skipped: int = 0
    submitted: int = 0


def apply_import(plan, *, index_page=None, publish=True, user=None, progress=None, submit=False):
    """Write a plan in one transaction: all of it, or nothing.

    `progress`, if given, wraps the iterable of sessions (a tqdm bar).
    `submit` (with `publish=False`): each page the import saved as a draft
    (a new or widened event, each new or updated session) is submitted to
    its moderation workflow, as Wagtail's editor does for an editor who
    cannot publish; a page without a workflow, or already in one, stays a
    plain draft."""
    items = [item for item in plan.sessions if item.action in (CREATE, UPDATE)]
    names = {name.lower() for item in items for name in item.speaker_names}
    speakers = {}
    if names:
        matches = Speaker.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
        for speaker in matches.order_by("pk"):
            speakers.setdefault(speaker.lower_name, speaker)
    drafts = []
    with transaction.atomic():
        event = _prepare_event(plan, index_page, publish, user)
        if plan.event is None or plan.widen_to:
            drafts.append(event)
        rooms = _rooms_of(event, items, user)
        taken = set(event.get_children().values_list("slug", flat=True))
        result = ImportResult(event=event, skipped=len(plan.sessions) - len(items))
        created = [item for item in items if item.action == CREATE]
        for item in progress(items) if progress else items:
            if item.action == UPDATE:
                drafts.append(_update_session(item, speakers, rooms, publish, user))
                result.updated += 1
        if created:
            drafts += create_sessions(event, created, speakers, rooms, taken, publish, user)
            result.created = len(created)
        if result.created or result.updated:
            # Once, after the commit (see the module's docstring).
            transaction.on_commit(bump_content_version)
        if submit and not publish:
            result.submitted = submit_to_moderation(drafts, user)
    return result


def submit_to_moderation(pages, user):
    """Start each page's moderation workflow (Wagtail's public API:
    `get_workflow()`, `workflow.start()`), as the editor's "Submit for
    moderation" does; the number of pages submitted."""
    submitted = 0
    for page in pages:
        workflow = page.get_workflow()
        if workflow is None or page.workflow_in_progress:
            continue
        workflow.start(page, user)
        submitted += 1
    return submitted


def _save(page, publish, user):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _unique_slug(title, taken):
    base = slugify(title)[:200] or "session"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _prepare_event(plan, index_page, publish, user):
    if plan.event is not None:
        event = EventPage.objects.get(pk=plan.event.pk)
        if plan.widen_to:
            event.start, event.end = plan.widen_to
            _save(event, publish, user)
        return event
    if index_page is None:
        raise ImportRefused(gettext("There is no event index to create the new event under."))
    span = plan.event_span
    if span is None:
        raise ImportRefused(
            gettext("Nothing in this file can be imported, so no event was created.")
        )
    taken = set(index_page.get_children().values_list("slug", flat=True))
    event = EventPage(
        title=plan.new_event_title,
        slug=_unique_slug(plan.new_event_title, taken),
        start=span[0],
        end=span[1],
        time_zone=plan.zone.key,
        live=publish,
    )
    index_page.add_child(instance=event)
    _save(event, publish, user)
    return event


def _rooms_of(event, items, user):
    """The event's rooms by name key, with a room created (after the others,
    in the file's order) for each LOCATION the event has no room for, whatever
    its case: "Main Hall" in the file is the event's "Main hall"."""
    rooms = {}
    last = -1
    for room in EventRoom.objects.filter(page=event).order_by("sort_order", "pk"):
        rooms.setdefault(room_name_key(room.name)[1], room)
        last = max(last, room.sort_order or 0)
    created = []
    for item in items:
        name, key = room_name_key(item.room)
        if name and key not in rooms:
            last += 1
            rooms[key] = EventRoom.objects.create(page=event, name=name, sort_order=last)
            created.append(rooms[key])
    if created:
        _keep_rooms_in_draft(event, created, user)
    return rooms


def _keep_rooms_in_draft(event, created, user):
    """The new rooms are in the database (sessions point at them). An event
    with unpublished changes would lose them when that draft is published (its
    revision lists the rooms it knew), so the draft gets them too."""
    event = EventPage.objects.get(pk=event.pk)
    if not event.has_unpublished_changes or event.latest_revision_id is None:
        return
    draft = event.get_latest_revision_as_object()
    rooms = list(draft.rooms.all())
    known = {room.pk for room in rooms}
    draft.rooms = rooms + [room for room in created if room.pk not in known]
    draft.save_revision(user=user)


def _speaker_links(item, speakers, existing_ids=()):
    links = []
    for name in item.speaker_names:
        speaker = speakers.get(name.lower())
        if speaker and speaker.pk not in existing_ids:
            links.append(SessionSpeaker(speaker=speaker))
    return links


def _room(item, rooms):
    name, key = room_name_key(item.room)
    return rooms.get(key) if name else None


def _new_session(event, item, slug, path, rooms, publish, user, now):
    """An unsaved SessionPage with every field `Page.save()` would set."""
    session = SessionPage(
        path=path,
        depth=event.depth + 1,
        numchild=0,
        slug=slug,
        url_path=f"{event.url_path}{slug}/",
        draft_title=item.title,
        locale_id=event.locale_id,
        owner=user,
        live=publish,
        room=_room(item, rooms),
        has_unpublished_changes=not publish,
        first_published_at=now if publish else None,
        last_published_at=now if publish else None,
        latest_revision_created_at=now,
        calendar_uid=item.calendar_uid,
        **item.session_values(),
    )
    # What the pre_save receivers do on save().
    strip_control_characters(SessionPage, session)
    fill_cleaned_copies(session)
    return session


def insert_pages(model, pages):
    """Write unsaved pages of `model` (every field set, tree path included)
    in bulk: what bulk_create does, which Django refuses for multi-table
    models such as pages. The wagtailcore_page rows first, with bulk_create
    (Page is the concrete base: it gives their ids), then the rows of
    `model`'s own table pointing at them, one parameterised INSERT run for
    all of them (`insert_rows`). The caller updates the parent's `numchild`.
    Also used by `load_demo --scale`."""
    page_fields = [f.attname for f in Page._meta.local_concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages],
        batch_size=500,
    )
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
    insert_rows(model, pages)
    return pages


def insert_rows(model, objects):
    """INSERT the rows of `model`'s own table (its local fields, the link to
    its parent table included) for `objects`, with the public raw-SQL API:
    one statement, executed for every row (`executemany`). Values go through
    each field's `pre_save` and `get_db_prep_save`, as Django's own save
    does. Names are quoted the SQL-standard way, which SQLite and PostgreSQL
    (the databases Recap supports) both read."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(f'"{field.column}"' for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model's _meta, never from input; values are parameters.
    sql = f'INSERT INTO "{model._meta.db_table}" ({columns}) VALUES ({placeholders})'  # noqa: S608
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def create_sessions(event, items, speakers, rooms, taken, publish, user):
    """Create the sessions of `items` under `event`, in bulk (see the module's
    docstring): a fixed number of multi-row INSERTs per few hundred sessions."""
    now = timezone.now()
    sessions, links = [], []
    for item, path in zip(items, new_child_paths(event, len(items)), strict=True):
        session = _new_session(
            event, item, _unique_slug(item.title, taken), path, rooms, publish, user, now
        )
        sessions.append(session)
    insert_pages(SessionPage, sessions)
    Page.objects.filter(pk=event.pk).update(numchild=F("numchild") + len(sessions))

    relations = [relation.get_accessor_name() for relation in get_all_child_relations(SessionPage)]
    for session, item in zip(sessions, items, strict=True):
        # Every child relation in memory (a new page has none but its
        # speakers), so the revision's content and the reference index read
        # no row back, page by page.
        for name in relations:
            setattr(session, name, [])
        session_links = _speaker_links(item, speakers)
        give_panel_roles(item.kind, session_links)
        for order, link in enumerate(session_links):
            link.page, link.sort_order = session, order
        session.speaker_links = session_links
        links += session_links
    SessionSpeaker.objects.bulk_create(links, batch_size=500)

    session_type = ContentType.objects.get_for_model(SessionPage)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=session_type,
                base_content_type=page_type,
                object_id=str(session.pk),
                created_at=now,
                user=user,
                object_str=session.title,
                content=session.serializable_data(),
            )
            for session in sessions
        ],
        batch_size=500,
    )
    for session, revision in zip(sessions, revisions, strict=True):
        session.latest_revision = revision
        session.live_revision = revision if publish else None
    # Each page points at its revision: one UPDATE with a subquery (a CASE
    # per page, as bulk_update writes, costs seconds at this size).
    # The new pages are the event's children without a revision (a filter
    # on the tree, not a list of thousands of ids, which SQLite limits).
    new_pages = Page.objects.filter(
        path__startswith=event.path, depth=event.depth + 1, latest_revision__isnull=True
    )
    own_revision = Revision.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
    ).values("pk")[:1]
    new_pages.update(
        latest_revision_id=Subquery(own_revision),
        live_revision_id=Subquery(own_revision) if publish else None,
    )
    _log_created(sessions, revisions, session_type, publish, user, now)
    _index_created(sessions, session_type, page_type)
    return sessions


def _log_created(sessions, revisions, content_type, publish, user, now):
    """The history entries Wagtail writes when a page is created (and published)."""
    entries = []
    for session, revision in zip(sessions, revisions, strict=True):
        common = {
            "content_type": content_type,
            "label": session.title,
            "timestamp": now,
            "user": user,
            "page_id": session.pk,
        }
        entries.append(PageLogEntry(action="wagtail.create", **common))
        if publish:
            entries.append(
                PageLogEntry(
                    action="wagtail.publish", revision=revision, content_changed=True, **common
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=500)


def _index_created(sessions, content_type, base_content_type):
    """The new sessions' reference-index entries (their speakers, for the
    snippets' "usage" pages) and search entries, each added in bulk at the end
    rather than one page at a time. New pages have no entries to replace."""
    for session in sessions:
        ReferenceIndex.create_or_update_for_object(session)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(SessionPage, sessions)


def _update_session(item, speakers, rooms, publish, user):
    session = SessionPage.objects.get(pk=item.existing.pk)
    for name, value in item.session_values().items():
        setattr(session, name, value)
    session.room = _room(item, rooms)
    existing = list(session.speaker_links.all())
    added = _speaker_links(item, speakers, {link.speaker_id for link in existing})
    give_panel_roles(session.kind, existing + added, added)
    for link in added:
        session.speaker_links.add(link)
    _save(session, publish, user)
    return session
