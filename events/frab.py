"""Schedule export in the frab format (to be written: issue 5)."""

from django.http import Http404


def schedule_xml_view(request, event):
    raise Http404


def schedule_json_view(request, event):
    raise Http404
