from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "cms.requests"
    # `requests` is the HTTP library's import name; a distinct label avoids any confusion.
    label = "gi_requests"
    verbose_name = "依申请公开"
