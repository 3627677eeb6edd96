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
        self._by_time: tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]] | None = None

    def _time_sorted_columns(self) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """latest_s, lon, lat in the order of ``earliest_s`` (built once, on first use)."""
        if self._by_time is None:
            o = self._order
            self._by_time = (self.latest_s[o], self.lon[o], self.lat[o])
        return self._by_time

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
    # Work on contiguous slices of the time-sorted columns (views, no gathers) and only map the
    # few events inside the zone back to their indices; same result as, per regime,
    # ``idx = union of events.within(...)`` then ``idx[shape.contains_xy(lon[idx], lat[idx])]``.
    latest, lon, lat = events._time_sorted_columns()
    ev_out: list[NDArray[np.intp]] = []
    rg_out: list[NDArray[np.intp]] = []
    for r, (intervals, shape) in enumerate(regimes):
        parts: list[NDArray[np.intp]] = []
        for s, e in intervals:
            end = _FAR_FUTURE if e is None else np.int64(int(e.timestamp()))
            lo = int(np.searchsorted(events._sorted, int(s.timestamp()), side="left"))
            hi = int(np.searchsorted(events._sorted, end, side="left"))
            if hi <= lo:
                continue
            keep = latest[lo:hi] < end
            if keep.all():
                inside = np.flatnonzero(shape.contains_xy(lon[lo:hi], lat[lo:hi])) + lo
            else:
                pos = np.flatnonzero(keep) + lo
                inside = pos[shape.contains_xy(lon[pos], lat[pos])]
            parts.append(events._order[inside])
        if not parts:
            continue
        hit = np.unique(np.concatenate(parts)) if len(parts) > 1 else np.sort(parts[0])
        if hit.size == 0:
            continue
        ev_out.append(hit)
        rg_out.append(np.full(hit.size, r, dtype=np.intp))
    if not ev_out:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty
    return np.concatenate(ev_out), np.concatenate(rg_out)
