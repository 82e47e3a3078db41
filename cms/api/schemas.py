"""Pydantic schemas of the app API: what an app receives, described in Chinese so the OpenAPI
schema and the docs page read as the reference for app developers. Plain pydantic models, not
ninja's Schema: the endpoints return plain data, and ninja's per-object ORM getter would cost
more than the rest of a 100-item sync page."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel as Schema
from pydantic import Field


class SiteOut(Schema):
    code: str = Field(description="网站标识码")
    name: str = Field(description="网站规范名称")
    host: str = Field(description="网站域名")
    url: str = Field(description="网站首页地址")


class ColumnOut(Schema):
    id: str = Field(description="栏目标识（稳定不变）")
    title: str = Field(description="栏目名称")
    url: str = Field(description="栏目页面地址")


class OrganisationOut(Schema):
    id: int = Field(description="机构编号，可用于 organisation 筛选")
    name: str = Field(description="机构全称")
    site: str = Field(description="所在网站的网站标识码")


class TopicOut(Schema):
    id: int = Field(description="主题分类编号，可用于 topic 筛选")
    name: str = Field(description="主题名称")
    label: str = Field(description="完整主题分类，如“综合政务\\政务公开”")


class CategoryOut(Schema):
    slug: str = Field(description="信息类别代码，可用于 category 筛选")
    title: str = Field(description="信息类别名称（法定主动公开内容）")


class AttachmentOut(Schema):
    title: str = Field(description="附件名称")
    url: str = Field(description="下载地址")
    size: int | None = Field(None, description="文件大小（字节）")


class DisclosureOut(Schema):
    index_number: str = Field(description="索引号")
    document_number: str = Field(description="文号")
    written_date: dt.date | None = Field(None, description="成文日期")
    published_date: dt.date | None = Field(None, description="发布日期")
    organisation: OrganisationOut | None = Field(None, description="发布机构")
    topic: TopicOut | None = Field(None, description="主题分类")
    genre: str = Field(description="体裁")
    validity: str = Field(description="有效性：有效、失效或废止")
    category: CategoryOut | None = Field(None, description="信息类别")
    regulatory_kind: str = Field(description="文件属性")
    effective_date: dt.date | None = Field(None, description="施行日期")
    expiry_date: dt.date | None = Field(None, description="失效日期")
    repeal_date: dt.date | None = Field(None, description="废止日期")


class ItemOut(Schema):
    id: str = Field(description="内容标识（UUID，页面移动或改名后不变）")
    type: Literal["article", "disclosure"] = Field(
        description="类型：article 文章，disclosure 公开信息"
    )
    title: str = Field(description="标题")
    url: str = Field(description="页面规范地址")
    site: SiteOut = Field(description="所属网站")
    column: ColumnOut | None = Field(None, description="所在栏目")
    summary: str = Field(description="摘要（公开信息为内容概述）")
    content: str = Field(description="正文（已净化的 HTML）")
    source: str = Field(description="来源或发布机构")
    author: str = Field(description="作者")
    keywords: str = Field(description="关键词")
    published_at: dt.datetime | None = Field(None, description="发布时间（北京时间）")
    updated_at: dt.datetime | None = Field(None, description="更新时间（仅重要更新时变化）")
    attachments: list[AttachmentOut] = Field(description="附件")
    disclosure: DisclosureOut | None = Field(None, description="公开信息元数据；文章为 null")


class ItemPage(Schema):
    items: list[ItemOut] = Field(description="本页条目，按发布时间从新到旧")
    next_cursor: str | None = Field(None, description="下一页游标；为 null 表示没有更多")


class ChangeOut(Schema):
    id: str = Field(description="内容标识")
    action: Literal["upsert", "tombstone"] = Field(
        description="upsert：新增或更新为 item；tombstone：已撤稿、撤销发布、删除或不予公开，应从本地删除"
    )
    item: ItemOut | None = Field(None, description="条目的当前内容；tombstone 时为 null")


class ChangePage(Schema):
    phase: Literal["snapshot", "journal"] = Field(
        description="snapshot：首次同步的全量阶段；journal：增量阶段"
    )
    reset: bool = Field(description="为 true 时应先清空本地副本，再应用本页及后续页面")
    changes: list[ChangeOut] = Field(description="本页变更，每个内容标识最多出现一次")
    next_cursor: str = Field(description="下次请求使用的游标（请保存）")
    has_more: bool = Field(description="是否还有待取的变更；为 false 时可稍后再用 next_cursor 轮询")


class SiteList(Schema):
    sites: list[SiteOut]


class ColumnList(Schema):
    columns: list[ColumnOut]


class OrganisationList(Schema):
    organisations: list[OrganisationOut]


class TopicList(Schema):
    topics: list[TopicOut]


class ErrorOut(Schema):
    message: str = Field(description="错误说明（中文）")
    errors: list[dict] | None = Field(None, description="参数错误明细")
