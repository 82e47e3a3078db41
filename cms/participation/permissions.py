"""Who sees which participation records in the admin: the staff (editors and moderators) of the
site a consultation or interview belongs to; superusers see all. Nobody adds records by hand:
they come from the public forms."""

from __future__ import annotations

from django.db.models import QuerySet

from sites.scope import SiteScopedPolicy, pages_for_user

READ_ACTIONS = frozenset({"view", "change"})


def consultations_for_user(user) -> QuerySet:
    """ConsultationPages below the home of a site the user is staff of."""
    from cms.participation.models import ConsultationPage

    return pages_for_user(user, ConsultationPage.objects.all())


class SiteRecordPolicy(SiteScopedPolicy):
    """Records with a `site` FK: the site's staff view and moderate them; nobody adds or
    deletes them in the admin (a rejected question stays, with its status, for auditors)."""

    actions = READ_ACTIONS
    editor_actions = None
