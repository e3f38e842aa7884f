"""Write-up feeds per speaker, topic and event, at ``feeds/`` (the whole
site's feeds are sub-routes of the write-up index page)."""

from django.urls import include, path

urlpatterns = [path("feeds/", include("recap.writeups.urls"))]
