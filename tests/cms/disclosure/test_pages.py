import datetime as dt

from cms.disclosure.models import DisclosurePage, GuidePage, InterpretationPage, InterpretedPolicy
from cms.disclosure.vocab import ARTICLE_20_CATEGORIES, ARTICLE_21_CATEGORIES
from cms.pages.models import ColumnPage
from tests.conftest import COUNTY_A_HOST, DEPARTMENT_HOST, host_client


def site_path(page) -> str:
    return "/" + page.url_path.split("/", 2)[2]


def test_create_site_provisions_category_columns_by_level(cluster):
    county_root = cluster.column(cluster.county_a, "fdzdgknr")
    department_root = cluster.column(cluster.department, "fdzdgknr")
    county_slugs = set(ColumnPage.objects.child_of(county_root).values_list("slug", flat=True))
    department_slugs = set(
        ColumnPage.objects.child_of(department_root).values_list("slug", flat=True)
    )
    article_20 = {c.slug for c in ARTICLE_20_CATEGORIES}
    article_21 = {c.slug for c in ARTICLE_21_CATEGORIES}
    assert county_slugs == article_20 | article_21
    assert department_slugs == article_20  # 第二十一条 binds city and county governments only
    assert GuidePage.objects.descendant_of(cluster.county_a.site.root_page).count() == 2


def test_provisioning_is_idempotent(cluster):
    from cms.disclosure.provisioning import provision_disclosure_platform

    before = ColumnPage.objects.count()
    assert provision_disclosure_platform(cluster.county_a) == 0
    assert ColumnPage.objects.count() == before


def test_disclosure_page_opens_with_the_metadata_box(cluster, orgs, make_disclosure):
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"],
        title="安宁县关于进一步优化营商环境的若干措施", document_number="安政发[2026]12号",
        written_date=dt.date(2026, 3, 2), genre="意见",
    )  # fmt: skip
    response = host_client(COUNTY_A_HOST).get(site_path(page))
    html = response.content.decode()
    box = html[html.index('<table class="disclosure-index">') : html.index("</table>")]
    assert html.index('class="disclosure-index"') < html.index("<h1>")
    for expected in (
        f'<td class="index-number">{page.index_number}</td>',
        "<td>综合政务</td>",
        "<td>安宁县人民政府</td>",
        "<td>2026年03月02日</td>",
        "<td>安政发〔2026〕12号</td>",
        '<td class="validity">有效</td>',
        "<td>意见</td>",
    ):
        assert expected in box
    assert '<meta name="ColumnName" content="法规文件">' in html
    assert '<meta name="ColumnType" content="信息公开目录">' in html
    assert '<meta name="ArticleTitle" content="安宁县关于进一步优化营商环境的若干措施">' in html
    assert '<meta name="ContentSource" content="安宁县人民政府">' in html


def test_search_metadata_shape(cluster, orgs, make_disclosure):
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"),
        orgs["county_a"],
        document_number="安政发(2026)3号",
    )
    assert page.search_metadata() == {
        "index_number": page.index_number,
        "document_number": "安政发〔2026〕3号",
        "organisation": "安宁县人民政府",
        "topic": "综合政务",
        "genre": "通知",
        "validity": "有效",
    }


def test_category_defaults_from_the_parent_column_and_validity_needs_dates(cluster, orgs):
    column = cluster.column(cluster.county_a, "czyjs")
    page = DisclosurePage(
        title="2026年预算", slug="ys", organisation=orgs["county_a"], written_date=dt.date(2026, 1, 5),
        body="<p>预算</p>", validity="废止", summary="概" * 101,
    )  # fmt: skip
    page.path, page.depth = column.path + "0001", column.depth + 1
    try:
        page.full_clean()
    except Exception as error:
        messages = error.message_dict
    assert "repeal_date" in messages and "summary" in messages
    assert page.category == "czyjs"


def test_policy_and_interpretation_link_both_ways(cluster, orgs, make_disclosure):
    policy = make_disclosure(
        cluster.column(cluster.county_a, "zcwj"), orgs["county_a"], category="fgwj",
        title="安宁县促进民营经济发展若干措施",
    )  # fmt: skip
    interpretation = InterpretationPage(
        title="《安宁县促进民营经济发展若干措施》政策解读", slug="jd1", body="<p>解读正文</p>",
        organisation=orgs["county_a"], live=True, first_published_at=policy.first_published_at,
    )  # fmt: skip
    interpretation.interpreted_policies = [InterpretedPolicy(policy=policy)]
    cluster.column(cluster.county_a, "zcjd").add_child(instance=interpretation)

    client = host_client(COUNTY_A_HOST)
    policy_html = client.get(site_path(policy)).content.decode()
    assert "相关解读" in policy_html and "政策解读</a>" in policy_html
    interpretation_html = client.get(site_path(interpretation)).content.decode()
    assert "解读的政策文件" in interpretation_html
    assert "安宁县促进民营经济发展若干措施</a>" in interpretation_html


def test_guide_shows_the_office_contact_of_the_sites_organisations(cluster, orgs):
    guide = GuidePage.objects.descendant_of(cluster.county_a.site.root_page).get(slug="zfxxgkzn")
    html = host_client(COUNTY_A_HOST).get(site_path(guide)).content.decode()
    for expected in ("安宁县人民政府办公室政务公开科", "安宁县人民路1号", "0917-5210001",
                     "0917-5210002", "zwgk@anning.gov.cn", "安宁县教育局"):  # fmt: skip
        assert expected in html
    assert "清源县" not in html
    other = GuidePage.objects.descendant_of(cluster.department.site.root_page).get(slug="zfxxgkzn")
    assert "长河市教育局" in host_client(DEPARTMENT_HOST).get(site_path(other)).content.decode()


def test_not_disclosed_records_are_not_served(cluster, orgs, make_disclosure):
    page = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], disclosure_method="不予公开"
    )
    assert host_client(COUNTY_A_HOST).get(site_path(page)).status_code == 404
