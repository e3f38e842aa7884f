"""Admin views for write-ups: the draft write-ups on the admin dashboard's
"Conference" panel."""

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
