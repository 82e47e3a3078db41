"""The chain covers all live content: sites built by `create_site`, the demo cluster (which
publishes through the same saves) and, through baseline entries, pages live before the log."""

from django.core.management import call_command
from wagtail.models import Page

from cms.publication_log.baseline import record_baseline_now
from cms.publication_log.chain import verify_chain
from cms.publication_log.models import Action, PublicationEntry


def logged_page_ids() -> set[int]:
    return set(PublicationEntry.objects.values_list("page_id", flat=True))


def test_every_live_page_of_the_test_cluster_is_in_a_verifying_chain(cluster):
    live = set(Page.objects.filter(live=True, depth__gt=1).values_list("pk", flat=True))
    assert live and live <= logged_page_ids()
    assert record_baseline_now() == 0
    result = verify_chain()
    assert result.ok and result.checked == PublicationEntry.objects.count()


def test_baseline_covers_pages_that_went_live_behind_the_log(cluster, capsys):
    # A page made live by a queryset update (as before the log existed) sends no signal.
    column = cluster.column(cluster.county_a, "gzdt")
    from cms.pages.models import ArticlePage

    page = ArticlePage(title="旧系统已发布的文章", slug="legacy", body="<p>正文</p>", live=False)
    column.add_child(instance=page)
    Page.objects.filter(pk=page.pk).update(live=True)
    assert page.pk not in logged_page_ids()

    call_command("backfill_publication_log")
    assert "已补记 1 条基线记录" in capsys.readouterr().out
    entry = PublicationEntry.objects.get(page_id=page.pk)
    assert entry.action == Action.BASELINE and entry.site_id == cluster.county_a.site_id
    call_command("backfill_publication_log")
    assert "已补记 0 条基线记录" in capsys.readouterr().out
    assert verify_chain().ok


def test_after_load_demo_cluster_the_chain_verifies(demo_cluster, capsys):
    live = set(Page.objects.filter(live=True, depth__gt=1).values_list("pk", flat=True))
    assert live <= logged_page_ids()
    call_command("verify_publication_log")
    assert "发布记录链完整" in capsys.readouterr().out


def test_the_data_migration_writes_the_same_baseline_with_historical_models(cluster):
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from cms.pages.models import ArticlePage

    column = cluster.column(cluster.county_b, "gzdt")
    page = ArticlePage(title="迁移前已发布", slug="before-log", body="<p>正文</p>", live=False)
    column.add_child(instance=page)
    revision = page.save_revision()
    Page.objects.filter(pk=page.pk).update(live=True, live_revision=revision)

    historical = (
        MigrationLoader(connection).project_state(("publication_log", "0002_baseline")).apps
    )
    migration = importlib.import_module("cms.publication_log.migrations.0002_baseline")
    migration.baseline(historical, None)

    entry = PublicationEntry.objects.get(page_id=page.pk)
    assert entry.action == Action.BASELINE
    assert entry.revision_id == revision.pk and entry.site_id == cluster.county_b.site_id
    from cms.publication_log.hashing import content_hash

    assert entry.content_hash == content_hash(revision.content)
    assert verify_chain().ok
