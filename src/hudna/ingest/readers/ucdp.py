"""Reader of UCDP GED event files (CSV, the GED column names; anchors.md §2).

Each row becomes an :class:`~hudna.domain.event.Event`; see docs/event-formats.md for the
mapping. Only the columns in :data:`UCDP_REQUIRED` must be present: releases differ in which of
the 49 GED columns they carry (the Syria 2016 file has 41), and the others are read when there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from hudna.domain.actor import ActorRegistry
from hudna.domain.event import Event, Fatalities
from hudna.domain.ids import external_event_id
from hudna.domain.place import PlaceRef, level_from_where_prec
from hudna.domain.time import TimeWindow
from hudna.ingest.readers.common import (
    COUNTRIES,
    ISO3_BY_GW,
    Fields,
    RowResult,
    check_range,
    iter_csv_records,
    iter_row_results,
    split_semicolons,
    zone_for_country,
)

log = logging.getLogger(__name__)

ORIGIN = "ucdp"
# GED ids are integers. A UCDP-shaped export of events that did not come from UCDP carries
# hudna's own ids ("news-9933…", "events-a1"); reading such a file back keeps them.
_HUDNA_ID = re.compile(r"^(?P<origin>[a-z][a-z0-9]*)-(?P<rest>[A-Za-z0-9._-]+)$")


def ucdp_row_identity(row_id: str) -> tuple[str, str, str]:
    """``(event_id, origin, origin_id)`` for the ``id`` of a UCDP-shaped row.

    Examples
    --------
    >>> ucdp_row_identity("214797")
    ('ucdp-214797', 'ucdp', '214797')
    >>> ucdp_row_identity("news-9933268a2dbe9666")
    ('news-9933268a2dbe9666', 'news', '9933268a2dbe9666')
    """
    m = _HUDNA_ID.match(row_id)
    if m is not None and m.group("origin") != ORIGIN:
        return row_id, m.group("origin"), m.group("rest")
    return external_event_id(ORIGIN, row_id), ORIGIN, row_id
UCDP_REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_prec",
    "date_start",
    "date_end",
    "where_prec",
    "latitude",
    "longitude",
    "best",
)
UCDP_EVENT_TYPE_RULE = "ucdp_event_type.v1"
# Kinds of act a GED headline may name (English; UCDP headlines are English). A headline is
# "obvious" when it names exactly one kind; otherwise the type of violence decides.
UCDP_HEADLINE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chemical", ("chemical", "chlorine", "sarin", "toxic gas", "poison gas", "poisonous gas")),
    ("execution", ("execut", "behead")),
    ("abduction", ("abduct", "kidnap")),
    (
        "explosion",
        (
            "car bomb",
            "booby",
            "suicide",
            "ied",
            "landmine",
            "land mine",
            "explo",
            "blast",
            "detonat",
        ),
    ),
    (
        "air_strike",
        (
            "airstrike",
            "air strike",
            "air raid",
            "aerial",
            "warplane",
            "war plane",
            "helicopter",
            "barrel bomb",
            "jets",
            "raid",
        ),
    ),
    ("shelling", ("shell", "mortar", "rocket", "artillery", "missile", "cannon")),
    ("armed_clash", ("clash", "battle", "fighting", "firefight")),
)
_KEYWORD_PATTERNS = tuple(
    (kind, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE))
    for kind, words in UCDP_HEADLINE_KEYWORDS
)


def ucdp_event_type(type_of_violence: int | None, headline: str | None) -> str:
    """hudna event type of a GED event (rule ``ucdp_event_type.v1``).

    The headline decides when it names exactly one kind of act; otherwise state-based (1) and
    non-state (2) violence are ``armed_clash`` and one-sided violence (3) is ``shooting``. A
    one-sided event is never an ``armed_clash``.

    Examples
    --------
    >>> ucdp_event_type(1, "Warplanes bomb Manbej and Ma’arasta")
    'air_strike'
    >>> ucdp_event_type(1, "Airstrikes target Sukhna outskirts and clashes in the desert")
    'armed_clash'
    >>> ucdp_event_type(3, "Syria Daily Report 28/02/2016")
    'shooting'
    """
    default = "shooting" if type_of_violence == 3 else "armed_clash"
    if not headline:
        return default
    kinds = {kind for kind, pattern in _KEYWORD_PATTERNS if pattern.search(headline)}
    if len(kinds) != 1:
        return default
    kind = kinds.pop()
    return default if (kind == "armed_clash" and type_of_violence == 3) else kind


def _strip_suffix(name: str | None, suffix: str) -> str | None:
    if name is None:
        return None
    return name[: -len(suffix)].strip() if name.endswith(suffix) else name


def iter_ucdp_events(
    path: str | Path,
    *,
    actors: ActorRegistry,
    tz: ZoneInfo | None = None,
    repair_counts: bool = True,
) -> Iterator[RowResult]:
    """Read a UCDP GED CSV file, yielding one :class:`RowResult` per row.

    Parameters
    ----------
    path
        The CSV file (UTF-8, header row with GED column names).
    actors
        Registry that maps ``side_a``/``side_b`` to actor ids (unknown names -> ``unknown``).
    tz
        Local time zone of the dates; by default the zone of the row's country
        (``Asia/Damascus`` for Syria).
    repair_counts
        GED releases contain rows whose ``low``/``high`` do not bracket ``best`` (15 of the
        6,170 Syria 2016 rows, e.g. id 317832: low 2, best 16, high 2; ``best`` there is the
        sum of the ``deaths_*`` columns). With True (the default) such a row is kept, ``best``
        unchanged and the range widened to ``min(low, best, high)..max(low, best, high)``, and a
        warning is logged; with False the row is an error naming ``low`` or ``high``.
    """
    label = str(path)
    yield from iter_row_results(
        iter_csv_records(path, required=UCDP_REQUIRED),
        label,
        lambda f: _ucdp_event(f, actors=actors, tz=tz, repair_counts=repair_counts),
    )


def _ucdp_event(
    f: Fields, *, actors: ActorRegistry, tz: ZoneInfo | None, repair_counts: bool
) -> Event:
    row_id = f.text("id", required=True) or ""
    tov = f.integer("type_of_violence", low=1, high=3)  # blank in exports of non-GED events
    date_prec = f.integer("date_prec", required=True, low=1, high=5) or 1
    start = f.date("date_start", required=True)
    end = f.date("date_end", required=True)
    assert start is not None and end is not None  # required=True
    if end < start:
        raise f.error("date_end", f"date_end {end} is before date_start {start}")
    where_prec = f.integer("where_prec", required=True, low=1, high=7)
    lat = f.number("latitude", required=True, low=-90, high=90)
    lon = f.number("longitude", required=True, low=-180, high=180)
    low = f.integer("low", low=0)
    best = f.integer("best", required=True, low=0)
    high = f.integer("high", low=0)
    repair_note: str | None = None
    if repair_counts and best is not None:
        values = [v for v in (low, best, high) if v is not None]
        fixed_low = None if low is None else min(values)
        fixed_high = None if high is None else max(values)
        if (fixed_low, fixed_high) != (low, high):
            # A data-quality note, kept on the event (DESIGN §8); details in the log with -v.
            repair_note = (
                f"hudna: UCDP low/best/high {low}/{best}/{high} widened to {fixed_low}/{best}/{fixed_high}"
            )
            log.info(
                "%s:%d: ucdp id=%s: low/best/high %s/%s/%s widened to %s/%s/%s",
                f.path,
                f.line,
                row_id,
                low,
                best,
                high,
                fixed_low,
                best,
                fixed_high,
            )
            low, high = fixed_low, fixed_high
    check_range(f, low, best, high, names=("low", "best", "high"))
    deaths = {
        k: f.integer(k, low=0)
        for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    }
    clarity = f.integer("event_clarity", low=1, high=2)
    n_sources = f.integer("number_of_sources", low=0)

    country = f.text("country")
    iso3 = COUNTRIES[country][0] if country in COUNTRIES else None
    if iso3 is None:
        gw = f.integer("country_id")
        iso3 = ISO3_BY_GW.get(gw or -1, "SYR")
    zone = tz or zone_for_country(iso3)

    side_a = f.text("side_a")
    side_b = f.text("side_b")
    headline = f.text("source_headline")
    place = PlaceRef(
        country_iso3=iso3,
        admin1=_strip_suffix(f.text("adm_1"), " Governorate"),
        admin2=_strip_suffix(f.text("adm_2"), " district"),
        location=f.text("where_coordinates"),
        lat=lat,
        lon=lon,
        level=level_from_where_prec(where_prec),
    )
    event_id, origin, origin_id = ucdp_row_identity(row_id)
    return Event(
        id=event_id,
        date_start=start,
        date_end=end,
        when=TimeWindow.for_local_days(start, end, zone),
        place=place,
        event_type=ucdp_event_type(tov, headline),
        date_prec=date_prec,
        actor1=side_a,
        actor2=side_b,
        actor1_id=actors.resolve(side_a).id if side_a else None,
        actor2_id=actors.resolve(side_b).id if side_b else None,
        directed=tov == 3,
        type_of_violence=tov,
        civilian_targeting=tov == 3,
        fatalities=Fatalities(low=low, best=best, high=high),
        deaths_a=deaths["deaths_a"],
        deaths_b=deaths["deaths_b"],
        deaths_civilians=deaths["deaths_civilians"],
        deaths_unknown=deaths["deaths_unknown"],
        sources=split_semicolons(f.text("source_office")),
        source_original=f.text("source_original"),
        source_headline=headline,
        number_of_sources=n_sources,
        origin=origin,
        origin_id=origin_id,
        event_clarity=clarity,
        notes=repair_note,
    )
