"""A regime's windows, extensions and suspensions laid out on a time axis (plain SVG numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hudna.domain.regime import Regime

WIDTH = 900.0
ROW = 26.0


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    kind: str
    label: str
    open_ended: bool


@dataclass(frozen=True, slots=True)
class Axis:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    height: float
    width: float = WIDTH


def time_axis(regime: Regime, *, now: datetime | None = None) -> Axis:
    """Bars for each window (x in pixels over ``WIDTH``), with date ticks.

    Open-ended windows run to the last known instant plus 10 % of the span.
    """
    windows = list(regime.windows)
    if not windows:
        return Axis([], [], ROW)
    starts = [w.start for w in windows]
    ends = [w.end for w in windows if w.end is not None]
    lo = min(starts)
    hi = max([*starts, *ends])
    if hi <= lo:
        hi = lo + timedelta(days=1)
    hi = hi + (hi - lo) * 0.1
    span = (hi - lo).total_seconds()

    def x(t: datetime) -> float:
        return round((t - lo).total_seconds() / span * WIDTH, 1)

    bars = []
    for i, w in enumerate(sorted(windows, key=lambda w: w.start)):
        end = w.end or hi
        label = f"{w.kind.value}: {w.start.isoformat(timespec='minutes')} → " + (
            w.end.isoformat(timespec="minutes") if w.end else "open"
        )
        bars.append(Bar(x(w.start), i * ROW + 4, max(2.0, x(end) - x(w.start)), w.kind.value, label, w.end is None))
    ticks = []
    for k in range(6):
        t = lo + (hi - lo) * (k / 5)
        ticks.append((round(k / 5 * WIDTH, 1), t.astimezone(lo.tzinfo).strftime("%Y-%m-%d %H:%M")))
    return Axis(bars, ticks, len(bars) * ROW + 34)
