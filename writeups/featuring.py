"""Who a write-up features: the speakers of the sessions it covers and the
speakers it quotes are added to its "people featured" on every save, next to
the people editors added by hand (who are never removed)."""

from recap.events.models import SessionSpeaker
from recap.speakers.models import Speaker


def quoted_speaker_ids(body):
    """Speaker ids of the quote blocks in a write-up body, in order (read
    from the raw stream, so no block is rendered and no speaker fetched)."""
    ids = []
    for block in body.raw_data if body else []:
        if block.get("type") == "quote":
            speaker_id = (block.get("value") or {}).get("speaker")
            if speaker_id:
                ids.append(speaker_id)
    return ids


def featured_speaker_ids(page):
    """Speakers the write-up should feature: those of its covered sessions
    (in session and speaker order), then those it quotes."""
    session_ids = [link.session_id for link in page.session_links.all() if link.session_id]
    ids = []
    if session_ids:
        order = {session_id: n for n, session_id in enumerate(session_ids)}
        rows = SessionSpeaker.objects.filter(page_id__in=session_ids).values_list(
            "page_id", "sort_order", "speaker_id"
        )
        ids += [
            speaker_id for _, _, speaker_id in sorted(rows, key=lambda r: (order[r[0]], r[1] or 0))
        ]
    quoted = quoted_speaker_ids(page.body)
    if quoted:
        existing = set(Speaker.objects.filter(pk__in=quoted).values_list("pk", flat=True))
        ids += [speaker_id for speaker_id in quoted if speaker_id in existing]
    return list(dict.fromkeys(ids))


def fill_featured_speakers(page):
    """Add the speakers `featured_speaker_ids` finds to `page.speaker_links`
    (in memory: saved with the page or its revision); returns how many."""
    # New links are made from the relation's own model (WriteUpSpeaker):
    # models.py imports this module, so it does not import models.py.
    present = {link.speaker_id for link in page.speaker_links.all()}
    added = 0
    for speaker_id in featured_speaker_ids(page):
        if speaker_id not in present:
            page.speaker_links.add(page.speaker_links.model(speaker_id=speaker_id))
            present.add(speaker_id)
            added += 1
    return added


def body_text(body):
    """The words of a write-up body, from its raw stream (nothing rendered)."""
    words = []

    def walk(value):
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id", "level", "video", "link_url"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk([block.get("value") for block in (body.raw_data if body else [])])
    return " ".join(words)
