from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from writeups.search import search_autocomplete_view, search_view

from .api import api_router
from .views import robots_txt, serve_page_file

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_view, name="search"),
    path("search/autocomplete/", search_autocomplete_view, name="search_autocomplete"),
    path("api/v2/", api_router.urls),
    path("q/", include("questions.urls")),
    path("calendar/", include("events.urls")),
    path("feeds/", include("writeups.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Pages' file-like sub-routes (an event's programme.ics, schedule.xml...),
    # which Wagtail's slash-terminated pattern below does not match.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>[\w\-]+\.(?:ics|xml|json))$",
        serve_page_file,
        name="page_file",
    ),
    path("", include(wagtail_urls)),
]
