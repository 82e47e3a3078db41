"""Silent 政务新媒体 accounts, read through the cms.core.inspection contract: one 扣分 per account
silent for longer than its threshold (14 days fine, 15 silent by default), a per-account
threshold, never-delivered accounts, abandonment after three months, and no source no check."""

import datetime as dt

import pytest

from cms.audit import checks
from cms.audit import rules as R
from cms.audit.engine import run_audit
from cms.core.inspection import NEW_MEDIA_DEFAULT_SILENCE_DAYS, SilentAccount
from tests.cms.audit import fake_newmedia

D = dt.date
TODAY = D(2026, 6, 15)


def account(
    site_id=1, last=None, threshold=NEW_MEDIA_DEFAULT_SILENCE_DAYS, pk=7, platform="wechat"
):
    return SilentAccount(
        site_id=site_id,
        account_id=pk,
        platform=platform,
        name="安宁发布",
        last_delivered_on=last,
        threshold_days=threshold,
        admin_url=f"/admin/newmedia/accounts/edit/{pk}/",
    )


def test_fourteen_days_is_fine_fifteen_is_silent():
    assert checks.check_new_media(account(last=TODAY - dt.timedelta(days=14)), TODAY) == []
    [finding] = checks.check_new_media(account(last=TODAY - dt.timedelta(days=15)), TODAY)
    assert finding.severity == R.Severity.DEDUCTION and finding.rule == R.NEW_MEDIA_SILENT
    assert finding.title == "微信公众号“安宁发布”"
    assert finding.explanation == "最近一次推送为2026-05-31，已15天未更新（要求14天内更新）。"
    assert finding.admin_url == "/admin/newmedia/accounts/edit/7/"
    assert finding.key == "new_media_silent:newmedia:7"


def test_per_account_threshold_and_never_delivered():
    weekly = account(last=TODAY - dt.timedelta(days=7), threshold=7, platform="weibo")
    assert checks.check_new_media(weekly, TODAY) == []
    [late] = checks.check_new_media(
        account(last=TODAY - dt.timedelta(days=8), threshold=7, platform="weibo"), TODAY
    )
    assert late.title.startswith("微博") and "要求7天内更新" in late.explanation
    [never] = checks.check_new_media(account(last=None), TODAY)
    assert "从未推送过内容" in never.explanation and "僵尸账号" in never.explanation


def test_three_months_silent_is_called_abandoned():
    [three] = checks.check_new_media(account(last=D(2026, 3, 15)), TODAY)
    assert "僵尸账号" not in three.explanation  # exactly three months: not yet more than three
    [more] = checks.check_new_media(account(last=D(2026, 3, 14)), TODAY)
    assert "超过3个月未更新视为僵尸账号" in more.explanation


@pytest.mark.django_db
def test_engine_reads_the_source_per_site_and_skips_without_one(cluster, settings):
    settings.JIYUE_AUDIT_MESSAGE_SOURCE = ""
    settings.JIYUE_AUDIT_NEWMEDIA_SOURCE = "tests.cms.audit.fake_newmedia.source"
    fake_newmedia.CALLS.clear()
    fake_newmedia.ACCOUNTS[:] = [
        account(site_id=cluster.county_a.pk, last=TODAY - dt.timedelta(days=30), pk=1),
        account(site_id=cluster.county_a.pk, last=TODAY - dt.timedelta(days=3), pk=2),
        account(site_id=cluster.county_b.pk, last=None, pk=3),
    ]
    try:
        result = run_audit([cluster.county_a], TODAY)
        assert [([cluster.county_a.pk], TODAY)] == fake_newmedia.CALLS
        silent = [f for f in result.sites[0].findings if f.rule == R.NEW_MEDIA_SILENT]
        assert [f.object_id for f in silent] == [1]
        everyone = run_audit(None, TODAY)
        by_site = {
            s.site.id: [f.object_id for f in s.findings if f.rule == R.NEW_MEDIA_SILENT]
            for s in everyone.sites
        }
        assert by_site[cluster.county_a.pk] == [1] and by_site[cluster.county_b.pk] == [3]
        assert fake_newmedia.CALLS[-1] == (None, TODAY)

        settings.JIYUE_AUDIT_NEWMEDIA_SOURCE = ""
        fake_newmedia.CALLS.clear()
        quiet = run_audit(None, TODAY)
        assert fake_newmedia.CALLS == []
        assert not any(f.rule == R.NEW_MEDIA_SILENT for f in quiet.all_findings())
    finally:
        fake_newmedia.ACCOUNTS.clear()
