"""Admin views for withdrawing (撤稿) and reinstating a page. Only users who may unpublish the
page may withdraw it: withdrawal takes content away from the public just like unpublishing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from cms.pages.models import Withdrawal
from cms.pages.withdrawal import WithdrawalError, reinstate_page, withdraw_page


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤稿说明",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
        help_text="说明将显示在原页面上，例如“因信息有误，本文已撤稿，更正信息见……”。",
        error_messages={"required": "请填写撤稿说明。"},
    )


def _page_for_unpublisher(request: HttpRequest, page_id: int) -> Page:
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    return page


def withdraw(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page_for_unpublisher(request, page_id)
    existing = Withdrawal.objects.filter(page_id=page.pk).first()
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            withdraw_page(page, reason=form.cleaned_data["reason"], user=request.user)
        except WithdrawalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{page.title}”已撤稿。")
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "pages/admin/withdraw.html",
        {"page": page, "form": form, "withdrawal": existing},
    )


def reinstate(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page_for_unpublisher(request, page_id)
    if request.method != "POST":
        return redirect(reverse("jiyue_withdraw_page", args=[page.pk]))
    try:
        reinstate_page(page, user=request.user)
    except WithdrawalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{page.title}”已恢复显示。")
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
