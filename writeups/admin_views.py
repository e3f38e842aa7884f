"""Admin views for write-ups: the draft write-ups on the admin dashboard's
"Conference" panel."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from recap.core.sections import Section

from .models import WriteUpPage


class DraftWriteUpsSection(Section):
    template_name = "recap_writeups/admin/dashboard_drafts.html"
    order = 30

    def get_context(self, request, user):
        return {
            "drafts": list(
                Page.objects.type(WriteUpPage)
                .filter(has_unpublished_changes=True)
                .order_by("-latest_revision_created_at")[:5]
            )
        }


def tell_about_earlier_draft(request, page):
    """After a write-up was created next to an unpublished draft that held
    its slug (see forms.WriteUpPageForm), offer that draft to the editor."""
    draft = getattr(page, "recap_earlier_draft", None)
    if draft is None:
        return
    messages.warning(
        request,
        _(
            "There is already a draft “%(title)s” at the address you chose, so this "
            "write-up's address is “%(slug)s”. Finish or delete the draft if it is abandoned."
        )
        % {"title": draft.title, "slug": page.slug},
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[draft.pk]), _("Edit the draft")
            )
        ],
    )
