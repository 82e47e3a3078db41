"""Answered public messages and 常见问题 entries in unified search, through the search page and
the board's suggestion endpoint: a public answered message is found by a Chinese query with its
reply; private, invalid and not-yet-approved ones never are; a message leaves the index when it
is made private, marked invalid or deleted."""

from __future__ import annotations

import pytest

from cms.core.publishing import publish_page
from cms.interaction import workflow
from cms.interaction.faq import FaqPage
from cms.interaction.models import Message
from cms.pages.column_types import ColumnType
from cms.pages.models import ColumnPage
from search import indexing
from search.engines import get_engine
from tests.cms.interaction.conftest import BOARD_PATH
from tests.conftest import CITY_HOST, COUNTY_A_HOST, host_client

pytestmark = pytest.mark.django_db

REPLY = "经县交通运输局核实，东山线首班车自下月起提前至六点半发车，早高峰加密班次。"


@pytest.fixture
def moderator(cluster, make_user):
    return make_user("a_mod_search", groups=[cluster.county_a.moderators_group])


def _message(cluster, subject: str, *, public: bool = True) -> Message:
    message = Message(
        site=cluster.county_a,
        kind="suggest",
        name="吴建华",
        phone="13909170002",
        subject=subject,
        content="县城到东山镇的公交车每小时一班，早上七点前没有车，建议增加班次。",
        is_public=public,
    )
    return workflow.submit(message)


def _answer(message, orgs, user, *, publish: bool = True) -> None:
    workflow.assign(message, orgs["county_a"], user=user)
    workflow.draft_reply(message, user=user, body=REPLY)
    if publish:
        workflow.publish_reply(message, user=user)


def _titles(host: str, query: str, **params) -> list[str]:
    response = host_client(host).get("/api/search/", {"q": query, **params})
    assert response.status_code == 200
    return [hit["title"] for hit in response.json()["results"]]


def test_answered_public_messages_are_found_private_and_unapproved_are_not(
    cluster, orgs, boards, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public = _message(cluster, "建议增加县城到东山镇的公交班次")
        _answer(public, orgs, moderator)
        private = _message(cluster, "东山镇公交班次太少希望解决", public=False)
        _answer(private, orgs, moderator)
        pending = _message(cluster, "东山镇公交首班车能否提前")
        _answer(pending, orgs, moderator, publish=False)
        invalid = _message(cluster, "东山镇公交广告信息")
        workflow.mark_invalid(invalid, user=moderator, reason="广告")

    assert _titles(COUNTY_A_HOST, "东山镇 公交") == ["建议增加县城到东山镇的公交班次"]
    # Found by words of the reply too, and across the cluster from the city portal.
    assert _titles(CITY_HOST, "首班车 提前", scope="all") == ["建议增加县城到东山镇的公交班次"]

    page = host_client(COUNTY_A_HOST).get("/search/", {"q": "东山镇 公交"})
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{BOARD_PATH}{public.pk}/" in html
    assert "东山镇公交班次太少" not in html and "首班车能否提前" not in html
    detail = host_client(COUNTY_A_HOST).get(f"{BOARD_PATH}{public.pk}/")
    assert detail.status_code == 200 and "六点半发车" in detail.content.decode()

    # The content-type filter knows messages.
    hits = host_client(COUNTY_A_HOST).get("/api/search/", {"q": "公交", "content_type": "留言"})
    assert [h["content_type"] for h in hits.json()["results"]] == ["留言"]

    # Made private, then deleted: it leaves the index each time.
    with django_capture_on_commit_callbacks(execute=True):
        public.is_public = False
        public.save(update_fields=["is_public"])
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == []
    with django_capture_on_commit_callbacks(execute=True):
        public.is_public = True
        public.save(update_fields=["is_public"])
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == ["建议增加县城到东山镇的公交班次"]
    with django_capture_on_commit_callbacks(execute=True):
        public.delete()
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == []


def test_rebuild_indexes_messages_and_sweeps_stale_ones(cluster, orgs, boards, moderator):
    # Without on-commit callbacks nothing was indexed; the rebuild finds the message itself.
    message = _message(cluster, "建议增加县城到东山镇的公交班次")
    _answer(message, orgs, moderator)
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == []
    indexing.rebuild()
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == ["建议增加县城到东山镇的公交班次"]
    Message.objects.filter(pk=message.pk).update(is_public=False)  # no signal: a stale document
    indexing.rebuild()
    assert _titles(COUNTY_A_HOST, "东山镇 公交") == []
    assert get_engine().count() == indexing.indexable_count()


def faq_column(cluster, profile) -> ColumnPage:
    """The site's 常见问题 column (created when the site's tree does not have one)."""
    interaction = cluster.column(profile, "hdjl")
    column = ColumnPage.objects.child_of(interaction).filter(slug="cjwt").first()
    if column is None:
        column = publish_page(
            ColumnPage(
                title="常见问题",
                slug="cjwt",
                column_type=ColumnType.CONSULTATION,
                description="常见问题解答。",
                keywords="常见问题",
            ),
            parent=interaction,
        )
    return column


def test_faq_entries_are_pages_in_search_and_in_the_form_suggestions(
    cluster, orgs, boards, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        faq = publish_page(
            FaqPage(
                title="城乡居民医保在哪里缴费",
                slug="yibao-jiaofei",
                answer="<p>可通过税务部门微信公众号或村便民服务站缴费。</p><script>alert(1)</script>"
                '<p onclick="x()">行动不便的老人可由家属代缴。</p>',
                topic="社会保障",
                organisation=orgs["county_a"],
            ),
            parent=faq_column(cluster, cluster.county_a),
        )
        message = _message(cluster, "建议增加县城到东山镇的公交班次")
        _answer(message, orgs, moderator)

    faq.refresh_from_db()
    assert "<script" not in faq.answer and "onclick" not in faq.answer  # sanitised on save
    client = host_client(COUNTY_A_HOST)
    column = client.get("/hdjl/cjwt/")
    assert column.status_code == 200 and "城乡居民医保在哪里缴费" in column.content.decode()
    page = client.get("/hdjl/cjwt/yibao-jiaofei/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "家属代缴" in html and "<script>alert" not in html and "社会保障" in html

    found = client.get("/api/search/", {"q": "医保 缴费"}).json()["results"]
    assert [(h["title"], h["content_type"]) for h in found] == [
        ("城乡居民医保在哪里缴费", "常见问题")
    ]
    # Filtered by its topic and organisation like any document.
    topic = client.get("/api/search/", {"q": "医保", "topic": "社会保障"}).json()["results"]
    assert [h["title"] for h in topic] == ["城乡居民医保在哪里缴费"]

    suggest = client.get(BOARD_PATH + "suggest/", {"q": "请问医保缴费可以去哪里办"}).json()
    assert [(r["title"], r.get("kind")) for r in suggest["results"]] == [
        ("城乡居民医保在哪里缴费", "faq")
    ]
    both = client.get(BOARD_PATH + "suggest/", {"q": "东山镇公交 医保缴费"}).json()["results"]
    titles = [r["title"] for r in both]
    assert "建议增加县城到东山镇的公交班次" in titles
    # Another site's board never suggests this site's FAQ.
    other = host_client("qingyuan.localhost").get(BOARD_PATH + "suggest/", {"q": "医保缴费"})
    assert other.json()["results"] == []
