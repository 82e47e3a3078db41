"""`manage.py db_worker`: django-tasks-db's worker, which first makes sure every recurring chain
(cms.core.recurring: scheduled publishing, the daily audit, the link check) has a run waiting, so
a worker killed in the middle of a run comes back with its schedules intact."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from cms.core import recurring


class Command(WorkerCommand):
    help = WorkerCommand.help

    def handle(self, *args, **options):
        recurring.ensure_scheduled()
        return super().handle(*args, **options)
