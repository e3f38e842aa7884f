"""Admin panels shared by the apps."""

from wagtail.admin.panels import TitleFieldPanel


class NameFieldPanel(TitleFieldPanel):
    """A name that fills the slug live, as a page's title does (Wagtail's
    sync and slug controllers), but only for a new record: renaming a
    speaker or a topic must not move its public address."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("classname", "")
        kwargs.setdefault("placeholder", False)
        super().__init__(*args, **kwargs)

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)
