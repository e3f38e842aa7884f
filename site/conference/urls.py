import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from recap.discover.sitemaps import sitemap

from .views import favicon, robots_txt


def debug_media_urlpatterns():
    """MEDIA_ROOT served by Django while DEBUG (`make run`), as a web server
    does in production (docs/production.md), except documents: those go
    through Wagtail's serve view (/documents/<id>/<name>), which checks
    collection view restrictions, so a speaker's upload awaiting approval
    cannot be fetched by its file's address (docs/speaker-links.md)."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [
        re_path(
            rf"^{prefix}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += debug_media_urlpatterns()

# Recap, as any host site adds it (before Wagtail's catch-all), in every
# language: English at /, French at /fr/ (LocaleMiddleware sets the language
# from the prefix; Wagtail serves the root page's translation in it).
urlpatterns += i18n_patterns(
    path("", include("recap.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
