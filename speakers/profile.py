"""A speaker's public page (to be completed: issue 2)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse


def speaker_context(request, speaker, page=None):
    return {"speaker": speaker, "page": page, "self": page}


def speaker_view(request, page, slug):
    from .models import Speaker

    speaker = get_object_or_404(Speaker, slug=slug)
    return TemplateResponse(
        request, "recap_speakers/speaker_page.html", speaker_context(request, speaker, page)
    )
