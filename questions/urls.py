"""Public question routes, mounted at /q/ by the site."""

from django.urls import path, re_path

from . import views
from .shortcodes import CODE_PATTERN

app_name = "recap_questions"

urlpatterns = [
    path("vote/<int:question_id>/", views.vote, name="vote"),
    path("browser/", views.keep_browser, name="browser"),
    path("respond/<int:page_id>/", views.respond, name="respond"),
    # An event's "What was asked" page: a questions-app route (the events
    # app may not import questions), linked from the event page's section.
    path("event/<int:event_id>/asked/", views.event_asked, name="event_asked"),
    re_path(rf"^(?P<code>{CODE_PATTERN})/$", views.ask, name="ask"),
    re_path(rf"^(?P<code>{CODE_PATTERN})/present/$", views.present, name="present"),
    re_path(
        rf"^(?P<code>{CODE_PATTERN})/questions/$",
        views.session_questions_refresh,
        name="session_questions",
    ),
    re_path(rf"^(?P<code>{CODE_PATTERN})/present\.json$", views.present_data, name="present_data"),
]
