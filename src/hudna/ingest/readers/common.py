"""Shared pieces of the structured event readers: row results, CSV with line numbers, parsing.

Every reader yields :class:`RowResult` values: the 1-based physical line on which a record
starts and either the :class:`~hudna.domain.event.Event` it maps to or the
:class:`~hudna.errors.ImportRowError` that names the file, line and field of the problem. What
to do with bad rows (stop, skip, quarantine) is the caller's policy.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from hudna.domain.event import Event
from hudna.errors import DataError, ImportRowError

# IANA zone of each country's local time; events known to the day are whole local days there.
COUNTRY_TIMEZONES: dict[str, str] = {
    "SYR": "Asia/Damascus",
    "IRQ": "Asia/Baghdad",
    "TUR": "Europe/Istanbul",
    "LBN": "Asia/Beirut",
    "JOR": "Asia/Amman",
    "ISR": "Asia/Jerusalem",
    "PSE": "Asia/Hebron",
}
# Country name (as UCDP/ACLED write it) -> ISO 3166 alpha-3, numeric, Gleditsch-Ward code.
COUNTRIES: dict[str, tuple[str, int, int]] = {
    "Syria": ("SYR", 760, 652),
    "Iraq": ("IRQ", 368, 645),
    "Turkey": ("TUR", 792, 640),
    "Lebanon": ("LBN", 422, 660),
    "Jordan": ("JOR", 400, 663),
    "Israel": ("ISR", 376, 666),
}
ISO3_BY_NUMERIC = {num: iso3 for iso3, num, _ in COUNTRIES.values()}
ISO3_BY_GW = {gw: iso3 for iso3, _, gw in COUNTRIES.values()}


@dataclass(frozen=True, slots=True)
class RowResult:
    """One record of an input file: its first physical line and an event or an error."""

    line: int
    event: Event | None = None
    error: DataError | None = None

    def __post_init__(self) -> None:
        if (self.event is None) == (self.error is None):
            raise ValueError("a RowResult holds exactly one of event or error")

    @property
    def ok(self) -> bool:
        return self.event is not None


def zone_for_country(iso3: str | None, default: str = "UTC") -> ZoneInfo:
    """Local time zone of a country (``UTC`` when unknown).

    Examples
    --------
    >>> zone_for_country("SYR").key
    'Asia/Damascus'
    """
    return ZoneInfo(COUNTRY_TIMEZONES.get(iso3 or "", default))


def iter_csv_records(
    path: str | Path, *, required: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str] | DataError]]:
    """Yield ``(line, record)`` for each data row of a CSV file, or ``(line, error)``.

    ``line`` is the physical line (1-based) where the row starts, correct when quoted fields
    contain newlines. A missing required header column gives one error on line 1 and stops.
    Blank lines are skipped; a row with the wrong number of fields is an error.
    """
    label = str(path)
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        yield 1, ImportRowError(f"cannot open file: {exc.strerror or exc}", path=label)
        return
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            yield 1, ImportRowError(f"unreadable header: {exc}", path=label, line=1)
            return
        if header is None:
            yield 1, ImportRowError("file is empty (no header row)", path=label, line=1)
            return
        names = [h.strip() for h in header]
        missing = [c for c in required if c not in names]
        if missing:
            yield (
                1,
                ImportRowError(
                    "missing column(s) " + ", ".join(missing) + " in the header",
                    path=label,
                    line=1,
                    field=missing[0],
                ),
            )
            return
        last = reader.line_num
        while True:
            start = last + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield start, ImportRowError(f"unreadable CSV: {exc}", path=label, line=start)
                return
            last = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(names):
                yield (
                    start,
                    ImportRowError(
                        f"expected {len(names)} fields, found {len(row)}", path=label, line=start
                    ),
                )
                continue
            yield start, dict(zip(names, row, strict=True))


class Fields:
    """Typed access to one record's text fields, raising errors that name the field."""

    def __init__(self, record: Mapping[str, object], *, path: str, line: int) -> None:
        self.record = record
        self.path = path
        self.line = line

    def error(self, field: str, problem: str) -> ImportRowError:
        return ImportRowError(problem, path=self.path, line=self.line, field=field)

    def raw(self, field: str) -> object:
        return self.record.get(field)

    def text(self, field: str, *, required: bool = False) -> str | None:
        value = self.record.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(field, "a value is required")
            return None
        if isinstance(value, bool | list | dict):
            raise self.error(field, f"expected text, got {value!r}")
        return str(value).strip()

    def date(self, field: str, *, required: bool = False) -> date | None:
        value = self.text(field, required=required)
        if value is None:
            return None
        try:
            return date.fromisoformat(
                value[:10] if len(value) > 10 and value[10] in "T " else value
            )
        except ValueError:
            raise self.error(field, f"not a date {value!r} (expected YYYY-MM-DD)") from None

    def integer(
        self,
        field: str,
        *,
        required: bool = False,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        value = self.record.get(field)
        if isinstance(value, bool):
            raise self.error(field, f"not a whole number {value!r}")
        if isinstance(value, int):
            number = value
        else:
            text = self.text(field, required=required)
            if text is None:
                return None
            try:
                as_float = float(text)
            except ValueError:
                raise self.error(field, f"not a number {text!r}") from None
            if not math.isfinite(as_float) or as_float != int(as_float):
                raise self.error(field, f"not a whole number {text!r}")
            number = int(as_float)
        _check_bounds(self, field, number, low, high)
        return number

    def number(
        self,
        field: str,
        *,
        required: bool = False,
        low: float | None = None,
        high: float | None = None,
    ) -> float | None:
        value = self.record.get(field)
        if isinstance(value, bool):
            raise self.error(field, f"not a number {value!r}")
        if isinstance(value, int | float):
            number = float(value)
        else:
            text = self.text(field, required=required)
            if text is None:
                return None
            try:
                number = float(text)
            except ValueError:
                raise self.error(field, f"not a number {text!r}") from None
        if not math.isfinite(number):
            raise self.error(field, f"not a finite number {number!r}")
        _check_bounds(self, field, number, low, high)
        return number

    def boolean(self, field: str) -> bool | None:
        value = self.record.get(field)
        if isinstance(value, bool):
            return value
        text = self.text(field)
        if text is None:
            return None
        lowered = text.lower()
        if lowered in ("true", "yes", "1", "y", "t"):
            return True
        if lowered in ("false", "no", "0", "n", "f"):
            return False
        raise self.error(field, f"not true/false {text!r}")

    def split(self, field: str, sep: str = ";") -> tuple[str, ...]:
        value = self.record.get(field)
        if isinstance(value, list):
            return tuple(str(v).strip() for v in value if str(v).strip())
        text = self.text(field)
        if text is None:
            return ()
        return tuple(part.strip() for part in text.split(sep) if part.strip())


def _check_bounds(
    fields: Fields, field: str, value: float, low: float | None, high: float | None
) -> None:
    if low is not None and high is not None and not low <= value <= high:
        raise fields.error(field, f"{value} is out of range {low}..{high}")
    if low is not None and value < low:
        raise fields.error(field, "must not be negative" if low == 0 else f"must be >= {low}")
    if high is not None and value > high:
        raise fields.error(field, f"must be <= {high}")


def iter_row_results(
    records: Iterable[tuple[int, Mapping[str, object] | DataError]],
    label: str,
    build: Callable[[Fields], Event],
) -> Iterator[RowResult]:
    """Turn (line, record-or-error) pairs into :class:`RowResult` values with ``build``.

    A :class:`DataError` raised by ``build`` is re-issued at the record's file and line.
    """
    for line, record in records:
        if isinstance(record, DataError):
            yield RowResult(line, error=record)
            continue
        try:
            event = build(Fields(record, path=label, line=line))
        except DataError as exc:
            yield RowResult(line, error=locate_error(exc, label, line))
            continue
        yield RowResult(line, event=event)


def locate_error(exc: DataError, path: str, line: int) -> DataError:
    """The error ``exc`` re-issued at ``path:line`` (keeping its field), unless already there."""
    if exc.path == path and exc.line == line:
        return exc
    return ImportRowError(exc.problem, path=path, line=line, field=exc.field)


def check_range(
    fields: Fields,
    low: int | None,
    best: int | None,
    high: int | None,
    *,
    names: tuple[str, str, str],
) -> None:
    """Check ``low <= best <= high`` on the values present; the error names the field that breaks it."""
    if low is not None and best is not None and low > best:
        raise fields.error(names[0], f"low {low} is above best {best}")
    if best is not None and high is not None and best > high:
        raise fields.error(names[2], f"high {high} is below best {best}")
    if low is not None and high is not None and low > high:
        raise fields.error(names[2], f"high {high} is below low {low}")


def split_semicolons(text: str | None) -> tuple[str, ...]:
    """Split a ``;``-separated list, dropping blanks.

    Examples
    --------
    >>> split_semicolons("SOHR; Reuters;;")
    ('SOHR', 'Reuters')
    """
    if not text:
        return ()
    return tuple(p.strip() for p in text.split(";") if p.strip())
