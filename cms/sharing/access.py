"""Who sees which submissions: the staff of the submitting site see what their site sent; the
moderators of the receiving site see, and decide on, what it received (sites.permissions)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cms.sharing.models import Submission
from sites.permissions import sites_for_user


def staffed_site_ids(user) -> list[int]:
    return list(sites_for_user(user).values_list("site_id", flat=True))


def moderated_site_ids(user) -> list[int]:
    return list(sites_for_user(user, moderated_only=True).values_list("site_id", flat=True))


def sent(user) -> QuerySet[Submission]:
    return Submission.objects.filter(source_site_id__in=staffed_site_ids(user))


def received(user) -> QuerySet[Submission]:
    return Submission.objects.filter(target_site_id__in=moderated_site_ids(user))


def visible(user) -> QuerySet[Submission]:
    """Sent by the user's sites or received by the sites the user moderates."""
    return Submission.objects.filter(
        Q(source_site_id__in=staffed_site_ids(user))
        | Q(target_site_id__in=moderated_site_ids(user))
    )


def may_decide(user, submission: Submission) -> bool:
    return submission.target_site_id in moderated_site_ids(user)
