"""Public URLs of 依申请公开, mounted at /yisqgk/ on every host."""

from django.urls import path

from cms.requests import views

app_name = "gi_requests"

urlpatterns = [
    path("", views.request_form, name="form"),
    path("submitted/", views.request_submitted, name="submitted"),
    path("status/", views.request_status, name="status"),
]
