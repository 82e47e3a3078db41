"""Wagtail's own admin screens narrowed by the site scope (sites.scope): the admin API behind the
image and document choosers, the bulk-action confirmation pages and the reports (workflows,
workflow tasks, aging and locked pages, page types, site history). Wagtail scopes their rows by
page and collection rights but not their filter lists, their "no permission" lists or every log
model, so another site's draft titles, workflows and staff usernames showed. Reached through
the same URLs (sites/admin_urls.py is resolved before Wagtail's admin URLs)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, QuerySet, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views import workflows as workflows_admin
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.pages.usage import ContentTypeUseView
from wagtail.admin.views.reports import audit_logging, locked_pages, page_types_usage, workflows
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, Task, Workflow
from wagtail.permissions import policy_registry

from sites import scope

# --- admin API behind the choosers ---------------------------------------------------------


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return scope.choosable(self.request.user, super().get_queryset())


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    # Originals are private (cms.core.storage): they have no download URL to list.
    meta_fields = [f for f in ImagesAdminAPIViewSet.meta_fields if f != "download_url"]
    listing_default_fields = [
        f for f in ImagesAdminAPIViewSet.listing_default_fields if f != "download_url"
    ]
    nested_default_fields = [
        f for f in ImagesAdminAPIViewSet.nested_default_fields if f != "download_url"
    ]

    def get_queryset(self) -> QuerySet:
        return scope.choosable(self.request.user, super().get_queryset())


# --- bulk actions --------------------------------------------------------------------------


def _in_scope(user, model, queryset: QuerySet) -> QuerySet:
    """`queryset` of `model` narrowed to the user's sites, for the models the scope knows."""
    if issubclass(model, Page):
        return scope.pages_for_user(user, queryset)
    if "collection" in {f.name for f in model._meta.get_fields()}:
        return scope.collection_items_for_user(user, queryset)
    policy = policy_registry.get_by_type(model) if model in policy_registry else None
    if isinstance(policy, scope.SiteScopedPolicy):
        return queryset & policy.instances_user_has_any_permission_for(user, {"view", "change"})
    return queryset


class ScopedBulkActionMixin:
    """Objects outside the user's sites are left out, not listed as "no permission" with their
    (draft) titles; ids of other sites only are a 404, like ids that do not exist."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        asked = [obj.pk for obj in [*objects, *extra["items_with_no_access"]]]
        in_scope = _in_scope(user, self.model, self.model._default_manager.filter(pk__in=asked))
        allowed = set(in_scope.values_list("pk", flat=True))
        objects = [obj for obj in objects if obj.pk in allowed]
        no_access = [obj for obj in extra["items_with_no_access"] if obj.pk in allowed]
        if not objects and not no_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": no_access}


def bulk_action(request: HttpRequest, app_label: str, model_name: str, action: str) -> HttpResponse:
    """Wagtail's bulk-action dispatcher with every action class scoped."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    scoped = type(f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {})
    return scoped(request, model).dispatch(request)


# --- reports -------------------------------------------------------------------------------


class ScopedFiltersMixin:
    """The report's filter lists (users, workflows, tasks) hold only the user's sites' rows."""

    @cached_property
    def filters(self):
        if not self.filterset_class:
            return None
        filterset = self.filterset_class(**self.get_filterset_kwargs())
        narrow_filter_choices(self.request, filterset)
        return filterset if filterset.form.fields else None


def narrow_filter_choices(request: HttpRequest, filterset) -> None:
    """Each user, workflow or task filter of `filterset` offers only the user's sites' rows.
    Wagtail gives some filters a queryset, others a callable of the request (the page listings'
    owner and edited-by filters, which list every page owner and editor of the cluster)."""
    user = request.user
    narrowed = {
        get_user_model(): scope.users_for_user(user),
        Workflow: scope.workflows_for_user(user),
        Task: scope.tasks_for_user(user),
    }
    for item in filterset.filters.values():
        queryset = getattr(item, "queryset", None)
        if callable(queryset) and not isinstance(queryset, QuerySet):
            queryset = queryset(request)
        model = queryset.model if isinstance(queryset, QuerySet) else _model_of(item)
        if model not in narrowed:
            continue
        if isinstance(queryset, QuerySet):
            item.queryset = queryset.filter(pk__in=narrowed[model].values("pk"))
        else:
            item.queryset = narrowed[model]


def _model_of(item) -> Any:
    field_name = getattr(item, "field_name", "") or ""
    if field_name.endswith(("requested_by", "locked_by", "finished_by", "owner", "edited_by")):
        return get_user_model()
    return None


