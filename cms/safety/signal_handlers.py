"""A change to either list gives the lists a new version, so every process rebuilds its automaton."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.safety.matcher import bump_version
from cms.safety.models import ProtectedTerm, SensitiveWord


@receiver(post_save, sender=ProtectedTerm)
@receiver(post_delete, sender=ProtectedTerm)
@receiver(post_save, sender=SensitiveWord)
@receiver(post_delete, sender=SensitiveWord)
def lists_changed(**kwargs) -> None:
    bump_version()
