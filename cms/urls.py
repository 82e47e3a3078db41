"""URL map of the whole cluster. Every site shares it; Wagtail routes page URLs by hostname."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.audit import public as audit_public
from cms.disclosure import views as disclosure_views
from themes import views as theme_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("mode/elderly/", theme_views.toggle_elderly_mode, name="toggle_elderly_mode"),
    path("yisqgk/", include("cms.requests.urls")),
    path("gkml/", disclosure_views.catalogue, name="disclosure_catalogue"),
    path("asgkqk/", audit_public.punctuality_page, name="audit_public_punctuality"),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
