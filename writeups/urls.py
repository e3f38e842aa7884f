"""Write-up feeds by speaker, topic and event. Mounted by the reference site
at /feeds/ (the whole site's feeds are sub-routes of the write-up index)."""

from django.urls import path

from .exports import feeds

app_name = "recap_writeups"

urlpatterns = [
    path("speakers/<slug:slug>/rss/", feeds.SpeakerFeed(), name="speaker_rss"),
    path("speakers/<slug:slug>/atom/", feeds.SpeakerAtomFeed(), name="speaker_atom"),
    path("topics/<slug:slug>/rss/", feeds.TopicFeed(), name="topic_rss"),
    path("topics/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("events/<int:event_id>/rss/", feeds.EventFeed(), name="event_rss"),
    path("events/<int:event_id>/atom/", feeds.EventAtomFeed(), name="event_atom"),
]
