"""The configured search engine, chosen by dotted path in `JIYUE_SEARCH_ENGINE`."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from search.engines.base import SearchEngine, SearchUnavailable

DEFAULT_ENGINE = "search.engines.embedded.EmbeddedEngine"

__all__ = ["SearchEngine", "SearchUnavailable", "get_engine", "load_engine", "reset_engine"]


def load_engine(dotted_path: str) -> SearchEngine:
    engine_class = import_string(dotted_path)
    if not (isinstance(engine_class, type) and issubclass(engine_class, SearchEngine)):
        raise TypeError(f"{dotted_path} is not a SearchEngine")
    return engine_class()


@lru_cache(maxsize=4)
def _engine(dotted_path: str) -> SearchEngine:
    return load_engine(dotted_path)


def get_engine() -> SearchEngine:
    return _engine(getattr(settings, "JIYUE_SEARCH_ENGINE", DEFAULT_ENGINE))


def reset_engine() -> None:
    """Forget the configured engine (after settings change: tests, the benchmark)."""
    _engine.cache_clear()
