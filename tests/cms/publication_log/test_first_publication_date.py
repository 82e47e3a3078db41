"""Once a page has a first publication time, no screen, import, republish or ORM save changes it
(伪造发稿日期); an attempt through the ORM is restored and logged."""

import datetime as dt
import json

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.pages.models import ArticlePage
from cms.publication_log.chain import verify_chain
from cms.publication_log.models import Action, PublicationEntry
from tests.conftest import COUNTY_A_HOST, host_client

BODY = (
    '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)
BACK_DATE = "2020-01-01 09:00"


def published(draft, moderator) -> ArticlePage:
    draft.save_revision(user=moderator).publish(user=moderator)
    return ArticlePage.objects.get(pk=draft.pk)


def edit_data(page: ArticlePage, **extra) -> dict:
    return {
        "title": page.title,
        "slug": page.slug,
        "source": page.source,
        "author": "",
        "keywords": "",
        "summary": "",
        "body": BODY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        **extra,
    }


def test_the_edit_form_cannot_change_the_date_of_a_live_page(cluster, draft, moderator_a):
    page = published(draft, moderator_a)
    first = page.first_published_at
    client = host_client("www.localhost", moderator_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit_url).content.decode()
    assert 'name="first_published_at"' not in form

    # A hand-made post with the date, and a go-live time in the past, then publish.
    response = client.post(
        edit_url,
        edit_data(
            page,
            title="修改后的标题",
            first_published_at=BACK_DATE,
            go_live_at="2020-01-01 09:00",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "修改后的标题"
    assert page.first_published_at == first
    last = PublicationEntry.objects.filter(page_id=page.pk).order_by("-seq").first()
    assert last.action == Action.PUBLISH and last.first_published_at == first
    assert last.user_id == moderator_a.pk
    assert verify_chain().ok


def test_an_orm_save_with_another_date_is_restored_and_logged(draft, moderator_a):
    page = published(draft, moderator_a)
    first = page.first_published_at
    page.first_published_at = first - dt.timedelta(days=400)
    page.save()
    page.refresh_from_db()
    assert page.first_published_at == first

    refused = PublicationEntry.objects.filter(page_id=page.pk, action=Action.DATE_REFUSED).get()
    assert refused.first_published_at == first
    assert "试图将首次发布时间改为" in refused.note
    # The refusal is itself in the chain, which still verifies.
    assert verify_chain().ok


def test_clearing_the_date_is_refused_too(draft, moderator_a):
    page = published(draft, moderator_a)
    first = page.first_published_at
    page.first_published_at = None
    page.save(update_fields=["first_published_at"])
    page.refresh_from_db()
    assert page.first_published_at == first


def test_reverting_to_an_older_revision_keeps_the_date(draft, moderator_a):
    page = published(draft, moderator_a)
    first = page.first_published_at
    old_revision = page.live_revision
    page.title = "第二版"
    page.save_revision(user=moderator_a).publish(user=moderator_a)
    page = ArticlePage.objects.get(pk=page.pk)
    page.save_revision(user=moderator_a, previous_revision=old_revision).publish(
        user=moderator_a, previous_revision=old_revision
    )
    assert ArticlePage.objects.get(pk=page.pk).first_published_at == first


def test_import_content_cannot_change_the_date_of_an_existing_page(cluster, tmp_path):
    record = {
        "source_id": "old-7001",
        "column": "gzdt",
        "title": "安宁县2019年政务公开工作要点",
        "body": "<p>正文。</p>",
        "published_at": "2019-03-05T10:00:00+08:00",
    }
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_content", str(path), "--site", COUNTY_A_HOST)
    page = ArticlePage.objects.get(title=record["title"])
    imported = page.first_published_at
    assert imported == dt.datetime(2019, 3, 5, 2, 0, tzinfo=dt.UTC)
    entry = PublicationEntry.objects.filter(page_id=page.pk).get()
    # The old site's date is kept as recorded; the log's own time is the system's.
    assert entry.first_published_at == imported
    assert entry.recorded_at > timezone.now() - dt.timedelta(minutes=5)

    path.write_text(
        json.dumps({**record, "published_at": "2015-01-01"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    call_command("import_content", str(path), "--site", COUNTY_A_HOST)
    page.refresh_from_db()
    assert page.first_published_at == imported
    assert PublicationEntry.objects.filter(page_id=page.pk).count() == 1
    assert verify_chain().ok
