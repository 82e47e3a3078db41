import pytest

from cms.workdays.calendar import invalidate


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    # Test transactions roll back without signals, so start and end each test with a clean cache.
    invalidate()
    yield
    invalidate()
