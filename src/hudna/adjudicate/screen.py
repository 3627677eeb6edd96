"""Vectorised screening of many events against many regimes (time index + zone polygons).

The per-pair rule (``cessation.v1``) gives the verdict with its evidence; screening finds, for
each regime, the events that can concern it at all, with NumPy and shapely 2 instead of a Python
loop over every (event, regime) pair. ``bench/adjudicate.py`` measures it against GeoPandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from hudna.geo.zones import ZoneShape

Interval = tuple[datetime, datetime | None]
_FAR_FUTURE = np.int64(2**62)


def to_epoch_s(values: Sequence[datetime]) -> NDArray[np.int64]:
    return np.fromiter((int(v.timestamp()) for v in values), dtype=np.int64, count=len(values))


@dataclass
class EventArrays:
    """Columns of the events to screen: times in UTC epoch seconds, lon/lat (NaN when unknown)."""

    earliest_s: NDArray[np.int64]
    latest_s: NDArray[np.int64]
    lon: NDArray[np.float64]
    lat: NDArray[np.float64]

    def __post_init__(self) -> None:
        self._order = np.argsort(self.earliest_s, kind="stable")
        self._sorted = self.earliest_s[self._order]
        spans = self.latest_s - self.earliest_s
        self._max_span = int(spans.max()) if spans.size else 0

    def __len__(self) -> int:
        return int(self.earliest_s.size)

    def overlapping(self, start_s: int, end_s: int | None) -> NDArray[np.intp]:
        """Indices of events whose time span overlaps [start, end) (sorted by index)."""
        end = _FAR_FUTURE if end_s is None else np.int64(end_s)
        lo = np.searchsorted(self._sorted, start_s - self._max_span, side="left")
        hi = np.searchsorted(self._sorted, end, side="left")
        idx = self._order[lo:hi]
        idx = idx[self.latest_s[idx] >= start_s]
        return np.sort(idx)

    def within(self, start_s: int, end_s: int | None) -> NDArray[np.intp]:
        """Indices of events whose whole time span lies in [start, end)."""
        end = _FAR_FUTURE if end_s is None else np.int64(end_s)
        lo = np.searchsorted(self._sorted, start_s, side="left")
        hi = np.searchsorted(self._sorted, end, side="left")
        idx = self._order[lo:hi]
        idx = idx[self.latest_s[idx] < end]
        return np.sort(idx)


def _epoch(dt: datetime | None) -> int | None:
    return None if dt is None else int(dt.timestamp())


def events_touching(events: EventArrays, intervals: Sequence[Interval]) -> NDArray[np.intp]:
    """Events whose time may fall in one of the intervals (in_window True or undetermined)."""
    parts = [events.overlapping(int(s.timestamp()), _epoch(e)) for s, e in intervals]
    if not parts:
        return np.empty(0, dtype=np.intp)
    return np.unique(np.concatenate(parts))


def pairs_in_zone_and_window(
    events: EventArrays, regimes: Sequence[tuple[Sequence[Interval], ZoneShape]]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """All (event index, regime index) pairs with the event inside a window and inside the zone.

    Events are instants or spans; "inside a window" means the whole span is inside.
    """
    ev_out: list[NDArray[np.intp]] = []
    rg_out: list[NDArray[np.intp]] = []
    for r, (intervals, shape) in enumerate(regimes):
        parts = [events.within(int(s.timestamp()), _epoch(e)) for s, e in intervals]
        if not parts:
            continue
        idx = np.unique(np.concatenate(parts)) if len(parts) > 1 else parts[0]
        if idx.size == 0:
            continue
        hit = idx[shape.contains_xy(events.lon[idx], events.lat[idx])]
        ev_out.append(hit)
        rg_out.append(np.full(hit.size, r, dtype=np.intp))
    if not ev_out:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty
    return np.concatenate(ev_out), np.concatenate(rg_out)
