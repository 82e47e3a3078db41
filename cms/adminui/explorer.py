"""The page explorer as the sites show their pages (issue 15 item 11).

Wagtail's listing shows "Updated" as the time of the latest revision (a draft saved, a demo
loaded) and sorts every listing by it. Editors look for the dates the public sees: a column lists
its items newest first by 发布时间 (cms.pages.queries.column_items), and each item shows its 更新时间
(the last 重要更新, cms.pages.updates.with_update_dates). So the explorer shows both dates in full,
sorts a column's items by 发布时间 newest first (drafts, not yet published, on top), and keeps the
tree order (the sites' menu order) for home pages and columns of columns."""

from __future__ import annotations

from django.db.models import F
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from cms.pages.updates import with_update_dates
from sites.admin_views import ScopedFiltersMixin

PUBLISHED = "first_published_at"
UPDATED = "major_updated_at"
# A search backend orders only by indexed fields: 更新时间 is an annotation, so a search sorted by
# it is sorted by the last publication instead (the same date unless a 一般修改 came since).
SEARCH_FALLBACK = {UPDATED: "last_published_at", f"-{UPDATED}": "-last_published_at"}


class DateTimeColumn(Column):
    cell_template_name = "adminui/tables/datetime_cell.html"


def _columns() -> list[Column]:
    columns = []
    for column in ExplorableIndexView.base_columns:
        if column.name == "latest_revision_created_at":
            columns.append(DateTimeColumn(PUBLISHED, label="发布时间", sort_key=PUBLISHED))
            columns.append(DateTimeColumn(UPDATED, label="更新时间", sort_key=UPDATED))
        else:
            columns.append(column)
    return columns


def lists_items_by_date(parent: Page) -> bool:
    """A column whose children are not all columns lists its items by date, as the site does."""
    from cms.pages.models import ColumnPage

    if not issubclass(parent.specific_class or Page, ColumnPage):
        return False
    children = Page.objects.child_of(parent)
    return (
        not children.exists()
        or children.exclude(
            content_type__model="columnpage", content_type__app_label="pages"
        ).exists()
    )


class ExplorerView(ScopedFiltersMixin, ExplorableIndexView):
    """Also: its owner and edited-by filters list only the staff of the user's own sites
    (sites.scope, the one scoping policy)."""

    base_columns = _columns()

    def annotate_queryset(self, pages):
        return with_update_dates(super().annotate_queryset(pages))

    def get_ordering(self):
        ordering = super().get_ordering()
        if self.request.GET.get("ordering") in self.get_valid_orderings():
            return ordering
        if self.is_searching:
            return ordering
        return f"-{PUBLISHED}" if lists_items_by_date(self.parent_page) else "ord"

    def order_queryset(self, queryset):
        if self.ordering in (PUBLISHED, f"-{PUBLISHED}", UPDATED, f"-{UPDATED}"):
            if self.is_searching:
                field = SEARCH_FALLBACK.get(self.ordering, self.ordering)
                return queryset.order_by(field)
            name = self.ordering.lstrip("-")
            if self.ordering.startswith("-"):
                # Newest first, never-published drafts (no date) on top: they are the newest.
                return queryset.order_by(F(name).desc(nulls_first=True), "-pk")
            return queryset.order_by(F(name).asc(nulls_last=True), "pk")
        return super().order_queryset(queryset)


class ExplorerViewSet(PageViewSet):
    """Serves the explorer listing of every parent page (parent_models = [Page]); it is the viewset
    of ColumnPage itself too, whose other views are Wagtail's defaults."""

    index_view_class = ExplorerView

    def get_index_view_kwargs(self, **kwargs):
        # The listing is of every page type below the parent, not of this viewset's model.
        return super().get_index_view_kwargs(model=Page, **kwargs)

    @property
    def parent_models(self):
        return [Page]


def explorer_viewset() -> ExplorerViewSet:
    from cms.pages.models import ColumnPage

    return ExplorerViewSet(model=ColumnPage, name="adminui_explorer")
