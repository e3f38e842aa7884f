"""Topic pages and the resource library (to be completed: issue 5)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse


def topic_index_view(request, page):
    from .models import Topic

    return TemplateResponse(
        request,
        "recap_resources/topic_index_page.html",
        {"page": page, "self": page, "topics": Topic.objects.all()},
    )


def topic_view(request, page, slug):
    from .models import Topic

    topic = get_object_or_404(Topic, slug=slug)
    return TemplateResponse(
        request, "recap_resources/topic_page.html", {"page": page, "self": page, "topic": topic}
    )


def resource_library_view(request, page):
    from .models import Resource

    return TemplateResponse(
        request,
        "recap_resources/resource_library_page.html",
        {"page": page, "self": page, "resources": Resource.objects.all()},
    )
