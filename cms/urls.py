"""URL map of the whole cluster. Every site shares it; Wagtail routes page URLs by hostname."""

import os

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.audit import public as audit_public
from cms.core import link_chooser
from cms.core import views as core_views
from cms.disclosure import views as disclosure_views
from themes import views as theme_views

# Chinese error pages in the serving site's own header and footer; 500 needs no database.
handler400 = "themes.errors.bad_request"
handler403 = "themes.errors.permission_denied"
handler404 = "themes.errors.page_not_found"
handler500 = "themes.errors.server_error"

urlpatterns = [
    # Before Wagtail's admin URLs: logging out takes a POST only (cms/core/views.py).
    path("admin/logout/", core_views.logout, name="wagtailadmin_logout"),
    path("admin/password_reset/", core_views.password_reset, name="wagtailadmin_password_reset"),
    path(
        "admin/choose-external-link/",
        link_chooser.external_link,
        name="wagtailadmin_choose_page_external_link",
    ),
    # Before Wagtail's admin URLs: bulk actions and reports narrowed to the user's sites.
    path("admin/", include("sites.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("mode/elderly/", theme_views.toggle_elderly_mode, name="toggle_elderly_mode"),
    path("yisqgk/", include("cms.requests.urls")),
    path("api/v1/", include("cms.api.urls")),
    path("gkml/", disclosure_views.catalogue, name="disclosure_catalogue"),
    path("asgkqk/", audit_public.punctuality_page, name="audit_public_punctuality"),
    path("", include("search.urls")),
    path("", include("cms.feeds.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Only image renditions are public media; documents and original images are private
    # (cms/core/storage.py) and reach the public through the document serve view alone.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=os.path.join(settings.MEDIA_ROOT, "images")
    )

urlpatterns += [path("", include(wagtail_urls))]
