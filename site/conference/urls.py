from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from recap.discover.sitemaps import sitemap

from .views import favicon, robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Recap, as any host site adds it (before Wagtail's catch-all), in every
# language: English at /, French at /fr/ (LocaleMiddleware sets the language
# from the prefix; Wagtail serves the root page's translation in it).
urlpatterns += i18n_patterns(
    path("", include("recap.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
