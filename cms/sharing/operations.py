"""Submitting, accepting and rejecting 信息报送: the only code that writes `Submission` rows or
creates shared copies, so every decision is checked the same way from the admin, the demo loader
and the tests.

An accepted item becomes a Wagtail alias of the original below the target column: one record,
whose every later publication, unpublication, 撤稿 and validity change is the original's
(DESIGN.md: "A record shared to several sites exists once"). Creating the alias passes the
publication gates (cms.core.publication_gates) for the copy, inside the transaction that creates
it, so a refusal leaves nothing behind."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.signals import page_published

from cms.core.publication_gates import PublicationRefused, enforce
from cms.pages.column_types import ColumnType
from cms.pages.models import ArticlePage, ColumnPage
from cms.pages.queries import is_publicly_listable
from cms.sharing.models import SharingPolicy, Status, Submission
from sites.permissions import sites_for_user

SUBMIT_ACTION = "jiyue.sharing.submit"
ACCEPT_ACTION = "jiyue.sharing.accept"
REJECT_ACTION = "jiyue.sharing.reject"


class SharingError(Exception):
    """The submission or decision cannot go ahead; the message is for the editor, in Chinese."""


def site_of(page: Page) -> Site | None:
    """The site whose tree holds `page` (the root-paths cache, one cached query per site)."""
    parts = page.get_url_parts()
    return None if parts is None else Site.objects.filter(pk=parts[0]).first()


def site_names() -> dict[int, str]:
    """Site id → the site's canonical name (网站名称), for labels."""
    from sites.models import SiteProfile

    return dict(SiteProfile.objects.values_list("site_id", "canonical_name"))


def site_name_of(page: Page, names: dict[int, str]) -> str:
    """The name of the site holding `page` (the site-root-paths cache, no query)."""
    parts = page.get_url_parts()
    return names.get(parts[0], "") if parts is not None else ""


def can_be_shared(page: Page) -> bool:
    """Articles and disclosures (column items) that are originals, not copies themselves."""
    return getattr(page.specific_class, "is_column_item", False) and not page.alias_of_id


def target_columns(page: Page) -> QuerySet[ColumnPage]:
    """Columns of other sites that may receive `page`: live columns where its type may exist;
    an article goes to news-type columns (工作动态, 区县动态, 站群要闻…)."""
    source = site_of(page)
    columns = ColumnPage.objects.live().exclude(
        path__startswith=source.root_page.path if source else "\0"
    )
    if issubclass(page.specific_class, ArticlePage):
        columns = columns.filter(column_type=ColumnType.NEWS)
    allowed = [c.pk for c in columns if page.specific_class.can_exist_under(c)]
    return ColumnPage.objects.filter(pk__in=allowed).order_by("path")


def moderates(user, site: Site | None) -> bool:
    """Whether `user` decides on submissions received by `site` (its moderators, superusers)."""
    if site is None:
        return False
    return sites_for_user(user, moderated_only=True).filter(site_id=site.pk).exists()


def _auto_accepts(target: Site, source: Site) -> bool:
    return SharingPolicy.objects.filter(site=target, auto_accept_from=source).exists()


def submit(page: Page, column: Page, *, user=None, note: str = "") -> Submission:
    """Offer live `page` to `column` of another site; accepted at once when the receiving site
    auto-accepts from the page's site."""
    page = page.specific
    if not can_be_shared(page):
        raise SharingError("只有文章、公开信息等原创稿件可以报送，栏目、首页和共享副本不能报送。")
    if not is_publicly_listable(page):
        raise SharingError("只有已发布且未撤稿的稿件可以报送。")
    source, target = site_of(page), site_of(column)
    if source is None or target is None or source.pk == target.pk:
        raise SharingError("请选择其他网站的栏目作为报送目标。")
    if not target_columns(page).filter(pk=column.pk).exists():
        raise SharingError("该栏目不能接收这类稿件，请选择其他栏目。")
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                page=page,
                title=page.title,
                source_site=source,
                target_site=target,
                target_column=column,
                note=note.strip(),
                submitted_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        raise SharingError("该稿件已报送到此栏目，正在审核或已被采用。") from None
    log(
        instance=page,
        action=SUBMIT_ACTION,
        user=submission.submitted_by,
        data={"target": column.title, "site": target.site_name},
    )
    if _auto_accepts(target, source):
        submission = accept(submission, user=None, auto=True)
    return submission


def _free_slug(page: Page, column: Page) -> str:
    taken = set(Page.objects.child_of(column).values_list("slug", flat=True))
    slug, n = page.slug, 1
    while slug in taken:
        n += 1
        slug = f"{page.slug}-{n}"
    return slug


def accept(
    submission: Submission, *, user=None, reason: str = "", auto: bool = False
) -> Submission:
    """Accept a pending submission: the shared copy goes live below the target column."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Status.PENDING:
            raise SharingError("该报送已经处理过。")
        if submission.page is None or submission.target_column is None:
            raise SharingError("原稿件或目标栏目已被删除，不能采用。")
        original = submission.page.specific
        if not is_publicly_listable(original):
            raise SharingError("原稿件已撤稿或不再公开，不能采用。")
        column = submission.target_column.specific
        copy = CreatePageAliasAction(
            original,
            parent=column,
            update_slug=_free_slug(original, column),
            user=user,
            log_action="wagtail.create_alias",
        ).execute(skip_permission_checks=True)
        copy = copy.specific
        revision = original.live_revision
        # The copy's publication is a publication like any other: every gate decides on it,
        # and a refusal rolls the copy back with the transaction.
        try:
            enforce(copy, revision, user)
        except PublicationRefused as refusal:
            raise SharingError(f"不能采用：{refusal}") from refusal
        # Announced as Wagtail announces the copies it updates later (update_aliases), so the
        # update record, publication log, caches and feeds see the copy appear.
        page_published.send(sender=type(copy), instance=copy, revision=revision, alias=True)
        decider = user if getattr(user, "pk", None) else None
        submission.status = Status.ACCEPTED
        submission.decided_by = decider
        submission.decided_at = timezone.now()
        submission.reason = reason.strip() or ("自动采用" if auto else "")
        submission.auto_accepted = auto
        submission.copy = copy
        submission.save()
        log(
            instance=original,
            action=ACCEPT_ACTION,
            user=decider,
            data={"target": column.title, "reason": submission.reason},
        )
    return submission


def reject(submission: Submission, *, user=None, reason: str) -> Submission:
    """Reject a pending submission with a reason the submitting site sees."""
    reason = (reason or "").strip()
    if not reason:
        raise SharingError("请填写不采用的理由，报送单位将看到这条意见。")
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Status.PENDING:
            raise SharingError("该报送已经处理过。")
        submission.status = Status.REJECTED
        submission.decided_by = user if getattr(user, "pk", None) else None
        submission.decided_at = timezone.now()
        submission.reason = reason
        submission.save()
        if submission.page is not None:
            log(
                instance=submission.page.specific,
                action=REJECT_ACTION,
                user=submission.decided_by,
                data={"reason": reason},
            )
    return submission
