"""Grading of events by their sources (versioned scorers, Airwars' five-level scale).

``originators.v1`` grades structured events (UCDP, ACLED, generic files) by the distinct
originators they cite: two or more independent originators -> ``fair``; one -> ``weak``; none
recorded -> ungraded. Issue #5 adds corroboration of news claims with affiliations, denials and
confirmations; those scorers get their own names.
"""

from __future__ import annotations

import re

from hudna.domain.assessment import Grade
from hudna.domain.event import Event

ORIGINATORS_V1 = "originators.v1"
_SPLIT = re.compile(r"[;,]")


def originators(event: Event) -> tuple[str, ...]:
    """Distinct originators of an event (``source_original``, else its sources), normalised.

    Examples
    --------
    >>> from datetime import date, UTC, datetime
    >>> from hudna.domain.place import PlaceRef
    >>> from hudna.domain.time import TimeWindow
    >>> w = TimeWindow(datetime(2016, 4, 1, tzinfo=UTC), datetime(2016, 4, 1, tzinfo=UTC))
    >>> e = Event(id="x", date_start=date(2016, 4, 1), date_end=date(2016, 4, 1), when=w,
    ...           place=PlaceRef(), source_original="SOHR; Syrian Civil Defence;sohr")
    >>> originators(e)
    ('sohr', 'syrian civil defence')
    """
    raw = event.source_original or ";".join(event.sources)
    names = {" ".join(p.split()).casefold() for p in _SPLIT.split(raw or "") if p.strip()}
    return tuple(sorted(names))


def grade_originators_v1(event: Event) -> Grade | None:
    n = len(originators(event))
    if n >= 2:
        return Grade.FAIR
    if n == 1:
        return Grade.WEAK
    return None
