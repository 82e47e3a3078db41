"""Item pages and companion pages stay within their query budgets, whatever their attachments;
document building queries per batch, not per page. (The page kinds' budgets and their growth with
sites and list sizes: tests/themes/test_render_budget.py.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fixtures.factories import ArticlePageFactory
from tests.conftest import host_client


def attach(page, relation_model, count: int) -> None:
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    for n in range(count):
        document = Document(title=f"附件{n}")
        document.file.save(f"fujian{n}.txt", ContentFile("附件正文".encode()), save=True)
        relation_model.objects.create(page=page, document=document, sort_order=n)


def queries_for(host: str, path: str) -> int:
    client = host_client(host)
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


# Budgets of the item pages with attachments; the count must not grow with the attachments.
# Three of them are 上一篇/下一篇 (the listable base, then one query each; issue 15 item 6).
ITEM_BUDGET = {"article": 17, "disclosure": 24}


@pytest.mark.parametrize("kind", list(ITEM_BUDGET))
def test_item_pages_do_not_query_per_attachment(cluster, orgs, make_disclosure, kind):
    from cms.disclosure.models import DisclosureAttachment
    from cms.pages.models import ArticleAttachment

    counts = {}
    for attachments in (1, 6):
        if kind == "article":
            page = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
            attach(page, ArticleAttachment, attachments)
        else:
            page = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
            attach(page, DisclosureAttachment, attachments)
        counts[attachments] = queries_for("anning.localhost", page.get_url())
    assert counts[1] == counts[6] <= ITEM_BUDGET[kind], counts


def test_companion_and_disclosure_column_pages_stay_within_budget(cluster, orgs, make_disclosure):
    """公开指南 (provisioned), a 政务公开 category column with items, the 政务公开 column."""
    from cms.disclosure.models import GuidePage

    column = cluster.column(cluster.county_a, "fgwj")
    for _ in range(3):
        make_disclosure(column, orgs["county_a"])
    guide = GuidePage.objects.descendant_of(cluster.county_a.site.root_page).first()
    budgets = {guide.get_url(): 17, column.get_url(): 17, "/zwgk/": 17}
    counts = {path: queries_for("anning.localhost", path) for path in budgets}
    assert all(counts[path] <= budget for path, budget in budgets.items()), counts


def test_document_building_has_a_fixed_query_count_per_batch(cluster, orgs, make_disclosure):
    from cms.disclosure.models import DisclosureAttachment
    from cms.pages.models import ArticleAttachment
    from search.documents import build_documents

    def add(n: int) -> list:
        pages = []
        for _ in range(n):
            article = ArticlePageFactory(parent=cluster.column(cluster.county_a, "gzdt"))
            attach(article, ArticleAttachment, 2)
            disclosure = make_disclosure(cluster.column(cluster.county_a, "fgwj"), orgs["county_a"])
            attach(disclosure, DisclosureAttachment, 2)
            pages += [article.page_ptr, disclosure.page_ptr]
        return pages

    def count(pages) -> int:
        with CaptureQueriesContext(connection) as queries:
            documents = build_documents(pages)
        assert len(documents) == len(pages)
        return len(queries)

    small, large = add(1), add(10)
    count(small)  # warm the caches a first build fills (site root paths, content types)
    assert count(small) == count(small + large)
    assert count(small) <= 13