def _scope_workflow_states(user, queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Workflow or task states of the user's sites' pages (states of other objects kept: Wagtail
    has already limited them to models the user may edit)."""
    if scope.is_platform_admin(user):
        return queryset
    from django.db.models import CharField
    from django.db.models.functions import Cast

    page_ids = scope.page_ids_for_user(user).values_list(Cast("pk", CharField()), flat=True)
    pages = ContentType.objects.get_for_model(Page)
    return queryset.filter(
        ~Q(**{f"{prefix}base_content_type": pages}) | Q(**{f"{prefix}object_id__in": page_ids})
    )


class WorkflowView(ScopedFiltersMixin, workflows.WorkflowView):
    def get_queryset(self) -> QuerySet:
        return _scope_workflow_states(self.request.user, super().get_queryset())


class WorkflowTasksView(ScopedFiltersMixin, workflows.WorkflowTasksView):
    def get_queryset(self) -> QuerySet:
        return _scope_workflow_states(self.request.user, super().get_queryset(), "workflow_state__")


class LockedPagesView(ScopedFiltersMixin, locked_pages.LockedPagesView):
    def get_queryset(self) -> QuerySet:
        return scope.pages_for_user(self.request.user, super().get_queryset())


class ScopedAgingPagesView(ScopedFiltersMixin, AgingPagesView):
    def get_queryset(self) -> QuerySet:
        return scope.pages_for_user(self.request.user, super().get_queryset())


class PageTypesUsageView(page_types_usage.PageTypesUsageReportView):
    """Counts and the last edited page of each type across the whole cluster: for platform
    administrators only (a site's staff would read other sites' draft titles)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not scope.is_platform_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def scoped_log_entries(user, log_model, queryset: QuerySet) -> QuerySet:
    """Log entries of pages of the user's sites, and of objects the scope narrows (site rows,
    documents, images); entries of other models as Wagtail allows them."""
    if scope.is_platform_admin(user):
        return queryset
    if issubclass(log_model, audit_logging.PageLogEntry):
        return queryset.filter(page__in=scope.page_ids_for_user(user))
    condition = Q()
    for content_type_id in set(queryset.values_list("content_type_id", flat=True)):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            condition |= Q(content_type_id=content_type_id)
            continue
        base = model._default_manager.all()
        scoped = _in_scope(user, model, base)
        if scoped is base:
            condition |= Q(content_type_id=content_type_id)
        else:
            ids = [str(pk) for pk in scoped.values_list("pk", flat=True)]
            condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    return queryset.filter(condition) if condition else queryset.none()


class SiteHistoryFilterSet(audit_logging.SiteHistoryReportFilterSet):
    def get_users_queryset(self) -> QuerySet:
        return (
            super()
            .get_users_queryset()
            .filter(pk__in=scope.users_for_user(self.request.user).values("pk"))
        )


class LogEntriesView(audit_logging.LogEntriesView):
    filterset_class = SiteHistoryFilterSet

    def get_filtered_queryset(self) -> QuerySet:
        user = self.request.user
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = scoped_log_entries(user, log_model, log_model.objects.viewable_by_user(user))
            sub = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")


# --- pages of one type ("Pages using" a page type) ------------------------------------------


class ScopedContentTypeUseView(ScopedFiltersMixin, ContentTypeUseView):
    """The pages of one type, from the user's sites only (Wagtail lists every explorable page,
    with other sites' titles, and offers every page owner and editor of the cluster to filter by)."""

    def get_base_queryset(self) -> QuerySet:
        return scope.pages_for_user(self.request.user, super().get_base_queryset())


def content_type_use(
    request: HttpRequest,
    content_type_app_name: str,
    content_type_model_name: str,
    results_only: bool = False,
) -> HttpResponse:
    """Wagtail's "Pages using" view of the page type's viewset, built with the scoped class."""
    from django.core.exceptions import ObjectDoesNotExist
    from wagtail.admin.viewsets.pages import page_viewset_registry

    try:
        viewset = page_viewset_registry.get_by_content_type_natural_key(
            content_type_app_name, content_type_model_name
        )
    except ObjectDoesNotExist as error:
        raise Http404 from error
    extra = {"results_only": True} if results_only else {}
    view = viewset.construct_view(
        ScopedContentTypeUseView, **viewset.get_index_view_kwargs(), **extra
    )
    return view(
        request,
        content_type_app_name=content_type_app_name,
        content_type_model_name=content_type_model_name,
    )


# --- workflow modals -----------------------------------------------------------------------


class ScopedTaskListingMixin:
    """The task chooser lists, and chooses, only tasks of the user's sites' workflows (Wagtail
    lists every active task and answers any task id with its name)."""

    def get_task_listing_context_data(self) -> dict[str, Any]:
        from django.core.paginator import Paginator

        context = super().get_task_listing_context_data()
        allowed = scope.tasks_for_user(self.request.user).values("pk")
        context["all_tasks"] = context["all_tasks"].filter(pk__in=allowed)
        tasks = context["all_tasks"]
        if context["query_string"]:
            tasks = tasks.filter(name__icontains=context["query_string"])
        context["tasks"] = Paginator(tasks, per_page=10).get_page(self.request.GET.get("p"))
        return context


class TaskChooserView(ScopedTaskListingMixin, workflows_admin.TaskChooserView):
    pass


class TaskChooserResultsView(ScopedTaskListingMixin, workflows_admin.TaskChooserResultsView):
    pass


def task_chosen(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(scope.tasks_for_user(request.user), pk=task_id)
    return workflows_admin.get_task_chosen_response(request, task)


def page_in_scope(view):
    """`view` (taking `page_id`) for pages of the user's sites only; another site's page is a
    404. Wagtail's workflow-cancellation confirmation checks no permission and shows the page's
    workflow and task names."""

    def scoped(request: HttpRequest, page_id: int, **kwargs: Any) -> HttpResponse:
        pages = scope.pages_for_user(request.user, Page.objects.filter(pk=page_id))
        if not pages.exists():
            raise Http404
        return view(request, page_id=page_id, **kwargs)

    return scoped
