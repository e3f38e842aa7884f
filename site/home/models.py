"""The reference site's home page: what is on next, and the latest write-ups."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from recap.events.models import EventPage
from recap.writeups.models import WriteUpPage


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["upcoming_events"] = (
            EventPage.objects.live().public().filter(end__gte=now).order_by("start")[:4]
        )
        # Evaluated here (four rows at most) so the template reuses the rows.
        upcoming = list(context["upcoming_events"])
        context["upcoming_events"] = upcoming
        context["on_now"] = [event for event in upcoming if event.start <= now]
        context["past_events"] = (
            EventPage.objects.live().public().filter(end__lt=now).order_by("-start")[:4]
        )
        context["latest_writeups"] = (
            WriteUpPage.objects.live()
            .public()
            .select_related("author")
            .order_by("-date", "-pk")[:4]
        )
        return context
