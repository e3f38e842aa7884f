"""The write-up editor's form."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from recap.core.admin.picks import DropDuplicatePicksMixin


class WriteUpPageForm(DropDuplicatePicksMixin, WagtailAdminPageForm):
    """A new write-up whose slug an unpublished draft already holds gets the
    next free slug instead of "The slug ... is already in use".

    Decision (issue 10): an editor who starts the same write-up again has
    usually forgotten an abandoned draft, and should not have to invent a
    slug to get on. As Wagtail's copy view does, the slug gets a number
    (``-1``, ``-2``..., `wagtail.coreutils.find_available_slug`), and once the
    page is created the editor is told about the draft, with a link to it
    (``after_create_page`` in wagtail_hooks.py), so it can be finished or
    deleted. A clash with a *published* page is still refused: its URL is
    public, and the editor should choose a different one on purpose. Editing
    an existing page never renames its slug."""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if not slug or self.instance.pk or self.parent_page is None:
            return slug
        sibling = Page.objects.child_of(self.parent_page).filter(slug=slug).first()
        if sibling is None or sibling.live:
            return slug
        self.instance.recap_earlier_draft = sibling
        return find_available_slug(self.parent_page, slug)
