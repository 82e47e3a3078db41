"""List and detail endpoints of articles and disclosures, and the small vocabularies an app
needs to build filters (sites, columns, organisations, topics). Lists are cursor-paginated in a
stable order (发布时间 newest first, then page id): the cursor carries the last row's position
and a fingerprint of the filters, so a cursor can only continue the list it came from."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.errors import HttpError

from cms.api import cursors
from cms.api.api import api
from cms.api.items import (
    ITEM_TYPES,
    column_out,
    filtered,
    hydrate,
    listable_items,
    organisation_out,
    site_out,
    topic_out,
)
from cms.api.schemas import (
    ColumnList,
    ErrorOut,
    ItemOut,
    ItemPage,
    OrganisationList,
    SiteList,
    TopicList,
)
from cms.api.scope import Scope, all_sites, resolve_scope, site_of, within
from cms.disclosure.models import Organisation, Topic
from cms.disclosure.vocab import CATEGORY_TITLES
from cms.pages.models import ColumnPage
from cms.pages.queries import publicly_visible

ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 429)}
MAX_ID = 2**31 - 1  # database integer keys: a larger number can match nothing
FIRST_DAY = dt.date(1949, 10, 1)
LAST_DAY = dt.date(2100, 12, 31)


class SiteFilter(Schema):
    site: str | None = Field(
        None, max_length=100, description="网站标识码或域名；all 表示全部网站。默认为当前域名的网站"
    )


class ItemFilters(SiteFilter):
    column: uuid.UUID | None = Field(None, description="栏目标识：只返回该栏目及其子栏目的条目")
    category: str | None = Field(None, max_length=20, description="信息类别代码，如 fgwj")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="发布机构编号")
    topic: int | None = Field(None, ge=1, le=MAX_ID, description="主题分类编号（含其子主题）")
    published_from: dt.date | None = Field(
        None, ge=FIRST_DAY, le=LAST_DAY, description="发布日期起（含），YYYY-MM-DD"
    )
    published_to: dt.date | None = Field(
        None, ge=FIRST_DAY, le=LAST_DAY, description="发布日期止（含），YYYY-MM-DD"
    )
    limit: int = Field(20, ge=1, le=100, description="每页条数，1–100")
    cursor: str | None = Field(None, max_length=500, description="上一页返回的 next_cursor")


def _fingerprint(scope: Scope, filters: ItemFilters, kind: str) -> str:
    data = filters.model_dump(exclude={"cursor", "limit", "site"})
    text = f"{kind}|{scope.key}|" + "|".join(f"{k}={data[k]}" for k in sorted(data))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _column(column_key: uuid.UUID | None, scope: Scope) -> ColumnPage | None:
    if column_key is None:
        return None
    column = (
        within(publicly_visible(ColumnPage.objects.all()), scope)
        .filter(translation_key=column_key)
        .first()
    )
    if column is None:
        raise HttpError(404, "没有该栏目，或栏目不属于所选网站。")
    return column


def _list(request: HttpRequest, filters: ItemFilters, kind: str) -> dict:
    scope = resolve_scope(request, filters.site)
    if filters.category and filters.category not in CATEGORY_TITLES:
        raise HttpError(400, f"信息类别代码“{filters.category}”不存在。")
    types = ITEM_TYPES if kind == "items" else [kind]
    queryset = filtered(
        listable_items(types),
        scope,
        column=_column(filters.column, scope),
        category=filters.category,
        organisation=filters.organisation,
        topic=filters.topic,
        published_from=filters.published_from,
        published_to=filters.published_to,
    ).filter(first_published_at__isnull=False)
    fingerprint = _fingerprint(scope, filters, kind)
    if filters.cursor:
        position = cursors.decode(filters.cursor)
        if position.get("f") != fingerprint or "t" not in position or "p" not in position:
            raise HttpError(400, "游标与本次请求的筛选条件不一致，请从第一页重新开始。")
        try:
            moment = dt.datetime.fromisoformat(str(position["t"]))
            last_pk = int(position["p"])
        except (TypeError, ValueError) as exc:
            raise cursors.CursorError("游标无效，请使用接口返回的 next_cursor。") from exc
        queryset = queryset.filter(
            Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=last_pk)
        )
    rows = list(
        queryset.order_by("-first_published_at", "-pk").values_list("pk", "first_published_at")[
            : filters.limit + 1
        ]
    )
    more = len(rows) > filters.limit
    rows = rows[: filters.limit]
    data = hydrate(request, [pk for pk, _ in rows])
    next_cursor = None
    if more and rows:
        pk, moment = rows[-1]
        next_cursor = cursors.encode({"f": fingerprint, "t": moment.isoformat(), "p": pk})
    return {"items": [data[pk] for pk, _ in rows if pk in data], "next_cursor": next_cursor}


def _detail(request: HttpRequest, item_id: uuid.UUID, kind: str) -> dict:
    types = ITEM_TYPES if kind == "items" else [kind]
    pk = listable_items(types).filter(translation_key=item_id).values_list("pk", flat=True).first()
    data = hydrate(request, [pk]) if pk is not None else {}
    if pk not in data:
        raise HttpError(404, "没有该内容，或内容已撤稿、撤销发布、删除或不予公开。")
    return data[pk]


@api.get("/items/", response={200: ItemPage, **ERRORS}, tags=["条目"], summary="文章和公开信息列表")
def list_items(request: HttpRequest, filters: Query[ItemFilters]) -> dict:
    """文章与主动公开信息一起，按发布时间从新到旧。"""
    return _list(request, filters, "items")


@api.get("/articles/", response={200: ItemPage, **ERRORS}, tags=["条目"], summary="文章列表")
def list_articles(request: HttpRequest, filters: Query[ItemFilters]) -> dict:
    """新闻、通知公告等文章。信息类别、机构、主题筛选只适用于公开信息，使用时结果为空。"""
    return _list(request, filters, "article")


@api.get("/disclosures/", response={200: ItemPage, **ERRORS}, tags=["条目"], summary="公开信息列表")
def list_disclosures(request: HttpRequest, filters: Query[ItemFilters]) -> dict:
    """法定主动公开内容，含索引号、文号、成文日期、发布机构、主题分类、体裁、有效性。"""
    return _list(request, filters, "disclosure")


@api.get("/items/{item_id}/", response={200: ItemOut, **ERRORS}, tags=["条目"], summary="条目详情")
def item_detail(request: HttpRequest, item_id: uuid.UUID) -> dict:
    return _detail(request, item_id, "items")


@api.get(
    "/articles/{item_id}/", response={200: ItemOut, **ERRORS}, tags=["条目"], summary="文章详情"
)
def article_detail(request: HttpRequest, item_id: uuid.UUID) -> dict:
    return _detail(request, item_id, "article")


@api.get(
    "/disclosures/{item_id}/",
    response={200: ItemOut, **ERRORS},
    tags=["条目"],
    summary="公开信息详情",
)
def disclosure_detail(request: HttpRequest, item_id: uuid.UUID) -> dict:
    return _detail(request, item_id, "disclosure")


@api.get("/sites/", response={200: SiteList, **ERRORS}, tags=["目录"], summary="网站列表")
def list_sites(request: HttpRequest) -> dict:
    return {"sites": [site_out(site) for site in all_sites(request)]}


@api.get("/columns/", response={200: ColumnList, **ERRORS}, tags=["目录"], summary="栏目列表")
def list_columns(request: HttpRequest, filters: Query[SiteFilter]) -> dict:
    scope = resolve_scope(request, filters.site)
    columns = within(publicly_visible(ColumnPage.objects.all()), scope).order_by("path")
    rows = columns.only("id", "title", "path", "url_path", "translation_key")
    return {
        "columns": [
            column_out(column, site)
            for column in rows
            if (site := site_of(request, column.path)) is not None
        ]
    }


@api.get(
    "/organisations/", response={200: OrganisationList, **ERRORS}, tags=["目录"], summary="机构列表"
)
def list_organisations(request: HttpRequest, filters: Query[SiteFilter]) -> dict:
    scope = resolve_scope(request, filters.site)
    organisations = Organisation.objects.select_related("site").order_by(
        "site__sort_order", "sort_order", "pk"
    )
    if scope.site is not None:
        organisations = organisations.filter(site_id=scope.site.profile_id)
    return {"organisations": [organisation_out(row) for row in organisations]}


@api.get("/topics/", response={200: TopicList, **ERRORS}, tags=["目录"], summary="主题分类")
def list_topics(request: HttpRequest) -> dict:
    topics = Topic.objects.select_related("parent").order_by(
        "parent__sort_order", "parent_id", "sort_order", "pk"
    )
    return {"topics": [topic_out(topic) for topic in topics]}
