"""Small builders of domain values with sensible defaults, for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hudna.domain.event import Event, Fatalities
from hudna.domain.place import Level, PlaceRef
from hudna.domain.regime import Party, PartyRole, Regime, RegimeStatus, StatusChange, Window, Zone
from hudna.domain.time import TimeWindow

DAMASCUS = ZoneInfo("Asia/Damascus")


def make_event(
    id: str = "ev-1",
    *,
    day: date = date(2016, 4, 15),
    end_day: date | None = None,
    actor1_id: str | None = "syrian-government",
    actor2_id: str | None = "opposition",
    directed: bool = False,
    event_type: str = "armed_clash",
    lon: float | None = 37.16,
    lat: float | None = 36.20,
    level: Level = Level.COMMUNITY,
    admin1: str | None = "SY02",
    admin2: str | None = "SY0200",
    admin3: str | None = None,
    at: datetime | None = None,
    **kw: Any,
) -> Event:
    end_day = end_day or day
    when = TimeWindow(at, at) if at is not None else TimeWindow.for_local_days(day, end_day, DAMASCUS)
    return Event(
        id=id,
        date_start=day,
        date_end=end_day,
        when=when,
        place=PlaceRef(
            admin1_pcode=admin1, admin2_pcode=admin2, admin3_pcode=admin3, lon=lon, lat=lat, level=level
        ),
        event_type=event_type,
        actor1=actor1_id,
        actor2=actor2_id,
        actor1_id=actor1_id,
        actor2_id=actor2_id,
        directed=directed,
        fatalities=Fatalities(1, 1, 1),
        **kw,
    )


def make_regime(
    id: str = "r-test",
    *,
    zones: tuple[Zone, ...] = (Zone(pcodes=("SY",)),),
    start: datetime = datetime(2016, 2, 27, 0, 0, tzinfo=DAMASCUS),
    end: datetime | None = None,
    parties: tuple[str, ...] = ("syrian-government", "opposition", "russia"),
    committed_at: datetime | None = datetime(2016, 2, 26, 12, 0, tzinfo=DAMASCUS),
    excluded: tuple[str, ...] = ("isis", "nusra"),
    prohibited: frozenset[str] = frozenset(),
    **kw: Any,
) -> Regime:
    return Regime(
        id=id,
        name_en="Test regime",
        timezone="Asia/Damascus",
        zones=zones,
        windows=(Window(start=start, end=end),),
        status_history=(StatusChange(RegimeStatus.IN_FORCE, start),),
        parties=tuple(Party(p, PartyRole.PARTY, committed_at) for p in parties),
        excluded_actors=excluded,
        excluded_designations=("unsc-terrorist",),
        prohibited_acts=prohibited,
        **kw,
    )


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]
