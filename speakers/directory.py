"""The speaker directory (to be completed: issue 5)."""

from django.template.response import TemplateResponse


def directory_view(request, page):
    from .models import Speaker

    return TemplateResponse(
        request,
        "recap_speakers/speaker_index_page.html",
        {"page": page, "self": page, "speakers": Speaker.objects.all()},
    )
