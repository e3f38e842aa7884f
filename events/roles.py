"""The parts speakers play on a session, as an organiser's tool sets them.

On a panel, a speaker left at the default role ("Speaker") is given the
panel's usual one: the first in order moderates (unless the panel already
has a moderator), the others are panellists. A role the editor chose, or
one stored before, is kept. The session editor's form applies it to its new
rows, and the .ics import to the speakers it adds (issue 22), as pretalx
and Sessionize give a panel's first speaker the moderator's part.
"""

from .models import SessionKind, SpeakerRole


def give_panel_roles(kind, links, new_links=None):
    """Set the role of each of `new_links` (default: all of `links`) left at
    "Speaker", when `kind` is a panel. `links`: the session's speakers in
    order (SessionSpeaker instances, saved or not)."""
    if kind != SessionKind.PANEL:
        return
    new_links = list(links) if new_links is None else list(new_links)
    has_moderator = any(link.role == SpeakerRole.MODERATOR for link in links)
    for position, link in enumerate(links):
        if not any(link is new for new in new_links) or link.role != SpeakerRole.SPEAKER:
            continue
        if position == 0 and not has_moderator:
            link.role = SpeakerRole.MODERATOR
            has_moderator = True
        else:
            link.role = SpeakerRole.PANELLIST
