"""After `migrate`: every site has its review workflow, and the recurring chains are waiting."""

from __future__ import annotations

import logging

from django.db.models.signals import post_migrate
from django.dispatch import receiver

logger = logging.getLogger("jiyue.review")


@receiver(post_migrate, dispatch_uid="review_after_migrate")
def after_migrate(sender, app_config=None, **kwargs) -> None:
    if app_config is None or app_config.label != "review":
        return
    from cms.core import recurring
    from cms.review.provisioning import ensure_all

    ensure_all()
    try:
        recurring.ensure_scheduled()
    except Exception:
        logger.exception("could not schedule the recurring tasks")
