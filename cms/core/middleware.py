"""Request-wide policies of cms.core: admin writes are atomic, and every response says which
browser features the cluster's pages never use (Permissions-Policy).

Admin writes are atomic. Wagtail 8 publishes a page in several statements outside any
transaction (save, revision, log, `page_published` receivers); the outbox rows the receivers
write must commit or fail with the publish (DESIGN.md: "written in the SAME transaction"), so
every state-changing admin request runs in one transaction, as ATOMIC_REQUESTS would, without
making the public site's reads pay for it. A publication a gate refuses (cms.core.publication_gates)
is rolled back the same way and shown to the editor as a message, not a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.http import url_has_allowed_host_and_scheme

from cms.core.publication_gates import PublicationRefused

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
ADMIN_PREFIX = "/admin/"


class AtomicAdminWritesMiddleware:
    """Runs each state-changing admin view inside `transaction.atomic()`. The view itself is
    wrapped (as ATOMIC_REQUESTS does), not the rest of the middleware chain: Django turns a view's
    exception into a 500 response before an outer wrapper could see it, which would commit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        if request.method in SAFE_METHODS or not request.path.startswith(ADMIN_PREFIX):
            return None
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except PublicationRefused as refusal:
            # Rolled back above; the editor sees why, in Chinese, where they were (never a 500).
            return publication_refused_response(request, refusal, view_kwargs)
        except (ProtectedError, RestrictedError) as error:
            # A delete of something other rows still need (a site with its profile, a column's
            # organisation…): refused, rolled back, said in Chinese.
            names = "、".join(sorted({str(obj) for obj in list(error.protected_objects)[:5]}))
            return refusal_response(request, f"不能删除：仍有其他内容引用它（{names}）。")
        except MultiValueDictKeyError as error:
            # A hand-made or truncated form (Wagtail's views read some fields unchecked).
            field = str(error).strip("'\"")
            return refusal_response(request, f"提交的表单缺少必填项“{field}”，未作任何修改。")


def publication_refused_response(
    request: HttpRequest, refusal: PublicationRefused, view_kwargs: dict
) -> HttpResponse:
    target = None
    if "page_id" in view_kwargs:
        target = reverse("wagtailadmin_pages:edit", args=[view_kwargs["page_id"]])
    return refusal_response(request, f"未能发布：{refusal}", target)


def refusal_response(request: HttpRequest, message: str, target: str | None = None) -> HttpResponse:
    """The refused write's message, shown where the user was (the referring admin page)."""
    messages.error(request, message)
    if target is None:
        referer = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(referer, {request.get_host()})
        target = referer if referer and safe else request.path
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        # Wagtail's workflow modals follow a "success" step's redirect.
        return JsonResponse({"step": "success", "redirect": target})
    return redirect(target)


# Government pages need no camera, microphone, location, payment or USB access: a script that
# slipped past review cannot ask for them. (Django sets the other security headers itself.)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
