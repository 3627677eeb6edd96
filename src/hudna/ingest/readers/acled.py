"""Reader of ACLED event files (CSV, the 31 columns of the ACLED export; anchors.md §1).

See docs/event-formats.md for the mapping to :class:`~hudna.domain.event.Event`.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import ACLED_SUB_TO_TYPE, Event, Fatalities
from hudna.domain.ids import external_event_id
from hudna.domain.place import PlaceRef, level_from_geo_precision
from hudna.domain.time import TimeWindow
from hudna.ingest.readers.common import (
    COUNTRIES,
    ISO3_BY_NUMERIC,
    Fields,
    RowResult,
    iter_csv_records,
    iter_row_results,
    split_semicolons,
    zone_for_country,
)

log = logging.getLogger(__name__)

ORIGIN = "acled"
ACLED_REQUIRED = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
    "fatalities",
)
# ACLED event types whose sub-types hudna does not model map to "other".
ACLED_EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
_WEEK_HALF_DAYS = 3


def acled_date_range(event_date: date, time_precision: int) -> tuple[date, date, int]:
    """Dates an ACLED event may have happened on, with the UCDP ``date_prec`` equivalent.

    ``time_precision`` 1 is the day itself; 2 ("during the week") is the day +/- 3 days; 3
    ("only the month known"; ACLED codes the middle of the month) is the whole month.

    Examples
    --------
    >>> acled_date_range(date(2016, 4, 15), 3)
    (datetime.date(2016, 4, 1), datetime.date(2016, 4, 30), 4)
    >>> acled_date_range(date(2016, 4, 15), 2)
    (datetime.date(2016, 4, 12), datetime.date(2016, 4, 18), 3)
    """
    if time_precision == 2:
        half = timedelta(days=_WEEK_HALF_DAYS)
        return event_date - half, event_date + half, 3
    if time_precision == 3:
        last = calendar.monthrange(event_date.year, event_date.month)[1]
        return event_date.replace(day=1), event_date.replace(day=last), 4
    return event_date, event_date, 1


def iter_acled_events(
    path: str | Path, *, actors: ActorRegistry, tz: ZoneInfo | None = None
) -> Iterator[RowResult]:
    """Read an ACLED CSV export, yielding one :class:`RowResult` per row.

    Parameters
    ----------
    path
        The CSV file (UTF-8, ACLED column names; extra columns are ignored).
    actors
        Registry mapping ``actor1``/``actor2`` to actor ids (unknown names -> ``unknown``).
    tz
        Local time zone of the dates; by default the zone of the row's country.
    """
    label = str(path)
    yield from iter_row_results(
        iter_csv_records(path, required=ACLED_REQUIRED),
        label,
        lambda f: _acled_event(f, actors=actors, tz=tz),
    )


def _acled_event(f: Fields, *, actors: ActorRegistry, tz: ZoneInfo | None) -> Event:
    row_id = f.text("event_id_cnty", required=True) or ""
    event_date = f.date("event_date", required=True)
    assert event_date is not None  # required=True
    year = f.integer("year")
    if year is not None and year != event_date.year:
        raise f.error("year", f"year {year} does not match event_date {event_date}")
    precision = f.integer("time_precision", low=1, high=3) or 1
    start, end, date_prec = acled_date_range(event_date, precision)
    event_type_text = f.text("event_type")
    if event_type_text is not None and event_type_text not in ACLED_EVENT_TYPES:
        raise f.error("event_type", f"unknown ACLED event type {event_type_text!r}")
    sub = f.text("sub_event_type", required=True) or ""
    inter1 = f.integer("inter1", low=0, high=8)
    inter2 = f.integer("inter2", low=0, high=8)
    f.integer("interaction", low=0, high=88)
    lat = f.number("latitude", required=True, low=-90, high=90)
    lon = f.number("longitude", required=True, low=-180, high=180)
    geo_precision = f.integer("geo_precision", low=1, high=3)
    fatalities = f.integer("fatalities", required=True, low=0)
    del inter1, inter2  # validated; the actor registry holds the inter codes

    iso3 = f.text("iso3")
    if iso3 is None:
        iso_num = f.integer("iso", low=0, high=999)
        country = f.text("country")
        iso3 = ISO3_BY_NUMERIC.get(iso_num or -1) or (
            COUNTRIES[country][0] if country in COUNTRIES else "SYR"
        )
    zone = tz or zone_for_country(iso3)
    actor1 = f.text("actor1", required=True)
    actor2 = f.text("actor2")
    civ = f.text("civilian_targeting")
    place = PlaceRef(
        country_iso3=iso3,
        admin1=f.text("admin1"),
        admin2=f.text("admin2"),
        admin3=f.text("admin3"),
        location=f.text("location"),
        lat=lat,
        lon=lon,
        level=level_from_geo_precision(geo_precision),
    )
    return Event(
        id=external_event_id(ORIGIN, row_id),
        date_start=start,
        date_end=end,
        when=TimeWindow.for_local_days(start, end, zone),
        place=place,
        event_type=ACLED_SUB_TO_TYPE.get(sub, "other"),
        date_prec=date_prec,
        actor1=actor1,
        actor2=actor2,
        actor1_id=actors.resolve(actor1).id if actor1 else None,
        actor2_id=actors.resolve(actor2).id if actor2 else None,
        assoc_actor1=split_semicolons(f.text("assoc_actor_1")),
        assoc_actor2=split_semicolons(f.text("assoc_actor_2")),
        directed=False,
        civilian_targeting=bool(civ and civ.lower().startswith("civilians targeted")),
        fatalities=Fatalities(best=fatalities),
        sources=split_semicolons(f.text("source")),
        notes=f.text("notes"),
        origin=ORIGIN,
        origin_id=row_id,
    )
