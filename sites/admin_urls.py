"""Admin URLs resolved before Wagtail's own (cms/urls.py): the same paths, served by the
site-scoped views of sites/admin_views.py. Unnamed, so Wagtail's names still reverse to them."""

from django.urls import path
from wagtail.admin.viewsets.pages import page_viewset_registry

from sites import admin_views as views

urlpatterns = [
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", views.bulk_action),
    path("reports/locked/", views.LockedPagesView.as_view()),
    path("reports/locked/results/", views.LockedPagesView.as_view(results_only=True)),
    path("reports/workflow/", views.WorkflowView.as_view()),
    path("reports/workflow/results/", views.WorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", views.WorkflowTasksView.as_view()),
    path("reports/workflow_tasks/results/", views.WorkflowTasksView.as_view(results_only=True)),
    path("reports/site-history/", views.LogEntriesView.as_view()),
    path("reports/site-history/results/", views.LogEntriesView.as_view(results_only=True)),
    path("reports/aging-pages/", views.ScopedAgingPagesView.as_view()),
    path("reports/aging-pages/results/", views.ScopedAgingPagesView.as_view(results_only=True)),
    path(
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
        views.content_type_use,
    ),
    path(
        "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
        views.content_type_use,
        {"results_only": True},
    ),
    path("workflows/task_chooser/", views.TaskChooserView.as_view()),
    path("workflows/task_chooser/results/", views.TaskChooserResultsView.as_view()),
    path("workflows/task_chooser/<int:task_id>/", views.task_chosen),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        views.page_in_scope(
            page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")
        ),
    ),
    path("reports/page-types-usage/", views.PageTypesUsageView.as_view()),
    path(
        "reports/page-types-usage/results/",
        views.PageTypesUsageView.as_view(results_only=True),
    ),
]
