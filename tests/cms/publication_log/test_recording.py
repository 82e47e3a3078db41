"""Every change of a page's public state appends one entry, in the transaction of the change."""

import pytest
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page

from cms.pages.models import ArticlePage
from cms.pages.withdrawal import reinstate_page, withdraw_page
from cms.publication_log.chain import verify_chain
from cms.publication_log.hashing import content_hash
from cms.publication_log.models import Action, AppendOnlyError, ChainHead, PublicationEntry


def entries_for(page):
    return list(PublicationEntry.objects.filter(page_id=page.pk).order_by("seq"))


def test_publish_records_time_revision_user_site_and_content_hash(cluster, draft, moderator_a):
    before = PublicationEntry.objects.count()
    revision = draft.save_revision(user=moderator_a)
    revision.publish(user=moderator_a)
    draft.refresh_from_db()

    [entry] = entries_for(draft)
    assert PublicationEntry.objects.count() == before + 1
    assert entry.action == Action.PUBLISH
    assert entry.revision_id == revision.pk
    assert entry.user_id == moderator_a.pk and entry.username == "anning_mod"
    assert entry.site_id == cluster.county_a.site_id
    assert entry.first_published_at == draft.first_published_at
    assert entry.content_hash == content_hash(revision.content)
    assert entry.page_title == draft.title
    assert ChainHead.objects.get().last_hash == entry.entry_hash
    assert verify_chain().ok


def test_content_hash_is_stable_and_ignores_page_state(draft):
    revision = draft.save_revision()
    content = dict(revision.content)
    moved = {**content, "path": "00010002", "live": True, "locked": True}
    assert content_hash(content) == content_hash(moved)
    assert content_hash(content) != content_hash({**content, "body": "<p>改动</p>"})
    # A known value pins the serialisation: sha256 of {"pk":1,"title":"通知"} (sorted, no spaces).
    assert content_hash({"title": "通知", "pk": 1}) == (
        "33c318ccb29c88c8432c7c6a2b1d7bad8af666cd83c49073604c3f90b5507d6b"
    )


def test_unpublish_withdraw_and_reinstate_are_logged_in_order(cluster, draft, moderator_a):
    draft.save_revision(user=moderator_a).publish(user=moderator_a)
    page = ArticlePage.objects.get(pk=draft.pk)
    withdraw_page(page, reason="信息有误，正在核实。", user=moderator_a)
    reinstate_page(page, user=moderator_a)
    page.refresh_from_db()
    page.unpublish(user=moderator_a)

    actions = [(e.action, e.user_id) for e in entries_for(draft)]
    assert actions == [
        (Action.PUBLISH, moderator_a.pk),
        (Action.WITHDRAW, moderator_a.pk),
        (Action.REINSTATE, moderator_a.pk),
        (Action.UNPUBLISH, None),  # outside the admin no request user is known
    ]
    seqs = [e.seq for e in entries_for(draft)]
    assert seqs == sorted(seqs)
    assert verify_chain().ok


def test_republishing_appends_a_new_entry_and_keeps_the_first_date(draft, moderator_a):
    draft.save_revision(user=moderator_a).publish(user=moderator_a)
    first = ArticlePage.objects.get(pk=draft.pk).first_published_at
    page = ArticlePage.objects.get(pk=draft.pk)
    page.title = "安宁县召开2026年安全生产工作会议（更新）"
    second_revision = page.save_revision(user=moderator_a)
    second_revision.publish(user=moderator_a)

    entries = entries_for(draft)
    assert [e.action for e in entries] == [Action.PUBLISH, Action.PUBLISH]
    assert entries[1].revision_id == second_revision.pk
    assert entries[0].first_published_at == entries[1].first_published_at == first
    assert entries[1].previous_hash == entries[0].entry_hash


def test_a_failing_publish_leaves_no_entry(draft, moderator_a):
    revision = draft.save_revision(user=moderator_a)
    before = PublicationEntry.objects.count()

    def fail(sender, instance, **kwargs):
        if isinstance(instance, Page) and instance.live:
            raise RuntimeError("磁盘已满")

    # Connected after the log's receiver: the entry is written, then the save fails.
    post_save.connect(fail, dispatch_uid="test.fail_publish")
    try:
        with pytest.raises(RuntimeError):
            revision.publish(user=moderator_a)
    finally:
        post_save.disconnect(dispatch_uid="test.fail_publish")

    assert PublicationEntry.objects.count() == before
    assert not Page.objects.get(pk=draft.pk).live
    assert verify_chain().ok


def test_a_rolled_back_transaction_takes_its_entry_with_it(draft, moderator_a):
    before = PublicationEntry.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        draft.save_revision(user=moderator_a).publish(user=moderator_a)
        assert PublicationEntry.objects.count() == before + 1
        raise ValueError("rollback")
    assert PublicationEntry.objects.count() == before
    assert not Page.objects.get(pk=draft.pk).live


def test_entries_cannot_be_changed_or_deleted_through_the_orm(draft, moderator_a):
    draft.save_revision(user=moderator_a).publish(user=moderator_a)
    entry = entries_for(draft)[0]
    entry.page_title = "改过的标题"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        PublicationEntry.objects.filter(pk=entry.pk).update(page_title="x")
    with pytest.raises(AppendOnlyError):
        PublicationEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        PublicationEntry.objects.bulk_update([entry], ["page_title"])
    assert PublicationEntry.objects.get(pk=entry.pk).page_title == draft.title


def test_deleting_a_live_page_is_logged_and_keeps_its_entries(draft, moderator_a):
    draft.save_revision(user=moderator_a).publish(user=moderator_a)
    Page.objects.get(pk=draft.pk).delete()
    assert [e.action for e in entries_for(draft)] == [Action.PUBLISH, Action.DELETE]
    assert verify_chain().ok


def test_if_the_entry_cannot_be_written_the_page_does_not_go_live(draft, moderator_a):
    """The entry and the state change commit together: a failing log write fails the publish."""
    from django.db import IntegrityError
    from django.utils import timezone

    head = ChainHead.objects.get()
    # A stray row holding the next sequence number makes the log's insert fail.
    PublicationEntry(
        seq=head.last_seq + 1,
        recorded_at=timezone.now(),
        action=Action.PUBLISH,
        page_id=0,
        page_title="占位",
        content_hash="0" * 64,
        previous_hash=head.last_hash,
        entry_hash="f" * 64,
    ).save()
    revision = draft.save_revision(user=moderator_a)
    with pytest.raises(IntegrityError):
        revision.publish(user=moderator_a)
    assert not Page.objects.get(pk=draft.pk).live
