"""Public pages of a site's message board, served below the board page's URL (see
MessageBoardPage routes): answered public messages (searchable), one answered message, the form,
the receipt with the tracking code, the status lookup (code + phone), the monthly statistics and
the JSON endpoint that suggests answered messages while a citizen types."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from cms.core.pagination import page_of
from cms.interaction import ratelimit, workflow
from cms.interaction.forms import MessageForm, StatusLookupForm
from cms.interaction.models import Action, Message, MessageAttachment, MessageBoardPage
from cms.interaction.stats import monthly_table
from cms.interaction.suggestions import faq_suggestions
from search.text import clean_input, normalise, segment

SESSION_CODE_KEY = "interaction_message_code"
THROTTLED_MESSAGE = (
    "您提交留言过于频繁，本次留言暂未提交。您填写的内容已保留在下方，请稍后（约一小时后）再点击提交；"
    "如情况紧急，请拨打本网站公布的联系电话。"
)
STATUS_THROTTLED_MESSAGE = "查询过于频繁，请稍后再试。"
# One message for a wrong code and a wrong phone, so the page cannot be used to test codes.
NOT_FOUND_MESSAGE = "未找到与该查询码和联系电话相符的留言，请核对后重试。"
MAX_QUERY_CHARS = 50
SUGGEST_LIMIT = 5
# What the citizen sees of each step on the status page: no staff names, no internal notes.
PUBLIC_STEP_LABELS = {
    Action.SUBMIT: "网上提交留言",
    Action.ASSIGN: "已分办至{org}办理",
    Action.TRANSFER: "已转办至{org}办理",
    Action.DRAFT_REPLY: "答复已拟定，正在审核",
    Action.REJECT_REPLY: "答复审核未通过，正在重新办理",
    Action.PUBLISH_REPLY: "答复已发布",
    Action.MARK_INVALID: "经审核为无效留言：{note}",
}


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def board_url(request: HttpRequest, board: MessageBoardPage) -> str:
    """The board's URL as seen from this request (root-relative on its own site)."""
    cached = getattr(request, "_interaction_board_url", None)
    if cached is None:
        cached = request._interaction_board_url = board.get_url(request) or "/"
    return cached


def _context(request: HttpRequest, board: MessageBoardPage, **extra) -> dict:
    return {
        "page": board,
        "self": board,
        "board": board,
        "board_url": board_url(request, board),
        **extra,
    }


def _clean_query(value: str) -> str:
    return clean_input(value)[:MAX_QUERY_CHARS]


def board_messages(board: MessageBoardPage):
    """Messages a board shows: those filed on its site, and those transferred to it."""
    site_id = _site_id(board)
    return Message.objects.filter(Q(site_id=site_id) | Q(origin_site_id=site_id))


def _site_id(board: MessageBoardPage) -> int:
    cached = getattr(board, "_interaction_site_id", None)
    if cached is None:
        from sites.models import SiteProfile

        site = board.get_site()
        profile = SiteProfile.objects.filter(site=site).only("pk").first() if site else None
        if profile is None:
            raise Http404("本网站未开通留言板。")
        cached = board._interaction_site_id = profile.pk
    return cached


def _search(queryset, query: str):
    for term in query.split()[:5]:
        queryset = queryset.filter(
            Q(subject__icontains=term)
            | Q(content__icontains=term)
            | Q(replies__body__icontains=term)
        )
    return queryset.distinct()


def answered_list(request: HttpRequest, board: MessageBoardPage) -> HttpResponse:
    query = _clean_query(request.GET.get("q", ""))
    messages = board_messages(board).public_answered().select_related("organisation")
    if query:
        messages = _search(messages, query)
    page_obj = page_of(messages.order_by("-answered_at", "-pk"), request.GET.get("page"))
    return _render(
        request,
        "interaction/board.html",
        _context(request, board, page_obj=page_obj, items=page_obj.object_list, query=query),
    )


def detail(request: HttpRequest, board: MessageBoardPage, pk: int) -> HttpResponse:
    message = (
        board_messages(board).public_answered().select_related("organisation").filter(pk=pk).first()
    )
    if message is None:
        raise Http404("留言不存在或未公开。")
    return _render(
        request,
        "interaction/detail.html",
        _context(request, board, message=message, reply=message.published_reply()),
    )


def message_form(request: HttpRequest, board: MessageBoardPage) -> HttpResponse:
    kinds = board.kinds()
    context = _context(request, board)
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            phone = form.cleaned_data["phone"]
            if not ratelimit.allow_submission(request, _site_id(board), phone):
                # Kept, not thrown away: the form comes back filled in, with a fresh question.
                context["throttled"] = THROTTLED_MESSAGE
                status = 429
            else:
                message = form.save(commit=False)
                message.site_id = _site_id(board)
                with transaction.atomic():
                    workflow.submit(message)
                    for upload in form.cleaned_data["attachments"]:
                        MessageAttachment.objects.create(
                            message=message,
                            file=upload,
                            original_name=(upload.name or "附件")[:200],
                            size=upload.size,
                        )
                request.session[SESSION_CODE_KEY] = message.tracking_code
                response = HttpResponse(status=302)
                response["Location"] = board_url(request, board) + board.reverse_subpage(
                    "submitted_view"
                )
                return response
    else:
        form = MessageForm(kinds=kinds)
    context.update(form=form, accepts_any=bool(kinds))
    return _render(request, "interaction/form.html", context, status=status)


