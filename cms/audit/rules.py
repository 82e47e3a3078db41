"""Every rule the inspection self-check applies: its code, what it says in Chinese, where it
comes from, and the numbers it uses. Checks (cms.audit.checks) cite these constants; nothing else
holds a threshold. Items the national text leaves open are settings (STANDARDS.md: unconfirmed)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings


class Severity(StrEnum):
    """单项否决 fails the site; 扣分 lowers the score; 提醒 is a heads-up."""

    VETO = "否决"
    DEDUCTION = "扣分"
    WARNING = "提醒"


SEVERITY_ORDER = {Severity.VETO: 0, Severity.DEDUCTION: 1, Severity.WARNING: 2}


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    source: str


# 条例 第二十六条: publish within 20 WD of the date the information was formed (成文日期, day 0).
DISCLOSURE_WORKDAYS = 20
# Drafts whose Art. 26 deadline is this close are flagged (issue 10: "within 3 WD").
DISCLOSURE_DUE_SOON_WORKDAYS = 3
# 检查指标（2019） 单项否决 "站点无法访问/不更新": homepage not updated for 2 weeks.
HOMEPAGE_STALE_DAYS = 14
# 检查指标（2019） 栏目不更新 (a): 动态/要闻 2 weeks, 通知公告/政策文件 6 months, ≥ 5 in all.
DYNAMIC_STALE_DAYS = 14
NOTICE_STALE_MONTHS = 6
VETO_STALE_COLUMNS = 5
# 检查指标（2019） 栏目不更新 (b): ≥ 10 columns that should be updated but are long stale.
VETO_LONG_STALE_COLUMNS = 10
# 检查指标（2019） 栏目不更新 (c): ≥ 5 empty columns (空白栏目).
VETO_EMPTY_COLUMNS = 5
# 检查指标 leaves "长期未更新" undefined (unconfirmed): one year by default, configurable.
DEFAULT_LONG_STALE_DAYS = 365
# 工作日历 (STANDARDS.md §7): next year's holidays are published Oct–Dec; warn from 1 November.
CALENDAR_WARNING_MONTH = 11
# Score (platform convention, not a national figure): 100 minus this per 扣分 finding.
DEDUCTION_POINTS = 2

# Column titles that make a 工作动态-type column a 通知公告 column (it has no ColumnType of its own).
NOTICE_TITLE_WORDS = ("通知", "公告", "公示")


def long_stale_days() -> int:
    return int(getattr(settings, "JIYUE_AUDIT_LONG_STALE_DAYS", DEFAULT_LONG_STALE_DAYS))


DISCLOSURE_LATE = Rule(
    "disclosure_late", "主动公开信息未在20个工作日内公开", "《政府信息公开条例》第二十六条"
)
DISCLOSURE_BEFORE_WRITTEN = Rule(
    "disclosure_before_written", "发布日期早于成文日期", "《政府信息公开条例》第二十六条"
)
DISCLOSURE_DRAFT_OVERDUE = Rule(
    "disclosure_draft_overdue", "主动公开信息超过公开期限仍未发布", "《政府信息公开条例》第二十六条"
)
DISCLOSURE_DRAFT_DUE_SOON = Rule(
    "disclosure_draft_due_soon",
    "主动公开信息3个工作日内到达公开期限",
    "《政府信息公开条例》第二十六条",
)
DISCLOSURE_METADATA = Rule(
    "disclosure_metadata",
    "公开信息缺少必要的目录元数据",
    "STANDARDS.md §4 公开目录元数据；《条例》第十二条",
)
POLICY_WITHOUT_INTERPRETATION = Rule(
    "policy_without_interpretation",
    "政策文件没有关联政策解读",
    "《政府网站发展指引》 政策文件与解读相互关联",
)
HOMEPAGE_STALE = Rule(
    "homepage_stale", "首页超过2周未更新", "政府网站与政务新媒体检查指标（2019） 单项否决"
)
DYNAMIC_COLUMN_STALE = Rule(
    "dynamic_column_stale",
    "动态要闻类栏目超过2周未更新",
    "政府网站与政务新媒体检查指标（2019） 栏目不更新",
)
NOTICE_COLUMN_STALE = Rule(
    "notice_column_stale",
    "通知公告、政策文件类栏目超过6个月未更新",
    "政府网站与政务新媒体检查指标（2019） 栏目不更新",
)
LONG_STALE_COLUMN = Rule(
    "long_stale_column", "应更新栏目长期未更新", "政府网站与政务新媒体检查指标（2019） 栏目不更新"
)
EMPTY_COLUMN = Rule("empty_column", "空白栏目", "政府网站与政务新媒体检查指标（2019） 栏目不更新")
VETO_COLUMNS_STALE = Rule(
    "veto_columns_stale",
    "动态要闻类栏目2周、通知公告政策文件类栏目6个月未更新，累计达到5个",
    "政府网站与政务新媒体检查指标（2019） 单项否决 栏目不更新（一）",
)
VETO_COLUMNS_LONG_STALE = Rule(
    "veto_columns_long_stale",
    "应更新但长期未更新的栏目达到10个",
    "政府网站与政务新媒体检查指标（2019） 单项否决 栏目不更新（二）",
)
VETO_EMPTY = Rule(
    "veto_empty_columns",
    "空白栏目达到5个",
    "政府网站与政务新媒体检查指标（2019） 单项否决 栏目不更新（三）",
)
REQUEST_OVERDUE = Rule(
    "request_overdue", "依申请公开已超过办理期限", "《政府信息公开条例》第三十、三十三条"
)
REQUEST_DUE_SOON = Rule(
    "request_due_soon", "依申请公开3个工作日内到期", "《政府信息公开条例》第三十三条"
)
REQUEST_ANSWERED_LATE = Rule(
    "request_answered_late", "依申请公开逾期答复", "《政府信息公开条例》第三十三条"
)
REQUEST_LATE_CORRECTION = Rule(
    "request_late_correction", "补正通知未在7个工作日内发出", "《政府信息公开条例》第三十条"
)
MESSAGE_UNANSWERED_WARNING = Rule(
    "message_unanswered_warning",
    "留言超过2个月未答复",
    "政府网站与政务新媒体检查指标（2019） 互动回应差",
)
MESSAGE_UNANSWERED_VETO = Rule(
    "message_unanswered_veto",
    "留言超过3个月未答复",
    "政府网站与政务新媒体检查指标（2019） 单项否决 互动回应差",
)
ANNUAL_REPORT_MISSING = Rule(
    "annual_report_missing",
    "政府信息公开工作年度报告逾期未发布",
    "《政府信息公开条例》第四十九、五十条",
)
CALENDAR_NEXT_YEAR_MISSING = Rule(
    "calendar_next_year_missing", "工作日历缺少下一年度节假日安排", "STANDARDS.md §7 工作日"
)
CALENDAR_YEAR_MISSING = Rule(
    "calendar_year_missing", "工作日历缺少本年度节假日安排", "STANDARDS.md §7 工作日"
)

ALL_RULES: tuple[Rule, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, Rule)
)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

# STANDARDS.md §3 (《政府网站发展指引》 page-design annex): <meta> names are case-sensitive.
META_EVERY_PAGE = ("SiteName", "SiteDomain", "SiteIDCode")
META_COLUMN_PAGE = ("ColumnName", "ColumnType", "ColumnDescription", "ColumnKeywords")
META_ARTICLE_PAGE = ("ColumnName", "ColumnType", "ArticleTitle", "PubDate", "ContentSource")

PAGE_META_MISSING = Rule(
    "page_meta_missing",
    "页面缺少必需的元数据标签",
    "《政府网站发展指引》 页面元数据规范（STANDARDS.md §3）",
)
FOOTER_IDENTITY_MISSING = Rule(
    "footer_identity_missing",
    "页面底部缺少网站标识信息",
    "《政府网站发展指引》 网站标识（STANDARDS.md §3）",
)
PAGE_RENDER_FAILED = Rule(
    "page_render_failed", "页面无法正常打开", "政府网站与政务新媒体检查指标（2019） 站点无法访问"
)
ALL_RULES = (*ALL_RULES, PAGE_META_MISSING, FOOTER_IDENTITY_MISSING, PAGE_RENDER_FAILED)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

INTERNAL_LINK_BROKEN = Rule(
    "internal_link_broken",
    "站内链接指向未发布、已撤稿或已删除的页面",
    "政府网站与政务新媒体检查指标（2019） 链接可用性（错链、断链扣分）",
)
ALL_RULES = (*ALL_RULES, INTERNAL_LINK_BROKEN)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

# 检查指标（2019） 扣分指标 可用性·链接可用性: links (also external ones) that do not open or are wrong
# cost points; checked by `check_links`, stored, and read by the daily audit.
EXTERNAL_LINK_BROKEN = Rule(
    "external_link_broken",
    "外部链接无法访问",
    "政府网站与政务新媒体检查指标（2019） 可用性 链接可用性（错链、断链扣分）",
)
ALL_RULES = (*ALL_RULES, EXTERNAL_LINK_BROKEN)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

# 国办函〔2018〕12号: each site publishes last year's 政府网站工作年度报表 by 31 January
# (cms.reports.site_models.SITE_REPORT_DEADLINE); 检查指标（2019） deducts for a missing one.
SITE_REPORT_MISSING = Rule(
    "site_report_missing",
    "政府网站工作年度报表逾期未发布",
    "国办函〔2018〕12号；政府网站与政务新媒体检查指标（2019） 监管要求",
)
ALL_RULES = (*ALL_RULES, SITE_REPORT_MISSING)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

# 检查指标（2019） 政务新媒体 内容更新 and STANDARDS.md §5: an account with nothing delivered for
# longer than its threshold (default cms.core.inspection.NEW_MEDIA_DEFAULT_SILENCE_DAYS) is silent;
# silent for three months it counts as abandoned (僵尸账号) and should be fixed or closed.
NEW_MEDIA_ABANDONED_MONTHS = 3
NEW_MEDIA_SILENT = Rule(
    "new_media_silent",
    "政务新媒体账号更新不及时",
    "政府网站与政务新媒体检查指标（2019） 政务新媒体 内容更新；国办发〔2018〕123号",
)
ALL_RULES = (*ALL_RULES, NEW_MEDIA_SILENT)
RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}
