"""Time values: aware datetimes only, windows with earliest/latest bounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hudna.errors import ValidationError


def require_aware(value: datetime, *, field: str = "datetime") -> datetime:
    """Return ``value`` if it carries a time zone, else raise.

    Examples
    --------
    >>> require_aware(datetime(2016, 5, 1, tzinfo=UTC)).isoformat()
    '2016-05-01T00:00:00+00:00'
    """
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValidationError("naive datetime: a time zone is required", field=field)
    return value


def to_utc(value: datetime, *, field: str = "datetime") -> datetime:
    return require_aware(value, field=field).astimezone(UTC)


def get_zone(name: str, *, field: str = "timezone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"unknown IANA time zone {name!r}", field=field) from exc


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """When something happened, as far as we know: between ``earliest`` and ``latest`` (UTC, inclusive)."""

    earliest: datetime
    latest: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "earliest", to_utc(self.earliest, field="earliest"))
        object.__setattr__(self, "latest", to_utc(self.latest, field="latest"))
        if self.latest < self.earliest:
            raise ValidationError("latest is before earliest", field="latest")

    @classmethod
    def for_local_days(cls, start: date, end: date, tz: ZoneInfo) -> TimeWindow:
        """The whole local days ``start``..``end`` in ``tz``.

        Examples
        --------
        >>> w = TimeWindow.for_local_days(date(2016, 5, 1), date(2016, 5, 1), ZoneInfo("Asia/Damascus"))
        >>> w.earliest.isoformat(), w.latest.isoformat()
        ('2016-04-30T21:00:00+00:00', '2016-05-01T20:59:59.999999+00:00')
        """
        earliest = datetime.combine(start, time(0, 0), tzinfo=tz)
        latest = datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=tz) - timedelta(
            microseconds=1
        )
        return cls(earliest, latest)

    @property
    def is_instant(self) -> bool:
        return self.earliest == self.latest
