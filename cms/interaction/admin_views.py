"""Admin screens (menu 政民互动 › 留言办理): the inbox with due dates, overdue and 2/3-month flags,
filtered to the user's sites; the message view with its trail, attachments, reply drafts and one
form per allowed step (assign, transfer, note, draft reply, review, mark invalid)."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib import messages as flash
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup

from cms.core.admin_viewsets import WorkListViewSet
from cms.core.inspection import MessageLapse, add_months
from cms.interaction import forms, workflow
from cms.interaction.models import OPEN_STATUSES, Action, Message, MessageKind, Status
from cms.interaction.permissions import MessagePermissionPolicy, may_act, messages_for_user
from sites.scope import sites_for_user

NAMESPACE = "interaction_admin"
FLAG_OVERDUE = "overdue"
FLAG_WARNING = "warning"
FLAG_VETO = "veto"
FLAG_OPEN = "open"

STEP_FORMS = {
    Action.ASSIGN: forms.AssignForm,
    Action.TRANSFER: forms.TransferForm,
    Action.NOTE: forms.NoteForm,
    Action.DRAFT_REPLY: forms.DraftReplyForm,
    Action.PUBLISH_REPLY: forms.ReviewForm,
    Action.REJECT_REPLY: forms.RejectForm,
    Action.MARK_INVALID: forms.InvalidForm,
}
# Forms that need the message to fill their choices.
MESSAGE_BOUND_FORMS = (Action.ASSIGN, Action.TRANSFER)


def message_url(message: Message) -> str:
    return reverse(f"{NAMESPACE}:message", args=[message.pk])


def _user_sites(request):
    return sites_for_user(request.user) if request else Message.objects.none()


class MessageFilterSet(WagtailFilterSet):
    site = django_filters.ModelChoiceFilter(label="办理网站", queryset=_user_sites)
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices)
    kind = django_filters.ChoiceFilter(label="类型", choices=MessageKind.choices)
    flag = django_filters.ChoiceFilter(
        label="提示",
        method="filter_flag",
        choices=[
            (FLAG_OPEN, "未办结"),
            (FLAG_OVERDUE, "已超期"),
            (FLAG_WARNING, "超过2个月未答复"),
            (FLAG_VETO, "超过3个月未答复"),
        ],
    )

    class Meta:
        model = Message
        fields = ["site", "status", "kind", "flag"]

    def filter_flag(self, queryset, name, value):
        today = timezone.localdate()
        open_ones = queryset.filter(status__in=OPEN_STATUSES)
        if value == FLAG_OVERDUE:
            return open_ones.filter(due_date__lt=today)
        if value in (FLAG_WARNING, FLAG_VETO):
            # Coarse date cut in SQL, exact rule (cms.core.inspection.message_lapse) in Python.
            wanted = MessageLapse.WARNING if value == FLAG_WARNING else MessageLapse.VETO
            cutoff = add_months(today, -2)
            candidates = open_ones.filter(
                received_at__date__lte=cutoff + datetime.timedelta(days=1)
            )
            ids = [m.pk for m in candidates if m.lapse(today) == wanted]
            return queryset.filter(pk__in=ids)
        return open_ones


class MessageIndexView(generic.IndexView):
    model = Message
    permission_policy = MessagePermissionPolicy(Message)
    any_permission_required = ["view"]
    filterset_class = MessageFilterSet
    search_fields = ["tracking_code", "subject", "name"]
    page_title = "留言办理"
    header_icon = "mail"
    paginate_by = 30

    @property
    def columns(self):
        today = timezone.localdate()
        return [
            TitleColumn("subject", label="留言标题", get_url=message_url),
            Column("tracking_code", label="查询码"),
            Column("site", label="办理网站"),
            Column("kind", label="类型", accessor="get_kind_display"),
            Column("organisation", label="办理单位"),
            Column("status", label="状态", accessor="get_status_display"),
            Column("received_at", label="留言时间", accessor=lambda m: m.received_on),
            Column("due_date", label="答复期限"),
            Column("flags", label="提示", accessor=lambda m: "、".join(m.flags(today))),
        ]

    def get_base_queryset(self):
        return messages_for_user(self.request.user).select_related("site", "organisation")


class MessageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "interaction/admin/message.html"
    header_icon = "mail"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Another site's message is simply not there for this user: 404, not a hint it exists.
        self.message = get_object_or_404(
            messages_for_user(request.user).select_related("site", "origin_site", "organisation"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"留言 {self.message.tracking_code}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "首页"},
            {"url": reverse(f"{NAMESPACE}:index"), "label": "留言办理"},
            {"url": "", "label": self.message.tracking_code},
        ]

    def _form(self, action: str, data=None):
        form_class = STEP_FORMS[action]
        kwargs = {"prefix": action}
        if action in MESSAGE_BOUND_FORMS:
            kwargs["message"] = self.message
        return form_class(data, **kwargs) if data is not None else form_class(**kwargs)

    def step_forms(self, bound=None) -> list[tuple[str, str, object]]:
        if not may_act(self.request.user, self.message):
            return []
        result = []
        for action in workflow.allowed_actions(self.message, self.request.user):
            form = bound[1] if bound and bound[0] == action else self._form(action)
            result.append((action, Action(action).label, form))
        return result

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.message
        context.update(
            message=message,
            events=message.events.select_related("from_site", "to_site", "organisation"),
            replies=message.replies.select_related("organisation"),
            attachments=message.attachments.all(),
            flags=message.flags(timezone.localdate()),
            step_forms=self.step_forms(kwargs.get("bound")),
            read_only=not may_act(self.request.user, message),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        message = self.message
        action = request.POST.get("action", "")
        if not may_act(request.user, message):
            flash.error(request, "该留言已转至其他网站办理，您只能查看办理记录。")
            return redirect(message_url(message))
        if action not in STEP_FORMS or action not in workflow.allowed_actions(
            message, request.user
        ):
            label = Action(action).label if action in Action.values else action
            flash.error(
                request, f"留言当前状态为“{message.get_status_display()}”，不能执行“{label}”。"
            )
            return redirect(message_url(message))
        form = self._form(action, request.POST)
        if form.is_valid():
            try:
                self._perform(action, form.cleaned_data)
            except workflow.TransitionError as error:
                form.add_error(None, error)
            else:
                flash.success(request, f"已办理：{Action(action).label}。")
                if may_act(request.user, message):
                    return redirect(message_url(message))
                return redirect(reverse(f"{NAMESPACE}:index"))
        flash.error(request, "未能办理，请按提示修改。")
        return self.render_to_response(self.get_context_data(bound=(action, form)))

    def _perform(self, action: str, data: dict) -> None:
        message, user = self.message, self.request.user
        if action == Action.ASSIGN:
            workflow.assign(message, data["organisation"], user=user, note=data.get("note", ""))
        elif action == Action.TRANSFER:
            workflow.transfer(
                message,
                user=user,
                organisation=data.get("organisation"),
                site=data.get("site"),
                note=data["note"],
            )
        elif action == Action.NOTE:
            workflow.add_note(message, user=user, note=data["note"])
        elif action == Action.DRAFT_REPLY:
            workflow.draft_reply(message, user=user, body=data["body"])
        elif action == Action.PUBLISH_REPLY:
            workflow.publish_reply(message, user=user, note=data.get("note", ""))
        elif action == Action.REJECT_REPLY:
            workflow.reject_reply(message, user=user, note=data["note"])
        elif action == Action.MARK_INVALID:
            workflow.mark_invalid(message, user=user, reason=data["reason"])


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Citizens' files reach staff of the sites that see the message only, never a public URL."""
    message = get_object_or_404(messages_for_user(request.user), pk=pk)
    attachment = message.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404("附件不存在。")
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


class MessagesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return sites_for_user(request.user).exists()


class MessageViewSet(WorkListViewSet):
    name = NAMESPACE
    icon = "mail"
    menu_label = "留言办理"
    menu_order = 100
    url_prefix = "interaction/messages"

    menu_item_class = MessagesMenuItem
    index_view_class = MessageIndexView

    def get_urlpatterns(self):
        return [
            *self.index_urlpatterns(),
            path("<int:pk>/", MessageView.as_view(), name="message"),
            path(
                "<int:pk>/attachments/<int:attachment_pk>/",
                attachment_download,
                name="attachment",
            ),
        ]


class InteractionGroup(ViewSetGroup):
    menu_label = "政民互动"
    menu_icon = "group"
    menu_order = 205
    items = (MessageViewSet,)
