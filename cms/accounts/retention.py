"""Retention of the audit log (网络安全法 第二十一条: 留存相关的网络日志不少于六个月).

Log entries (Wagtail's ModelLogEntry and PageLogEntry) are never deleted by the admin or by any
cascade: a delete of one raises, unless it is the `purge_audit_log` command removing entries
older than `MIN_RETENTION_DAYS`. The same module stamps admin activity at login (idle time-out)
and writes logouts to the log."""

from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

# 网络安全法 第二十一条: 不少于六个月; 180 days is the floor the command accepts.
MIN_RETENTION_DAYS = 180
LOG_MODELS = (ModelLogEntry, PageLogEntry)
_purging: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "jiyue_audit_purge_cutoff", default=None
)


class RetentionError(ValueError):
    pass


def refuse_delete(sender, instance, **kwargs) -> None:
    cutoff = _purging.get()
    if cutoff is None or instance.timestamp >= cutoff:
        raise PermissionDenied("审计日志须保留不少于 180 天，不能删除（网络安全法 第二十一条）。")


@contextmanager
def _purge_window(cutoff: dt.datetime):
    token = _purging.set(cutoff)
    try:
        yield
    finally:
        _purging.reset(token)


def purge_older_than(days: int) -> int:
    """Delete entries older than `days` days; refuses fewer than MIN_RETENTION_DAYS."""
    if days < MIN_RETENTION_DAYS:
        raise RetentionError(
            f"审计日志须保留不少于 {MIN_RETENTION_DAYS} 天（网络安全法 第二十一条），"
            f"--older-than 不能小于 {MIN_RETENTION_DAYS}。"
        )
    cutoff = timezone.now() - dt.timedelta(days=days)
    deleted = 0
    with transaction.atomic(), _purge_window(cutoff):
        for model in LOG_MODELS:
            # Through the ORM (not a raw DELETE) so the guard sees every row it removes.
            count, _ = model.objects.filter(timestamp__lt=cutoff).delete()
            deleted += count
    return deleted


def on_logged_in(sender, request, user, **kwargs) -> None:
    from cms.accounts.middleware import stamp_activity

    if request is not None and hasattr(request, "session"):
        stamp_activity(request)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    for model in LOG_MODELS:
        pre_delete.connect(refuse_delete, sender=model, dispatch_uid=f"jiyue.keep.{model.__name__}")
    user_logged_in.connect(on_logged_in, dispatch_uid="jiyue.accounts.stamp_activity")
