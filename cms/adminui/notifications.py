"""Workflow e-mails: one Chinese message per event, to the people who must act (issue 15 item 12).

Wagtail sends, for one submission, a "submitted to workflow" message to every superuser and a
"submitted for approval" message to the step's groups and again to every superuser: the platform
administrator got two, one of them with an English subject. Here:

- WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False (settings): superusers are told nothing
  they need not act on, so the workflow-level message has no recipient;
- a submission (or the move to the next step) reaches the members of that step's groups — the
  site's 审核 group, then its 终审 group — and only when the step really runs: a 终审 step that
  the site and column do not ask for (cms.review.policy) is skipped, and its group told nothing;
- approval and rejection reach the editor who submitted (Wagtail's own notifiers);
- every subject and body is Chinese (templates/wagtailadmin/notifications/ in this app).
"""

from __future__ import annotations

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

# Wagtail's dispatch_uid for its task-submission notifier (wagtail/admin/signal_handlers.py).
TASK_SUBMITTED_UID = "group_approval_task_submitted_email_notification"


class SiteTaskSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's group notifier, silent for a 终审 step that will be skipped."""

    def can_handle(self, instance, **kwargs) -> bool:
        if not super().can_handle(instance, **kwargs):
            return False
        from cms.review.models import ReviewStage, SiteReviewTask
        from cms.review.policy import final_approval_required

        task = instance.task.specific
        if isinstance(task, SiteReviewTask) and task.stage == ReviewStage.FINAL:
            return final_approval_required(instance.workflow_state.content_object)
        return True


site_task_submission_notifier = SiteTaskSubmissionNotifier()


def install() -> None:
    """Connect ours under Wagtail's dispatch_uid. This app is ready before wagtail.admin, and a
    signal keeps the first receiver of a (dispatch_uid, sender): Wagtail's own connect, with the
    same pair, then does nothing."""
    task_submitted.connect(
        site_task_submission_notifier, sender=TaskState, dispatch_uid=TASK_SUBMITTED_UID
    )
