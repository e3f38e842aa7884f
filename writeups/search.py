"""The site search across events, sessions, speakers, write-ups and resources
(to be written: issue 5)."""

from django.template.response import TemplateResponse


def search_view(request):
    return TemplateResponse(request, "recap_writeups/search.html", {"search_query": ""})


def search_autocomplete_view(request):
    from django.http import JsonResponse

    return JsonResponse({"results": []})
