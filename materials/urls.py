"""The speaker's page, mounted at /speaker-materials/ by recap.urls.materials."""

from django.urls import path

from . import views

app_name = "recap_materials"

urlpatterns = [
    path("<int:event_id>/<str:token>/", views.speaker_view, name="speaker"),
]
