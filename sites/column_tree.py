"""The standard column tree every new site receives (create_site). Declarative, so the demo
cluster, the provisioning command and the tests all build the same structure. A column may name
standard pages it starts with (`pages`: dotted paths of `add(column)` callables of the app that
owns the page type, e.g. the 领导信箱 message board of 互动交流)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cms.pages.column_types import ColumnType


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    slug: str
    column_type: str
    description: str
    keywords: str
    children: tuple[ColumnSpec, ...] = field(default=())
    pages: tuple[str, ...] = field(default=())


STANDARD_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "政务公开", "zwgk", ColumnType.GI_CATALOGUE,
        "本机关政府信息公开平台，集中发布公开指南、公开制度、法定主动公开内容和公开年报。",
        "政务公开,政府信息公开",
        children=(
            ColumnSpec("公开指南", "gkzn", ColumnType.GI_GUIDE,
                       "说明政府信息的分类、编排体系、获取方式和工作机构联系方式。",
                       "公开指南,依申请公开"),
            ColumnSpec("公开制度", "gkzd", ColumnType.GI_GUIDE,
                       "发布本机关政府信息公开工作的各项制度。", "公开制度,保密审查"),
            ColumnSpec("法定主动公开内容", "fdzdgknr", ColumnType.GI_CATALOGUE,
                       "按《政府信息公开条例》第二十条、第二十一条规定主动公开的政府信息。",
                       "主动公开,公开目录"),
            ColumnSpec("公开年报", "gknb", ColumnType.GI_ANNUAL_REPORT,
                       "发布本机关历年政府信息公开工作年度报告。", "公开年报,年度报告"),
        ),
    ),
    ColumnSpec("工作动态", "gzdt", ColumnType.NEWS,
               "发布本地区、本部门重要会议、活动和工作进展。", "工作动态,要闻"),
    # 通知公告 has no ColumnType of its own in the national list; it carries 工作动态.
    ColumnSpec("通知公告", "tzgg", ColumnType.NEWS,
               "发布各类通知、公告、公示和招聘信息。", "通知公告,公示"),
    ColumnSpec("政策文件", "zcwj", ColumnType.POLICY,
               "发布本机关制发的规范性文件和其他政策文件。", "政策文件,规范性文件"),
    ColumnSpec("政策解读", "zcjd", ColumnType.INTERPRETATION,
               "对重要政策文件进行解读，说明出台背景、主要内容和执行要点。", "政策解读"),
    # STANDARDS.md §2 互动回应: a working message board, consultations, interviews and FAQ.
    ColumnSpec(
        "互动交流", "hdjl", ColumnType.CONSULTATION,
        "受理咨询、建议和投诉，公开答复情况。", "互动交流,咨询投诉",
        children=(
            ColumnSpec("征集调查", "zjdc", ColumnType.SURVEY,
                       "发布意见征集和问卷调查，公开征集结果和采纳情况。",
                       "征集调查,意见征集,问卷调查"),
            ColumnSpec("在线访谈", "zxft", ColumnType.INTERVIEW,
                       "邀请部门负责人在线访谈，解读政策、回应关切。", "在线访谈,政策解读"),
            ColumnSpec("常见问题", "cjwt", ColumnType.CONSULTATION,
                       "汇集群众经常咨询的问题及权威解答。", "常见问题,咨询解答"),
        ),
        pages=("cms.interaction.provisioning.add_message_board",),
    ),
    # 办事指南 pages are filed in 办事服务 itself, organised by audience and topic there
    # (cms.services.column).
    ColumnSpec("办事服务", "bsfw", ColumnType.SERVICE,
               "提供办事指南、表格下载和在线办理入口。", "办事服务,办事指南"),
)  # fmt: skip


def iter_columns(specs: tuple[ColumnSpec, ...] = STANDARD_COLUMNS, depth: int = 0):
    """Depth-first (spec, depth) pairs of the tree."""
    for spec in specs:
        yield spec, depth
        yield from iter_columns(spec.children, depth + 1)


def find_spec(slug: str, specs: tuple[ColumnSpec, ...] = STANDARD_COLUMNS) -> ColumnSpec:
    """The standard column with this slug (LookupError when there is none)."""
    for spec, _depth in iter_columns(specs):
        if spec.slug == slug:
            return spec
    raise LookupError(slug)
