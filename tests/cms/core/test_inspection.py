import datetime as dt

from cms.core.inspection import MessageLapse, add_months, message_lapse


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_message_lapse_boundaries():
    received = dt.date(2026, 1, 15)
    assert message_lapse(received, dt.date(2026, 3, 14)) is None
    assert message_lapse(received, dt.date(2026, 3, 15)) is MessageLapse.WARNING
    assert message_lapse(received, dt.date(2026, 4, 15)) is MessageLapse.WARNING
    assert message_lapse(received, dt.date(2026, 4, 16)) is MessageLapse.VETO
