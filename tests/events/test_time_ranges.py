"""Start and end are compared as instants, also in the hour that a time zone
repeats when its clocks go back (Python compares two times of one zone by
their wall clock, whatever the offset)."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from recap.events.models import validate_time_range

LONDON = zoneinfo.ZoneInfo("Europe/London")
# 2026-10-25: London's clocks go back at 01:00 UTC (02:00 BST becomes 01:00 GMT).
BEFORE_THE_CHANGE = dt.datetime(2026, 10, 25, 0, 49, tzinfo=dt.UTC).astimezone(LONDON)  # 01:49 BST
AFTER_THE_CHANGE = dt.datetime(2026, 10, 25, 1, 29, tzinfo=dt.UTC).astimezone(LONDON)  # 01:29 GMT


def test_an_end_in_the_repeated_hour_after_a_start_before_the_change_is_after_it():
    assert AFTER_THE_CHANGE.time() < BEFORE_THE_CHANGE.time()  # on the wall clock

    validate_time_range(BEFORE_THE_CHANGE, AFTER_THE_CHANGE)


def test_an_end_before_the_start_across_the_change_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_time_range(AFTER_THE_CHANGE, BEFORE_THE_CHANGE)

    assert refused.value.message_dict == {"end": ["The end must be after the start."]}
