"""Admin wiring for speakers: the Speaker snippet (in the "Recap library"
menu group) and its "Merge" listing button."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from .admin.views import MERGE_URL_NAME, SpeakerViewSet, likely_duplicates, namesake_details
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


@hooks.register("after_create_snippet")
def warn_about_namesakes(request, instance):
    """A new speaker with the name of an existing one is saved (namesakes
    exist), with a warning naming them, linked, so a duplicate is merged
    at once rather than found later."""
    if not isinstance(instance, Speaker):
        return
    for namesake in likely_duplicates(instance)[:3]:
        messages.warning(
            request,
            format_html(
                _(
                    "There is already a speaker named “{name}” ({details}). If this is the "
                    'same person, <a href="{merge}">merge the new record into it</a>; '
                    "otherwise give each a job title or organisation."
                ),
                name=namesake.name,
                details=namesake_details(namesake),
                merge=reverse(MERGE_URL_NAME, args=[instance.pk]),
            ),
        )
