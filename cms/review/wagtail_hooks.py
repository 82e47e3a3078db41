"""Registers the review admin: the dashboard panel 被退回的稿件 (with the moderator's comment), the
审核设置 screen (终审 per site and per column), the menu item, and the page-history messages of
scheduled publishing."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.models import TaskState, WorkflowState

from cms.review import admin_views, scheduling
from sites.permissions import sites_for_user

REJECTED_ROWS = 20


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/", include((admin_views.urlpatterns, admin_views.NAMESPACE)))]


class ReviewSettingsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return sites_for_user(request.user, moderated_only=True).exists()


@hooks.register("register_settings_menu_item")
def register_review_settings_menu_item() -> MenuItem:
    return ReviewSettingsMenuItem(
        "审核设置", reverse("review:settings"), name="review-settings", icon_name="tasks", order=610
    )


def rejected_for(user):
    """Task states that sent the user's submissions back and are still waiting for changes."""
    states = WorkflowState.objects.filter(
        requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES
    )
    return (
        TaskState.objects.filter(
            workflow_state__in=states,
            status=TaskState.STATUS_REJECTED,
            pk__in=states.values("current_task_state"),
        )
        .select_related("finished_by", "task", "revision")
        .order_by("-finished_at")
    )


class RejectedSubmissionsPanel(Component):
    name = "review_rejected"
    order = 40
    template_name = "review/rejected_panel.html"

    def __init__(self, states) -> None:
        self.states = states

    def get_context_data(self, parent_context=None):
        rows = []
        for state in self.states:
            page = state.workflow_state.content_object
            rows.append(
                {
                    "page": page,
                    "title": state.revision.object_str if state.revision_id else str(page),
                    "comment": state.comment,
                    "by": state.finished_by,
                    "at": state.finished_at,
                    "task": state.task.name,
                }
            )
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_rejected_panel(request, panels) -> None:
    states = list(rejected_for(request.user)[:REJECTED_ROWS])
    if states:
        panels.append(RejectedSubmissionsPanel(states))


class ScheduleNoteFormatter(LogFormatter):
    template = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = self.template.format(scheduled=data.get("scheduled_label", ""))
        if data.get("reason"):
            message += f"：{data['reason']}"
        return message


@hooks.register("register_log_actions")
def schedule_log_actions(actions):
    for action, label, template in (
        (scheduling.LATE_PUBLISH, "计划发布补发", "计划发布已补发，原定 {scheduled}"),
        (scheduling.LATE_EXPIRY, "计划下线补做", "计划下线已补做，原定 {scheduled}"),
        (scheduling.REFUSED, "计划发布被拒绝", "计划发布（原定 {scheduled}）被拒绝"),
    ):
        formatter = type(
            "Formatter", (ScheduleNoteFormatter,), {"label": label, "template": template}
        )
        actions.register_action(action)(formatter)
