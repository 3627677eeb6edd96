from datetime import UTC, datetime, timedelta

import pytest

from hudna.domain.regime import (
    Regime,
    RegimeStatus,
    StatusChange,
    Window,
    WindowKind,
    Zone,
)
from hudna.domain.time import TimeWindow
from hudna.errors import ValidationError
from tests.factories import DAMASCUS, make_regime, utc


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValidationError, match="naive"):
        Window(start=datetime(2016, 2, 27))
    with pytest.raises(ValidationError, match="naive"):
        TimeWindow(datetime(2016, 1, 1), datetime(2016, 1, 2))


def test_zone_needs_pcodes_or_geometry_and_window_needs_order() -> None:
    with pytest.raises(ValidationError, match="P-codes or a geometry"):
        Zone()
    with pytest.raises(ValidationError, match="after its start"):
        Window(start=utc(2016, 5, 1), end=utc(2016, 4, 1))
    with pytest.raises(ValidationError, match="buffer_m"):
        Zone(pcodes=("SY",), buffer_m=-1)


def test_unknown_prohibited_act_and_bad_timezone() -> None:
    with pytest.raises(ValidationError, match="prohibited"):
        make_regime(prohibited=frozenset({"bombing"}))
    with pytest.raises(ValidationError, match="time zone"):
        Regime(id="x", name_en="x", timezone="Mars/Olympus")


def test_extension_status_and_end_in_utc() -> None:
    start = datetime(2016, 4, 30, 0, 1, tzinfo=DAMASCUS)
    r = Regime(
        id="calm",
        name_en="calm",
        timezone="Asia/Damascus",
        zones=(Zone(pcodes=("SY01",)),),
        windows=(
            Window(start=start, end=start + timedelta(hours=24)),
            Window(start=start + timedelta(hours=24), end=utc(2016, 5, 2, 9), kind=WindowKind.EXTENSION),
        ),
        status_history=(StatusChange(RegimeStatus.IN_FORCE, start),),
    )
    assert r.status_at(utc(2016, 4, 30, 12)) == RegimeStatus.IN_FORCE
    assert r.status_at(utc(2016, 5, 2, 8)) == RegimeStatus.EXTENDED
    assert r.window_end_at(utc(2016, 5, 2, 8)) == utc(2016, 5, 2, 9)
    assert r.status_at(utc(2016, 5, 2, 10)) == RegimeStatus.LAPSED
    assert not r.in_force_at(utc(2016, 5, 2, 9))  # the end is exclusive
    # 00:01 Damascus summer time is 21:01 UTC the day before.
    assert r.intervals_utc()[0][0] == datetime(2016, 4, 29, 21, 1, tzinfo=UTC)


def test_suspension_and_collapse_cut_validity() -> None:
    r = make_regime()
    suspended = Regime(
        id="s",
        name_en="s",
        timezone="UTC",
        zones=(Zone(pcodes=("SY",)),),
        windows=(
            Window(start=utc(2016, 1, 1)),
            Window(start=utc(2016, 2, 1), end=utc(2016, 2, 3), kind=WindowKind.SUSPENSION),
        ),
        status_history=(
            StatusChange(RegimeStatus.IN_FORCE, utc(2016, 1, 1)),
            StatusChange(RegimeStatus.COLLAPSED, utc(2016, 6, 1)),
        ),
    )
    assert suspended.in_window(utc(2016, 1, 31))
    assert not suspended.in_window(utc(2016, 2, 2))
    assert suspended.in_window(utc(2016, 2, 3))
    assert not suspended.in_window(utc(2016, 7, 1))
    assert suspended.status_at(utc(2016, 7, 1)) == RegimeStatus.COLLAPSED
    assert r.in_force_at(utc(2016, 3, 1))


def test_negotiating_regime_without_window_is_not_in_force() -> None:
    r = Regime(
        id="aleppo",
        name_en="aleppo",
        timezone="Asia/Damascus",
        zones=(Zone(pcodes=("SY02",)),),
        status_history=(StatusChange(RegimeStatus.NEGOTIATING, utc(2016, 4, 30, 21)),),
    )
    assert r.status_at(utc(2016, 5, 1, 9)) == RegimeStatus.NEGOTIATING
    assert not r.in_force_at(utc(2016, 5, 1, 9))
    assert r.status_at(utc(2016, 4, 1)) is None
