"""Who may read the publication log, and which sites' entries: superusers and holders of the
model's view permission (the 审计员 role) read every site; a site's editors and moderators read
their own sites (`sites.scope`). Nobody edits it."""

from __future__ import annotations

from django.db.models import QuerySet

from cms.publication_log.models import PublicationEntry
from sites import scope
from sites.models import SiteProfile

VIEW_PERMISSION = "publication_log.view_publicationentry"


def reads_all_sites(user) -> bool:
    return scope.reads_all_sites(user, VIEW_PERMISSION)


def readable_sites(user) -> QuerySet[SiteProfile]:
    return scope.readable_sites(user, VIEW_PERMISSION)


def can_read_log(user) -> bool:
    return readable_sites(user).exists()


def entries_for_user(user, profile: SiteProfile | None = None) -> QuerySet[PublicationEntry]:
    """Entries of `profile` (or of every site the user may read). Entries of pages outside any
    site are for readers of all sites only."""
    entries = PublicationEntry.objects.all()
    if profile is not None:
        return entries.filter(site_id=profile.site_id)
    if reads_all_sites(user):
        return entries
    return entries.filter(site_id__in=readable_sites(user).values("site_id"))
