"""The rows of the 政府网站工作年度报表 in the order of the national form (国办函〔2018〕12号,
STANDARDS.md §8): each row names its label and where its value comes from, a computed figure
(`c:` key of SiteAnnualReport.computed) or a field staff enter (`f:` field name). One layout
serves the public page, the admin preview and the command's output."""

from __future__ import annotations

from typing import Any

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "网站基本信息",
        (
            ("网站名称", "c:site_name"),
            ("首页网址", "c:home_url"),
            ("主办单位", "c:sponsor"),
            ("网站类型", "c:site_type"),
            ("政府网站标识码", "c:site_code"),
            ("ICP备案号", "c:icp_number"),
            ("公安机关备案号", "c:police_number"),
            ("独立用户访问总量（单位：个）", "f:unique_visitors"),
            ("网站总访问量（单位：次）", "f:total_visits"),
        ),
    ),
    (
        "信息发布（单位：条）",
        (
            ("总数", "c:info_total"),
            ("概况类信息更新量", "c:info_overview"),
            ("政务动态信息更新量", "c:info_news"),
            ("信息公开目录信息更新量", "c:info_catalogue"),
        ),
    ),
    (
        "专栏专题（单位：个）",
        (("维护数量", "c:special_maintained"), ("新开设数量", "c:special_new")),
    ),
    (
        "解读回应",
        (
            ("解读信息发布 总数（条）", "d:interpretation_total"),
            ("解读材料数量（条）", "c:interpretation_materials"),
            ("解读产品数量（条）", "f:interpretation_products"),
            ("媒体评论文章数量（篇）", "f:media_comments"),
            ("回应公众关注热点或重大舆情数量（次）", "f:hot_responses"),
        ),
    ),
    (
        "办事服务",
        (
            ("是否发布服务事项目录", "f:has_service_directory"),
            ("注册用户数（个）", "f:registered_users"),
            ("政务服务事项数量（项）", "c:service_items"),
            ("可全程在线办理政务服务事项数量（项）", "f:online_service_items"),
            ("办件量 自然人（件）", "f:cases_individual"),
            ("办件量 法人（件）", "f:cases_legal"),
        ),
    ),
    (
        "互动交流",
        (
            ("是否使用统一平台", "f:unified_platform"),
            ("留言办理 收到留言数量（条）", "c:messages_received"),
            ("留言办理 办结留言数量（条）", "c:messages_answered"),
            ("留言办理 平均办理时间（工作日）", "c:messages_average_workdays"),
            ("留言办理 公开答复数量（条）", "c:messages_public"),
            ("征集调查 征集调查期数（期）", "c:consultations"),
            ("征集调查 收到意见数量（条）", "c:consultation_opinions"),
            ("征集调查 公布调查结果期数（期）", "c:consultation_results"),
            ("在线访谈 访谈期数（期）", "c:interviews"),
            ("在线访谈 网民留言数量（条）", "c:interview_questions"),
            ("在线访谈 答复网民提问数量（条）", "c:interview_answers"),
            ("是否提供智能问答", "f:smart_qa"),
        ),
    ),
    (
        "安全防护",
        (
            ("安全检测评估次数（次）", "f:security_assessments"),
            ("发现问题数量（个）", "f:security_problems"),
            ("问题整改数量（个）", "f:security_fixed"),
            ("是否建立安全监测预警机制", "f:security_monitoring"),
            ("是否开展应急演练", "f:security_drills"),
            ("是否明确网站安全负责人", "f:security_officer"),
        ),
    ),
    (
        "移动新媒体",
        (
            ("是否有移动新媒体", "f:has_new_media"),
            ("微博 名称", "f:weibo_name"),
            ("微博 信息发布量（条）", "f:weibo_posts"),
            ("微博 关注量（个）", "f:weibo_followers"),
            ("微信 名称", "f:wechat_name"),
            ("微信 信息发布量（条）", "f:wechat_posts"),
            ("微信 订阅数（个）", "f:wechat_subscribers"),
            ("其他", "f:other_new_media"),
        ),
    ),
    ("创新发展", (("创新发展情况", "f:innovation"),)),
    (
        "填报信息",
        (
            ("填报单位", "f:filing_unit"),
            ("负责人", "f:head"),
            ("审核人", "f:reviewer"),
            ("填报人", "f:filler"),
            ("联系电话", "f:phone"),
            ("填报日期", "f:filing_date"),
        ),
    ),
)


def value(report, source: str) -> Any:
    kind, key = source.split(":", 1)
    if kind == "c":
        return report.computed.get(key, "")
    if kind == "d":  # 解读信息发布总数 = 解读材料 + 解读产品
        return int(report.computed.get("interpretation_materials", 0)) + int(
            report.interpretation_products
        )
    return getattr(report, key)


def display(raw: Any) -> str:
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if raw is None or raw == "":
        return "—"
    if hasattr(raw, "strftime"):
        return raw.strftime("%Y-%m-%d")
    return str(raw)


def sections(report) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (heading, [(label, display(value(report, source))) for label, source in rows])
        for heading, rows in SECTIONS
    ]


# Fields staff enter, in form order (the admin and the command's --figures file use this list).
MANUAL_FIELDS = tuple(
    source[2:] for _heading, rows in SECTIONS for _label, source in rows if source[0] == "f"
)
