"""`python manage.py rebuild_search_index`: rebuild the whole index with a progress bar while
search keeps answering (embedded: replace then sweep; Elasticsearch: new index, alias swap)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.engines import SearchUnavailable, get_engine


class Command(BaseCommand):
    help = "重建站内搜索索引（重建期间搜索照常可用）。"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            engine = get_engine()
        except (SearchUnavailable, ImportError, TypeError) as error:
            raise CommandError(f"搜索引擎配置有误：{error}") from error
        total = indexing.indexable_count()
        bar = tqdm(total=total, desc="重建索引", unit="篇", file=sys.stderr)
        try:
            count = indexing.rebuild(progress=bar.update)
        except SearchUnavailable as error:
            raise CommandError(f"搜索服务不可用，索引未切换：{error}") from error
        finally:
            bar.close()
        self.stdout.write(f"已重建 {engine.name} 索引：{count} 篇。")
