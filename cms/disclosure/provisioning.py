"""The disclosure platform of a site (政府信息公开平台, 条例 第二十四条): the 法定主动公开内容 category
columns under zwgk/fdzdgknr (条例 第二十条; plus 第二十一条 for city and county governments) and the
公开指南 / 公开制度 pages. Idempotent, so it serves new sites (called by create_site) and existing
ones (`manage.py provision_disclosure`)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from cms.core.publishing import publish_page
from cms.disclosure.vocab import ARTICLE_20_CATEGORIES, ARTICLE_21_CATEGORIES, Category
from cms.pages.column_types import ColumnType
from cms.pages.models import ColumnPage

# 条例 第二十一条 applies to 设区的市级、县级人民政府 (city and county sites).
ARTICLE_21_LEVELS = frozenset({"city", "county"})
CATEGORY_COLUMN_TYPES = {"jgzn": ColumnType.FUNCTIONS, "tjxx": ColumnType.DATA_RELEASE}

GUIDE_BODY = (
    "<p>为了更好地为公民、法人和其他组织获取政府信息提供服务，根据《中华人民共和国政府信息公开条例》，"
    "编制本指南。</p>"
    "<h2>一、主动公开</h2><p>主动公开的政府信息按《条例》第二十条、第二十一条规定的类别编排，"
    "可通过本网站“法定主动公开内容”栏目和政府信息公开目录按类别、主题、体裁、发布机构、年份和有效性查询、"
    "浏览和下载。信息自形成或者变更之日起20个工作日内予以公开。</p>"
    "<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过网上申请、信函或者当面提交申请表的方式"
    "向本机关申请获取政府信息。申请内容应当包括申请人姓名或者名称、身份证明、联系方式，"
    "所需政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径。</p>"
    "<h2>三、工作机构</h2><p>政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真和网上联系方式见下表。</p>"
)
RULES_BODY = (
    "<p>本机关建立健全政府信息公开工作制度，包括政府信息公开审查（保密审查）制度、主动公开工作制度、"
    "依申请公开办理制度、政府信息管理动态调整制度和政府信息公开工作考核制度。</p>"
    "<p>政府信息公开前依照《保守国家秘密法》以及其他法律、法规和国家有关规定进行审查。</p>"
)


def categories_for_level(level: str) -> tuple[Category, ...]:
    if level in ARTICLE_21_LEVELS:
        return ARTICLE_20_CATEGORIES + ARTICLE_21_CATEGORIES
    return ARTICLE_20_CATEGORIES


def _find(home, path: str) -> ColumnPage | None:
    column: object = home
    for slug in path.split("/"):
        column = ColumnPage.objects.child_of(column).filter(slug=slug).first()
        if column is None:
            return None
    return column


def provision_disclosure_platform(profile) -> int:
    """Create missing category columns and guide pages for `profile`'s site; return how many."""
    from cms.disclosure.models import GuidePage

    home = profile.site.root_page
    created = 0
    with transaction.atomic():
        root = _find(home, "zwgk/fdzdgknr")
        if root is not None:
            catalogue = reverse("disclosure_catalogue")
            existing = set(ColumnPage.objects.child_of(root).values_list("slug", flat=True))
            for category in categories_for_level(profile.level):
                if category.slug in existing:
                    continue
                publish_page(
                    ColumnPage(
                        title=category.title,
                        slug=category.slug,
                        column_type=CATEGORY_COLUMN_TYPES.get(
                            category.slug, ColumnType.GI_CATALOGUE
                        ),
                        description=f"依据《政府信息公开条例》主动公开：{category.statute}。",
                        keywords=f"{category.title},法定主动公开内容",
                        intro=f'<p><a href="{catalogue}?category={category.slug}">'
                        "在政府信息公开目录中查看本类全部信息</a></p>",
                    ),
                    parent=root,
                )
                created += 1
        for path, title, slug, body, contacts in (
            ("zwgk/gkzn", "政府信息公开指南", "zfxxgkzn", GUIDE_BODY, True),
            ("zwgk/gkzd", "政府信息公开工作制度", "zfxxgkgzzd", RULES_BODY, False),
        ):
            column = _find(home, path)
            if column is None or GuidePage.objects.child_of(column).exists():
                continue
            # Published like any page, so the guide is indexed and has a revision history.
            publish_page(
                GuidePage(title=title, slug=slug, body=body, show_contacts=contacts),
                parent=column,
            )
            created += 1
    return created
