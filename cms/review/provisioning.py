"""Each site's review workflow (先审后发, STANDARDS.md §5): 审核 by the site's moderators, then 终审
by its final approvers where the site or column asks for it (cms.review.policy). Idempotent: run
by `create_site`, after `migrate` for sites opened before, and by the demo loader."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.review.models import ReviewStage, SiteReviewPolicy, SiteReviewTask


def final_group_name(profile) -> str:
    return f"{profile.canonical_name}·终审"


def ensure_review_workflow(profile) -> Workflow:
    """The site's workflow on its home page with its two review steps (and nothing else)."""
    with transaction.atomic():
        SiteReviewPolicy.objects.get_or_create(site=profile)
        final_group, created = Group.objects.get_or_create(name=final_group_name(profile))
        home = profile.site.root_page
        if created:
            final_group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
            # Approving the last step publishes, which Wagtail allows only to publishers.
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(
                    group=final_group,
                    page=home,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
                for codename in ("change_page", "publish_page")
            )
        assignment = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
        if assignment is None:
            workflow = Workflow.objects.create(name=f"{profile.canonical_name}·审核流程")
            WorkflowPage.objects.create(workflow=workflow, page=home)
        else:
            workflow = assignment.workflow
        steps = [
            (ReviewStage.FIRST, f"{profile.canonical_name}·审核", profile.moderators_group),
            (ReviewStage.FINAL, f"{profile.canonical_name}·终审", final_group),
        ]
        tasks = []
        for stage, name, group in steps:
            task = SiteReviewTask.objects.filter(
                workflow_tasks__workflow=workflow, stage=stage
            ).first() or SiteReviewTask.objects.create(name=name, stage=stage)
            if group is not None and not task.groups.filter(pk=group.pk).exists():
                task.groups.add(group)
            tasks.append(task)
        current = list(workflow.workflow_tasks.order_by("sort_order"))
        if [link.task_id for link in current] != [task.pk for task in tasks]:
            # The plain group approval sites were opened with gives way to the two steps.
            for link in current:
                if link.task_id not in {task.pk for task in tasks}:
                    task = link.task.specific
                    link.delete()
                    if isinstance(task, GroupApprovalTask) and not task.workflow_tasks.exists():
                        task.deactivate()
            for order, task in enumerate(tasks):
                WorkflowTask.objects.update_or_create(
                    workflow=workflow, task=task, defaults={"sort_order": order}
                )
    return workflow


def ensure_all() -> int:
    from sites.models import SiteProfile

    profiles = SiteProfile.objects.select_related("site__root_page", "moderators_group")
    for profile in profiles:
        ensure_review_workflow(profile)
    return len(profiles)
