"""Public 依申请公开 pages served on every site of the cluster: the request form (/yisqgk/), the
receipt page with the tracking code and the status lookup by code + phone. A request belongs to
the site whose hostname it was filed on and is addressed to one of that site's agencies."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from cms.requests import ratelimit
from cms.requests.forms import RequestForm, StatusLookupForm
from cms.requests.models import Channel, RequestCase
from cms.requests.workflow import Action, State, perform
from sites.models import SiteProfile

SESSION_CODE_KEY = "gi_request_code"
RATE_LIMITED_MESSAGE = "您的提交过于频繁，请稍后再试。如需帮助，请拨打本网站公布的联系电话。"
# One message for a wrong code and a wrong phone, so the page cannot be used to test codes.
NOT_FOUND_MESSAGE = "未找到与该查询码和联系电话相符的申请，请核对后重试。"
# Steps an applicant sees on the status page, in plain words, without staff names.
PUBLIC_STEP_LABELS = {
    Action.SUBMIT: "网上提交申请",
    Action.REGISTER: "申请已登记",
    Action.CONFIRM_RECEIPT: "确认收到申请，开始计算答复期限",
    Action.REQUEST_CORRECTION: "已发出补正通知，请按通知要求补正",
    Action.RECEIVE_CORRECTION: "收到补正材料，重新计算答复期限",
    Action.CORRECTION_LAPSED: "逾期未补正，不再处理",
    Action.START_CONSULTATION: "正在征求有关方面意见（所需时间不计入答复期限）",
    Action.END_CONSULTATION: "征求意见结束",
    Action.EXTEND: "经批准延长答复期限，已告知申请人",
    Action.SET_LATER_DEADLINE: "申请数量、频次明显超过合理范围，已确定延迟答复期限并告知申请人",
    Action.REASSIGN: "申请已转由本网站负责的机关办理",
    Action.CORRECT_FEE: "已更正收费通知",
    Action.REQUEST_FEE: "已发出收费通知",
    Action.RECEIVE_PAYMENT: "已收到缴费",
    Action.PAYMENT_LAPSED: "逾期未缴费，不再处理",
    Action.ANSWER: "已作出答复",
    Action.WITHDRAW: "申请已撤回",
}


def _site(request: HttpRequest) -> SiteProfile:
    profile = SiteProfile.for_request(request)
    if profile is None:
        raise Http404("本网站未开通依申请公开。")
    return profile


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(
        request, "gi_requests/rate_limited.html", {"message": RATE_LIMITED_MESSAGE}, status=429
    )


@never_cache
@csrf_protect
def request_form(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    if request.method == "POST":
        form = RequestForm(request.POST, site=site)
        valid = form.is_valid()
        # Valid and invalid submissions are counted apart, per site: correcting a form error
        # never uses up the allowance, and a flood of either is stopped.
        if not ratelimit.hit(request, "submit" if valid else "invalid", site.pk):
            form.add_error(None, RATE_LIMITED_MESSAGE)
            context = {"form": form, "gi_site": site, "throttled": True}
            return render(request, "gi_requests/request_form.html", context, status=429)
        if valid:
            case = form.save(commit=False)
            case.site = site
            case.channel = Channel.ONLINE
            # 条例 第三十一条: an online request is received when both sides confirm it, so it
            # waits for staff to confirm before the clock starts.
            perform(case, Action.SUBMIT, user=None, on=timezone.localdate())
            request.session[SESSION_CODE_KEY] = case.tracking_code
            return redirect("gi_requests:submitted")
    else:
        form = RequestForm(site=site)
    return render(request, "gi_requests/request_form.html", {"form": form, "gi_site": site})


@never_cache
def request_submitted(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    code = request.session.get(SESSION_CODE_KEY)
    if not code:
        return redirect("gi_requests:form")
    return render(request, "gi_requests/submitted.html", {"tracking_code": code, "gi_site": site})


def _public_steps(case: RequestCase) -> list[dict]:
    return [
        {"date": event.effective_date, "label": PUBLIC_STEP_LABELS.get(event.action, "")}
        for event in case.events.all()
    ]


@never_cache
@csrf_protect
def request_status(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    context: dict = {"gi_site": site}
    if request.method == "POST":
        if not ratelimit.hit(request, "status", site.pk):
            return _too_many(request)
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            case = (
                RequestCase.objects.filter(
                    site=site,
                    tracking_code=form.cleaned_data["tracking_code"],
                    phone=form.cleaned_data["phone"],
                )
                .prefetch_related("events")
                .first()
            )
            if case is None:
                form.add_error(None, NOT_FOUND_MESSAGE)
            else:
                context.update(
                    case=case,
                    steps=_public_steps(case),
                    clock_running=case.state == State.REGISTERED,
                )
    else:
        form = StatusLookupForm()
    context["form"] = form
    return render(request, "gi_requests/status.html", context)
