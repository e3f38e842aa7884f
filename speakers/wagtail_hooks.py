"""Admin wiring for speakers: the Speaker snippet (in the "Recap library"
menu group) and its "Merge" listing button."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from .admin.views import MERGE_URL_NAME, SpeakerViewSet
from .models import Speaker

register_snippet(SpeakerViewSet)


@hooks.register("register_snippet_listing_buttons")
def merge_speaker_button(snippet, user, next_url=None):
    if isinstance(snippet, Speaker):
        yield ListingButton(
            _("Merge into another record"),
            reverse(MERGE_URL_NAME, args=[snippet.pk]),
            icon_name="resubmit",
            priority=40,
        )
