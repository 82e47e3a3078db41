"""信息报送 over HTTP: a county submits an article to the portal; the portal's moderator rejects
it (it never appears), the county submits again, the moderator accepts it, and the portal copy
follows every later edit, 撤稿, unpublication and validity change of the original."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from cms.core import publication_gates
from cms.core.publication_gates import GateFinding, PublicationRefused
from cms.disclosure.models import DisclosurePage
from cms.pages.models import Withdrawal
from cms.sharing.models import SharingPolicy, Status, Submission
from fixtures.factories import ArticlePageFactory, shared_submission
from tests.cms.disclosure.admin_forms import form_data as disclosure_form_data
from tests.cms.pages.test_updates import edit_data
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

ADMIN = "www.localhost"


@pytest.fixture
def staff(cluster, make_user):
    return {
        "editor": make_user("anning_ed", groups=[cluster.county_a.editors_group]),
        "county_mod": make_user("anning_mod", groups=[cluster.county_a.moderators_group]),
        "portal_mod": make_user("portal_mod", groups=[cluster.city.moderators_group]),
        "other_mod": make_user("qingyuan_mod", groups=[cluster.county_b.moderators_group]),
    }


def cluster_news(html: str) -> str:
    return html.split('id="cluster-news-title"')[1].split("</section>")[0]


def portal_home() -> str:
    return host_client(CITY_HOST).get("/").content.decode()


def public_path(page: Page) -> str:
    return "/" + page.url_path.split("/", 2)[2]


def submit_over_http(client, page, column, note="请市门户采用。"):
    url = reverse("sharing:submit", args=[page.pk])
    return client.post(url, {"column": column.pk, "note": note})


def decide(client, submission, decision, reason=""):
    url = reverse("sharing:detail", args=[submission.pk])
    return client.post(url, {"decision": decision, "reason": reason})


def test_shared_article_follows_its_original_and_a_rejection_never_appears(cluster, staff):
    original = ArticlePageFactory(
        parent=cluster.column(cluster.county_a, "gzdt"), title="安宁县召开春耕生产推进会"
    )
    target = cluster.column(cluster.city, "gzdt")
    editor = host_client(ADMIN, staff["editor"])
    portal_mod = host_client(ADMIN, staff["portal_mod"])

    # The page action is offered in the editor; the form lists the other sites' news columns.
    edit_page = editor.get(reverse("wagtailadmin_pages:edit", args=[original.pk])).content
    assert reverse("sharing:submit", args=[original.pk]) in edit_page.decode()
    form = editor.get(reverse("sharing:submit", args=[original.pk])).content.decode()
    assert "长河市人民政府门户网站 › 工作动态" in form
    assert "安宁县人民政府门户网站 › 工作动态" not in form

    assert editor.post(reverse("sharing:submit", args=[original.pk]), {}).status_code == 200
    assert submit_over_http(editor, original, target).status_code == 302
    first = Submission.objects.get(page=original)
    assert first.status == Status.PENDING
    again = submit_over_http(editor, original, target).content.decode()
    assert "该稿件已报送到此栏目" in again
    assert "安宁县召开春耕生产推进会" not in cluster_news(portal_home())

    # The portal's moderator reads it read-only and rejects it, with a reason.
    inbox = portal_mod.get(reverse("sharing:list")).content.decode()
    assert "安宁县召开春耕生产推进会" in inbox and "待审核 1 条" in inbox
    detail = portal_mod.get(reverse("sharing:detail", args=[first.pk])).content.decode()
    assert "稿件内容（只读）" in detail and "坚持问题导向" in detail
    assert "请填写不采用的理由" in decide(portal_mod, first, "reject").content.decode()
    assert decide(portal_mod, first, "reject", "请补充具体成效数据。").status_code == 302
    first.refresh_from_db()
    assert first.status == Status.REJECTED and first.decided_by == staff["portal_mod"]
    assert first.copy is None
    assert "安宁县召开春耕生产推进会" not in portal_home()
    assert "安宁县召开春耕生产推进会" not in host_client(CITY_HOST).get("/gzdt/").content.decode()
    history = editor.get(reverse("sharing:submit", args=[original.pk])).content.decode()
    assert "未采用" in history and "请补充具体成效数据。" in history and "portal_mod" in history

    # Submitted again, and accepted: one copy on the portal, labelled with the county.
    assert submit_over_http(editor, original, target).status_code == 302
    second = Submission.objects.get(page=original, status=Status.PENDING)
    assert decide(portal_mod, second, "accept").status_code == 302
    second.refresh_from_db()
    copy = second.copy.specific
    assert second.status == Status.ACCEPTED and copy.alias_of_id == original.pk and copy.live
    news = cluster_news(portal_home())
    assert "安宁县召开春耕生产推进会" in news and "[安宁县]" in news
    page_html = host_client(CITY_HOST).get(public_path(copy)).content.decode()
    assert f'<link rel="canonical" href="http://{COUNTY_A_HOST}{public_path(original)}">' in (
        page_html
    )
    assert "canonical" not in host_client(COUNTY_A_HOST).get(public_path(original)).content.decode()
    assert decide(portal_mod, second, "reject", "重复").status_code == 200  # decided already
    both = editor.get(reverse("sharing:submit", args=[original.pk])).content.decode()
    assert both.count('class="status-') == 2  # two submissions, each with its decision
    assert 'class="status-accepted"' in both and 'class="status-rejected"' in both

    # The county edits the original: the copy follows.
    county_mod = host_client(ADMIN, staff["county_mod"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[original.pk])
    assert (
        county_mod.post(edit_url, edit_data(original, title="安宁县春耕生产推进会召开")).status_code
        == 302
    )
    copy.refresh_from_db()
    assert copy.title == "安宁县春耕生产推进会召开" and "正文已修改" in copy.body
    assert "安宁县春耕生产推进会召开" in cluster_news(portal_home())

    # 撤稿 on the county: the copy is withdrawn the same way, and comes back with the original.
    withdraw_url = reverse("jiyue_withdraw_page", args=[original.pk])
    assert county_mod.post(withdraw_url, {"reason": "数据有误，待核实。"}).status_code == 302
    assert Withdrawal.objects.get(page_id=copy.pk).reason == "数据有误，待核实。"
    assert "安宁县春耕生产推进会召开" not in cluster_news(portal_home())
    notice = host_client(CITY_HOST).get(public_path(copy)).content.decode()
    assert "数据有误，待核实。" in notice
    county_mod.post(reverse("jiyue_reinstate_page", args=[original.pk]))
    assert not Withdrawal.objects.filter(page_id=copy.pk).exists()
    assert "安宁县春耕生产推进会召开" in cluster_news(portal_home())

    # Unpublished on the county: gone from the portal too.
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=[original.pk])
    assert county_mod.post(unpublish_url).status_code == 302
    copy.refresh_from_db()
    assert not copy.live
    assert host_client(CITY_HOST).get(public_path(copy)).status_code == 404
    assert "安宁县春耕生产推进会召开" not in portal_home()


def test_shared_disclosure_follows_a_validity_change(cluster, orgs, make_disclosure, staff):
    original = make_disclosure(
        cluster.column(cluster.county_a, "fgwj"), orgs["county_a"], title="安宁县农村建房管理办法"
    )
    submission = shared_submission(
        original, cluster.column(cluster.city, "fgwj"), user=staff["editor"]
    )
    assert decide(host_client(ADMIN, staff["portal_mod"]), submission, "accept").status_code == 302
    copy = Submission.objects.get(pk=submission.pk).copy
    county_mod = host_client(ADMIN, staff["county_mod"])
    data = disclosure_form_data(
        orgs["county_a"],
        title=original.title,
        slug=original.slug,
        document_number=original.document_number or "",
        validity="废止",
        repeal_date="2026-03-20",
        **{"action-publish": "1"},
    )
    response = county_mod.post(reverse("wagtailadmin_pages:edit", args=[original.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DisclosurePage.objects.get(pk=copy.pk).validity == "废止"
    html = host_client(CITY_HOST).get(public_path(copy)).content.decode()
    assert "废止（2026年03月20日废止）" in html


def test_a_gate_refusing_the_copy_refuses_acceptance_and_later_edits(cluster, staff, monkeypatch):
    original = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"), title="门禁稿件")
    target = cluster.column(cluster.city, "gzdt")
    portal_path = cluster.city.site.root_page.path
    refusing = {"on": True}

    def portal_gate(page, revision, user):
        if refusing["on"] and page.path.startswith(portal_path):
            yield GateFinding(gate="test", message="门户不接受此稿件。")

    monkeypatch.setitem(publication_gates._gates, "test-portal", portal_gate)
    submission = shared_submission(original, target, user=staff["editor"])
    response = decide(host_client(ADMIN, staff["portal_mod"]), submission, "accept")
    assert "门户不接受此稿件。" in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).status == Status.PENDING
    assert not Page.objects.filter(alias_of=original).exists()

    refusing["on"] = False
    decide(host_client(ADMIN, staff["portal_mod"]), submission, "accept")
    copy = Submission.objects.get(pk=submission.pk).copy
    assert copy is not None and copy.live
    # Wagtail updates a copy without calling publish(); the sharing gate asks for it instead.
    refusing["on"] = True
    original.title = "绕过门禁的修改"
    with pytest.raises(PublicationRefused, match=r"共享副本.*门户不接受此稿件"):
        original.save_revision().publish()
    copy.refresh_from_db()
    assert copy.title == "门禁稿件"
    assert Page.objects.get(pk=original.pk).title == "门禁稿件"


def test_auto_accepted_sites_reach_the_portal_news_directly(cluster, staff, make_user):
    county_b_news = cluster.column(cluster.county_b, "gzdt")
    ArticlePageFactory(parent=county_b_news, title="清源县新闻一则")
    assert "清源县新闻一则" not in cluster_news(portal_home())

    portal_mod = host_client(ADMIN, staff["portal_mod"])
    policy_url = reverse("sharing:policy")
    assert "清源县" in portal_mod.get(policy_url).content.decode()
    response = portal_mod.post(policy_url, {"auto_accept_from": [cluster.county_b.site_id]})
    assert response.status_code == 302
    assert list(SharingPolicy.objects.get(site=cluster.city.site).auto_accept_from.all()) == [
        cluster.county_b.site
    ]
    assert "清源县新闻一则" in cluster_news(portal_home())

    editor_b = make_user("qingyuan_ed", groups=[cluster.county_b.editors_group])
    article = ArticlePageFactory(parent=county_b_news, title="清源县报送稿")
    submit_over_http(host_client(ADMIN, editor_b), article, cluster.column(cluster.city, "tzgg"))
    submission = Submission.objects.get(page=article)
    assert submission.status == Status.ACCEPTED and submission.auto_accepted
    assert submission.reason == "自动采用"


def test_only_the_receiving_moderators_decide(cluster, staff):
    original = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
    submission = shared_submission(
        original, cluster.column(cluster.city, "gzdt"), user=staff["editor"]
    )
    detail = reverse("sharing:detail", args=[submission.pk])
    assert host_client(ADMIN, staff["other_mod"]).get(detail).status_code == 404
    editor = host_client(ADMIN, staff["editor"])
    assert "提交审核结果" not in editor.get(detail).content.decode()
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    refused = decide(editor, submission, "accept")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    other = host_client(ADMIN, staff["other_mod"])
    assert other.get(reverse("sharing:submit", args=[original.pk]))["Location"] == "/admin/"
    assert Submission.objects.get(pk=submission.pk).status == Status.PENDING


def test_statistics_per_site_and_month_export(cluster, staff):
    target = cluster.column(cluster.city, "gzdt")
    column = cluster.column(cluster.county_a, "gzdt")
    for decision in ("accepted", "rejected", "pending"):
        shared_submission(
            ArticlePageFactory(parent=column),
            target,
            decision=decision,
            user=staff["editor"],
            decider=staff["portal_mod"],
        )
    client = host_client(ADMIN, staff["portal_mod"])
    page = client.get(reverse("sharing:stats")).content.decode()
    month = Submission.objects.first().submitted_at.astimezone().strftime("%Y-%m")
    assert re.search(
        rf"<td>安宁县人民政府门户网站</td><td>{month}</td><td>3</td><td>1</td><td>1</td>"
        r"<td>1</td><td>33.3%</td>",
        page,
    )
    year = month[:4]
    response = client.get(reverse("sharing:stats_export", args=["csv"]) + f"?year={year}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["报送网站", "月份", "报送数"]
    assert rows[1] == ["安宁县人民政府门户网站", month, "3", "1", "1", "1", "33.3%"]
    xlsx = client.get(reverse("sharing:stats_export", args=["xlsx"]) + f"?year={year}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][:4] == ["安宁县人民政府门户网站", month, 3, 1]
    assert client.get(reverse("sharing:stats_export", args=["pdf"])).status_code == 404
    # Another county's moderator sees none of it.
    other = host_client(ADMIN, staff["other_mod"]).get(reverse("sharing:stats")).content.decode()
    assert "安宁县人民政府门户网站" not in other
