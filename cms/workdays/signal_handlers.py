"""Keeps the per-process working-day cache in step with the table."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.workdays.calendar import invalidate
from cms.workdays.models import CalendarException


@receiver(post_save, sender=CalendarException)
@receiver(post_delete, sender=CalendarException)
def calendar_changed(**kwargs) -> None:
    # Clear now (this request may compute right away) and again on commit, so a process that
    # reloaded between the save and the commit does not keep the old table.
    invalidate()
    transaction.on_commit(invalidate)
