"""The framework floor for benchmarks/static_bench.py: a Django hello world (one view, no
database, no middleware) served by the same gunicorn as Jiyue."""

from __future__ import annotations

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-hello-world-not-secret",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )


def hello(request) -> HttpResponse:
    return HttpResponse("Hello, world!")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
