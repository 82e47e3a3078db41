"""Closed vocabularies of the disclosure metadata (STANDARDS.md §1, §4): 体裁, 有效性, 公开方式, the
文件属性 that table 二 of the annual report counts, and the 法定主动公开内容 categories of
条例 第二十条 and 第二十一条. Stored values are the Chinese labels, like `ColumnType`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class Genre(models.TextChoices):
    """体裁: the 15 公文文种 of 《党政机关公文处理工作条例》 plus the platform's extra kinds."""

    RESOLUTION = "决议", "决议"
    DECISION = "决定", "决定"
    ORDER = "命令（令）", "命令（令）"
    COMMUNIQUE = "公报", "公报"
    ANNOUNCEMENT = "公告", "公告"
    PUBLIC_NOTICE = "通告", "通告"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    CIRCULAR = "通报", "通报"
    REPORT = "报告", "报告"
    REQUEST = "请示", "请示"
    REPLY = "批复", "批复"
    MOTION = "议案", "议案"
    LETTER = "函", "函"
    MINUTES = "纪要", "纪要"
    PLAN = "规划", "规划"
    STATISTICS = "统计数据", "统计数据"
    INTERPRETATION = "解读", "解读"
    PICTURE = "图片", "图片"
    OTHER = "其他", "其他"


class Validity(models.TextChoices):
    VALID = "有效", "有效"
    EXPIRED = "失效", "失效"
    REPEALED = "废止", "废止"


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "主动公开", "主动公开"
    ON_REQUEST = "依申请公开", "依申请公开"
    NOT_DISCLOSED = "不予公开", "不予公开"


class RegulatoryKind(models.TextChoices):
    """文件属性: the two rows of annual-report table 二 (国办公开办函〔2021〕30号) plus the rest."""

    RULE = "规章", "规章"
    NORMATIVE = "行政规范性文件", "行政规范性文件"
    OTHER = "其他文件", "其他文件"


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    statute: str  # the clause's wording, shown as the column description


# 条例 第二十条: the 15 categories every administrative agency discloses proactively.
ARTICLE_20_CATEGORIES: tuple[Category, ...] = (
    Category("fgwj", "法规文件", "行政法规、规章和规范性文件"),
    Category("jgzn", "机构职能", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    Category("ghxx", "规划信息", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    Category("tjxx", "统计信息", "国民经济和社会发展统计信息"),
    Category("xzxk", "行政许可", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    Category("xzcf", "行政处罚和行政强制", "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"),
    Category("czyjs", "财政预决算", "财政预算、决算信息"),
    Category("xzsf", "行政事业性收费", "行政事业性收费项目及其依据、标准"),
    Category("zfcg", "政府采购", "政府集中采购项目的目录、标准及实施情况"),
    Category("zdxm", "重大建设项目", "重大建设项目的批准和实施情况"),
    Category("msbz", "民生政策", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    Category("yjgl", "应急管理", "突发公共事件的应急预案、预警信息及应对情况"),
    Category("jdjc", "监督检查", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    Category("gwykl", "公务员招考", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    Category("qtxx", "其他信息", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)  # fmt: skip

# 条例 第二十一条: further categories for city (设区的市) and county governments.
ARTICLE_21_CATEGORIES: tuple[Category, ...] = (
    Category("szjs", "市政建设", "市政建设"),
    Category("ggfw", "公共服务", "公共服务"),
    Category("gysy", "公益事业", "公益事业"),
    Category("tdzs", "土地征收", "土地征收"),
    Category("fwzs", "房屋征收", "房屋征收"),
    Category("zagl", "治安管理", "治安管理"),
    Category("shjz", "社会救助", "社会救助"),
)

ALL_CATEGORIES: tuple[Category, ...] = ARTICLE_20_CATEGORIES + ARTICLE_21_CATEGORIES
CATEGORY_CHOICES: list[tuple[str, str]] = [(c.slug, c.title) for c in ALL_CATEGORIES]
CATEGORY_TITLES: dict[str, str] = dict(CATEGORY_CHOICES)

# The 22 gov.cn 主题分类 (STANDARDS.md §4) with a few common second-level topics; editable later.
TOPIC_SEED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("国务院组织机构", ()),
    ("综合政务", ("政务公开", "应急管理", "政务督查", "电子政务", "信访")),
    ("国民经济管理、国有资产监管", ("发展规划", "经济运行", "国有资产监管")),
    ("财政、金融、审计", ("财政", "金融", "审计")),
    ("国土资源、能源", ("土地", "能源")),
    ("农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利")),
    ("工业、交通", ("工业", "交通")),
    ("商贸、海关、旅游", ("商贸", "旅游")),
    ("市场监管、安全生产监管", ("市场监管", "安全生产监管", "食品药品监管")),
    ("城乡建设、环境保护", ("城乡建设（含住房）", "环境监测、保护与治理", "节能与资源综合利用")),
    ("科技、教育", ("科技", "教育")),
    ("文化、广电、新闻出版", ("文化", "广播影视")),
    ("卫生、体育", ("卫生", "体育")),
    ("人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童")),
    ("劳动、人事、监察", ("就业", "社会保障", "人事工作")),
    ("公安、安全、司法", ("公安", "司法")),
    ("民政、扶贫、救灾", ("民政", "扶贫", "救灾")),
    ("民族、宗教", ()),
    ("对外事务", ()),
    ("港澳台侨工作", ()),
    ("国防", ()),
    ("其他", ()),
)
