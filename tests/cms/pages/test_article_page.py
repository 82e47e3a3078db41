"""Articles: the system sets the publish time, attachments are listed, the tree is constrained."""

import datetime as dt

import wagtail_factories
from django.urls import reverse
from django.utils import timezone

from cms.pages.models import ArticleAttachment, ArticlePage, ColumnPage, HomePage
from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client


def test_publish_time_is_set_by_the_system_not_the_editor(cluster, make_user):
    moderator = make_user("mod", groups=[cluster.county_a.moderators_group])
    column = cluster.column(cluster.county_a, "gzdt")
    client = host_client("www.localhost", moderator)
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", column.pk])
    form = client.get(add_url).content.decode()
    assert 'name="first_published_at"' not in form
    body = (
        '{"blocks":[{"key":"a","type":"unstyled","text":"正文第一段","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
    )
    before = timezone.now()
    response = client.post(
        add_url,
        {
            "title": "关于开展安全生产大检查的通知",
            "slug": "aqsc",
            "source": "安宁县应急管理局",
            "author": "",
            "keywords": "",
            "summary": "",
            "body": body,
            "first_published_at": "2020-01-01 00:00",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="aqsc")
    assert article.live
    assert article.first_published_at >= before - dt.timedelta(seconds=1)


def test_attachments_are_listed_with_their_type(cluster):
    article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "tzgg"))
    document = wagtail_factories.DocumentFactory(
        title="报名表", collection=cluster.county_a.collection
    )
    ArticleAttachment.objects.create(page=article, document=document, title="附件1：报名登记表")
    html = host_client("anning.localhost").get(article.get_url()).content.decode()
    assert "附件1：报名登记表" in html
    assert document.url in html


def test_page_tree_is_constrained():
    assert ColumnPage in ArticlePage.allowed_parent_page_models()
    assert ArticlePage.allowed_subpage_models() == []
    assert HomePage not in ColumnPage.allowed_subpage_models()
    assert ArticlePage not in HomePage.allowed_subpage_models()
