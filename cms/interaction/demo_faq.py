"""Demo 常见问题 for every demo site: a few questions citizens really ask (social insurance,
residence permits, school enrolment, the message board itself), answered by the site's first
organisation, in the site's 常见问题 column. Idempotent (fixed slugs)."""

from __future__ import annotations

from cms.core.publishing import publish_page
from cms.disclosure.models import Organisation
from cms.interaction.faq import FaqPage
from cms.pages.models import ColumnPage
from sites.column_tree import find_spec
from sites.models import SiteProfile
from sites.provisioning import add_columns

FAQ_SLUG = "cjwt"
# (slug, topic, question, answer HTML); {region} is the site's area.
ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "faq-yibao-jiaofei",
        "社会保障",
        "城乡居民医保每年什么时候缴费？可以在哪里缴？",
        "<p>{region}城乡居民基本医疗保险每年9月1日至12月31日集中缴费，缴纳的是下一年度的保费。</p>"
        "<p>可通过税务部门微信公众号、各银行网点或村（社区）便民服务站缴费；行动不便的老人可由家属"
        "持身份证代缴。</p>",
    ),
    (
        "faq-juzhuzheng",
        "公安",
        "外地户籍人员如何办理居住证？",
        "<p>在{region}居住半年以上，并有合法稳定就业、稳定住所或连续就读条件之一的，可持居民身份证、"
        "居住登记凭证和相应证明材料，到居住地派出所户籍窗口申领居住证。</p>"
        "<p>材料齐全的，受理后15个工作日内发证；居住证每年签注一次。</p>",
    ),
    (
        "faq-ruxue",
        "教育",
        "孩子上小学一年级需要准备哪些材料？",
        "<p>一般需要儿童户口簿、出生医学证明、预防接种证和法定监护人的房产证明或租赁备案证明。</p>"
        "<p>具体报名时间和学区划分以{region}教育部门每年发布的义务教育招生公告为准。</p>",
    ),
    (
        "faq-liuyan-qixian",
        "政民互动",
        "在领导信箱留言后多久能得到答复？",
        "<p>留言受理后，承办单位一般在10个工作日内答复；情况复杂的，会通过留言查询页面告知办理进展。"
        "</p><p>您可以凭查询码和联系电话在“留言查询”中查看办理进度和答复内容。</p>",
    ),
)


def _faq_column(profile: SiteProfile) -> ColumnPage | None:
    home = profile.site.root_page
    interaction = ColumnPage.objects.child_of(home).filter(slug="hdjl").first()
    if interaction is None:
        return None
    column = ColumnPage.objects.child_of(interaction).filter(slug=FAQ_SLUG).first()
    if column is None:  # a demo site created before 常见问题 was a standard column
        add_columns(interaction, (find_spec(FAQ_SLUG),))
        column = ColumnPage.objects.child_of(interaction).get(slug=FAQ_SLUG)
    return column


def build_site_faq(profile: SiteProfile, region: str) -> int:
    column = _faq_column(profile)
    if column is None:
        return 0
    organisation = Organisation.objects.filter(site=profile).order_by("pk").first()
    existing = set(FaqPage.objects.child_of(column).values_list("slug", flat=True))
    created = 0
    for slug, topic, question, answer in ENTRIES:
        if slug in existing:
            continue
        page = FaqPage(
            title=question,
            slug=slug,
            answer=answer.format(region=region),
            topic=topic,
            organisation=organisation,
        )
        publish_page(page, parent=column)
        created += 1
    return created
