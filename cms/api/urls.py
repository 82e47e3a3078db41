"""URLs of the app API: the Chinese docs page, the ninja operations (and the schema at
/api/v1/schema/), and a JSON 404 for any other path below /api/v1/."""

from django.urls import path

from cms.api import views
from cms.api.api import api

urlpatterns = [
    path("docs/", views.docs, name="jiyue_api_docs"),
    path("", api.urls),
    path("<path:rest>", views.not_found, name="jiyue_api_not_found"),
]
