"""After `migrate`, make sure the daily audit is waiting in the task queue (no cron needed)."""

from __future__ import annotations

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="audit_ensure_scheduled")
def schedule_daily_audit(sender, app_config=None, **kwargs) -> None:
    if app_config is None or app_config.label != "audit":
        return
    from cms.audit.tasks import ensure_scheduled

    try:
        ensure_scheduled()
    except Exception:
        import logging

        logging.getLogger("jiyue.audit").exception("could not schedule the daily audit")