def submitted(request: HttpRequest, board: MessageBoardPage) -> HttpResponse:
    code = request.session.get(SESSION_CODE_KEY)
    if not code:
        response = HttpResponse(status=302)
        response["Location"] = board_url(request, board) + board.reverse_subpage("form_view")
        return response
    message = Message.objects.filter(tracking_code=code).first()
    return _render(
        request,
        "interaction/submitted.html",
        _context(request, board, tracking_code=code, message=message),
    )


def public_steps(message: Message) -> list[dict]:
    steps = []
    for event in message.events.select_related("organisation", "to_site"):
        label = PUBLIC_STEP_LABELS.get(event.action)
        if label is None:
            continue  # internal notes stay internal
        org = (
            event.organisation.name
            if event.organisation
            else (event.to_site.canonical_name if event.to_site else "")
        )
        steps.append({"time": event.created_at, "label": label.format(org=org, note=event.note)})
    return steps


def status(request: HttpRequest, board: MessageBoardPage) -> HttpResponse:
    context = _context(request, board)
    code_status = 200
    if request.method == "POST":
        if not ratelimit.allow_status_lookup(request, _site_id(board)):
            context.update(form=StatusLookupForm(request.POST), throttled=STATUS_THROTTLED_MESSAGE)
            return _render(request, "interaction/status.html", context, status=429)
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            message = (
                board_messages(board)
                .filter(
                    tracking_code=form.cleaned_data["tracking_code"],
                    phone=form.cleaned_data["phone"],
                )
                .select_related("organisation", "site")
                .first()
            )
            if message is None:
                form.add_error(None, NOT_FOUND_MESSAGE)
            else:
                context.update(
                    message=message,
                    steps=public_steps(message),
                    reply=message.published_reply(),
                )
    else:
        form = StatusLookupForm()
    context["form"] = form
    return _render(request, "interaction/status.html", context, status=code_status)


def _month(value: str, today: datetime.date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if 2000 <= year <= today.year + 1 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def statistics(request: HttpRequest, board: MessageBoardPage) -> HttpResponse:
    today = timezone.localdate()
    year, month = _month(request.GET.get("month", ""), today)
    rows, total = monthly_table(_site_id(board), year, month)
    previous = (year - (month == 1), 12 if month == 1 else month - 1)
    following = (year + (month == 12), 1 if month == 12 else month + 1)
    return _render(
        request,
        "interaction/stats.html",
        _context(
            request,
            board,
            rows=rows,
            total=total,
            year=year,
            month=month,
            previous=f"{previous[0]}-{previous[1]:02d}",
            following=f"{following[0]}-{following[1]:02d}"
            if following <= (today.year, today.month)
            else "",
        ),
    )


# Words too common in citizens' letters to say what a message is about.
SUGGEST_STOPWORDS = frozenset(
    {
        "请问",
        "你好",
        "您好",
        "我们",
        "你们",
        "什么",
        "怎么",
        "如何",
        "可以",
        "是否",
        "问题",
        "希望",
        "谢谢",
    }
)
SUGGEST_MAX_TERMS = 8
SUGGEST_CANDIDATES = 50


def suggest_terms(text: str) -> list[str]:
    """Distinct words of two characters or more, segmented as unified search does."""
    terms: list[str] = []
    for token in segment(clean_input(text)):
        if len(token) >= 2 and token not in SUGGEST_STOPWORDS and token not in terms:
            terms.append(token)
    return terms[:SUGGEST_MAX_TERMS]


def suggest(request: HttpRequest, board: MessageBoardPage) -> JsonResponse:
    """Answered public messages of this board that share the most words with what the citizen is
    typing, then matching 常见问题 entries of the site from unified search, so an answer can be
    found without writing in."""
    terms = suggest_terms(request.GET.get("q", "")[:200])
    results = []
    if terms:
        condition = Q()
        for term in terms:
            condition |= Q(subject__icontains=term) | Q(content__icontains=term)
        candidates = (
            board_messages(board)
            .public_answered()
            .filter(condition)
            .order_by("-answered_at")[:SUGGEST_CANDIDATES]
        )
        needed = min(2, len(terms))
        scored = []
        for m in candidates:
            text = normalise(m.subject + m.content)
            score = sum(term in text for term in terms)
            if score >= needed:
                scored.append((score, m))
        scored.sort(key=lambda pair: (-pair[0], -pair[1].answered_at.timestamp()))
        results = [
            {
                "title": m.subject,
                "url": board_url(request, board)
                + board.reverse_subpage("detail_view", args=[m.pk]),
                "answered": timezone.localtime(m.answered_at).strftime("%Y-%m-%d"),
            }
            for _, m in scored[:SUGGEST_LIMIT]
        ]
        site = board.get_site()
        results += faq_suggestions(site.pk if site else None, terms, min(2, len(terms)))
    response = JsonResponse({"results": results})
    add_never_cache_headers(response)
    return response
