"""Public search URLs, included before Wagtail's catch-all."""

from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", views.api_search, name="search_api"),
    path("api/search/suggest/", views.api_suggest, name="search_suggest"),
]
