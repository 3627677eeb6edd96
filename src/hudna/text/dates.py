"""Time expressions against the publication date (issue #4; reference/offline-stack.md).

dateparser misses most Arabic news forms ("أمس السبت", "ليل السبت", "ليوم غد الاثنين", Levantine
month names), so hudna uses its own rules over lexicon data (``time.*`` concepts: weekdays,
months in Levantine and Egyptian/Gulf names, yesterday/today/tomorrow, parts of day, clock
words, GMT/local time, until, next/last). The code here is generic.

Resolution rules (ANNOTATION-GUIDE.md): "yesterday" is the day before publication; a weekday
alone is the latest such day on or before publication, or the next one after it when the
expression says "next" or the sentence is in the future tense; "tomorrow" is the day after.
A month date without a year takes the publication year, or the year before when that would put
it more than a month after publication (news reports the past). Midnight ends the day named
with it ("midnight on Friday", "منتصف ليل الجمعة", "الساعة 12 ليلا": Saturday 00:00); an hour
at night is in the evening from 6 to 11 and after midnight from 1 to 5 ("الثانية ليلا": 02:00);
a weekday after a start marker ("اعتبارا من", "starting") is the coming one when it is at
most three days ahead; a clock time restated in GMT in parentheses ("midnight (2200 GMT) on
Friday") is skipped, so the day after it still dates the time before it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hudna.text.lexicon import LexiconMatch, get_matcher, load_lexicon, short_key
from hudna.text.normalize import match_key
from hudna.text.slots import slot_builder

if TYPE_CHECKING:
    from hudna.text.numbers import Quantity

__all__ = ["Duration", "TimeExpression", "find_durations", "find_time_expressions", "resolve_weekday"]

#: Time zone of dates and clock times that do not name one (the Syria scenario).
DEFAULT_TZ = "Asia/Damascus"
# Each pattern opens with a character class (the first digit), which the regex engine scans for
# before trying anything; a lookahead or a lookbehind first gives it no such prefix (about twice
# as slow). "No digit before" is then a lookbehind over that digit and the one before it, and an
# alternative that depends on the first digit checks it with a lookbehind. Read as:
# _CLOCK "(?<!\d)([01]?\d|2[0-3])[:.٫]([0-5]\d)(?!\d)", _DAYNUM "(?<!\d)(\d{1,2})(?:(?:st|nd|rd|th)(?![A-Za-z]))?(?!\d)",
# _YEAR "(?<!\d)((?:19|20)\d\d)(?!\d)".
_CLOCK = re.compile(r"(\d(?<!\d\d)(?:(?<=[01])\d||(?<=2)[0-3]))[:.\u066b]([0-5]\d)(?!\d)")
_DIGIT = re.compile(r"\d")
#: (with an English ordinal suffix: "the 13th of June", "21st June")
_DAYNUM = re.compile(r"(\d(?<!\d\d)\d?)(?:(?:st|nd|rd|th)(?![A-Za-z]))?(?!\d)")
_YEAR = re.compile(r"([12](?<!\d[12])(?:(?<=1)9|(?<=2)0)\d\d)(?!\d)")
#: The same patterns with ``re.ASCII``, for ASCII texts (``str.isascii()``, a flag test): on
#: such a text ``\d`` matches the same characters either way, and the ASCII-only engine is faster.
_CLOCK_A, _DIGIT_A, _DAYNUM_A, _YEAR_A = (re.compile(rx.pattern, re.ASCII) for rx in (_CLOCK, _DIGIT, _DAYNUM, _YEAR))
_PARTS = ("night", "morning", "afternoon", "evening")
#: Days ahead within which a weekday after a start marker ("starting", "اعتبارا من") is the
#: coming one: truces are announced a day or two before they start.
_START_AHEAD = 3
_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1, "day_before_yesterday": -2}
#: Atom kinds that make a group a time expression (without one: a bare number, "next" ...).
_SIGNALS = frozenset({
    "weekday", "month", "month_relative", "yesterday", "today", "tomorrow", "day_before_yesterday", "days_ago",
    "clock", "hour", "gmt", "midnight", *_PARTS,
})
#: A clock time in parentheses right after a time ("midnight (2200 GMT) on Friday", "7:00 pm
#: (1600 GMT)"): when its words name GMT (``time.gmt``), the same instant restated, skipped when
#: grouping so that the day after it still belongs to the time before it.
_RESTATED = re.compile(r"\.?\s*\(\s*\d{1,2}[:.]?\d{2}\s*([^()\d]{1,25})\)")  # (after "p.m": its dot)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression ``original[start:end]`` resolved to dates.

    ``on`` is the day (when known to the day); ``earliest_on``/``latest_on`` bound it (equal to
    ``on`` for a day, the month's first and last day for a month); ``at`` is an aware datetime
    when a clock time was given; ``precision`` is ``minute``, ``hour``, ``part_of_day``, ``day``,
    ``month`` or ``year``; ``tz`` the IANA zone or ``UTC``; ``is_until`` marks "حتى/until".
    """

    start: int
    end: int
    text: str
    on: date | None
    earliest_on: date | None
    latest_on: date | None
    precision: str
    tz: str
    at: datetime | None = None
    part_of_day: str | None = None
    is_until: bool = False
    #: "today" given with its weekday ("اليوم (الخميس)", "today (Thursday)"): the day the
    #: article was written, which may precede its publication date.
    states_today: bool = False


def resolve_weekday(weekday: int, published_on: date, *, direction: str = "past") -> date:
    """The date of ISO ``weekday`` (Monday=1 … Sunday=7) relative to ``published_on``.

    ``direction="past"``: latest such day on or before publication; ``"next"``: first one after it;
    ``"last"``: latest strictly before it; ``"upcoming"``: first one on or after it.

    Examples
    --------
    >>> resolve_weekday(6, date(2016, 5, 1))  # Saturday before Sunday 1 May 2016
    datetime.date(2016, 4, 30)
    >>> resolve_weekday(7, date(2016, 5, 1))
    datetime.date(2016, 5, 1)
    >>> resolve_weekday(1, date(2016, 5, 1), direction="next")
    datetime.date(2016, 5, 2)
    >>> resolve_weekday(7, date(2016, 5, 1), direction="upcoming")
    datetime.date(2016, 5, 1)
    """
    delta = (published_on.isoweekday() - weekday) % 7
    if direction == "next":
        return published_on + timedelta(days=(weekday - published_on.isoweekday()) % 7 or 7)
    if direction == "upcoming":
        return published_on + timedelta(days=(weekday - published_on.isoweekday()) % 7)
    if direction == "last" and delta == 0:
        delta = 7
    return published_on - timedelta(days=delta)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    kind: str
    value: float | None = None
    minute: int = 0


def _atoms(
    text: str, matches: Sequence[LexiconMatch], window: tuple[int, int] | None = None
) -> list[_Atom]:
    lo, hi = window if window is not None else (0, len(text))
    atoms: list[_Atom] = []
    for m in matches:
        concept = m.concept
        if concept.startswith("time."):
            name = concept[5:]
            if name != "filler" and name != "not_time":
                atoms.append(_Atom(m.start, m.end, name, m.entry.value))
        elif concept == "num.ordinal":
            atoms.append(_Atom(m.start, m.end, "ordinal", m.entry.value))
        elif concept == "num.cardinal" and m.entry.value is not None and m.entry.value <= 12:
            atoms.append(_Atom(m.start, m.end, "cardinal", m.entry.value))
    taken = [(a.start, a.end) for a in atoms]
    # every pattern below starts with a digit: one scan tells whether any can match
    if text.isascii():
        digit_regexes = ((_CLOCK_A, "clock"), (_YEAR_A, "yearnum"), (_DAYNUM_A, "daynum")) if _DIGIT_A.search(text, lo, hi) else ()
    else:
        digit_regexes = ((_CLOCK, "clock"), (_YEAR, "yearnum"), (_DAYNUM, "daynum")) if _DIGIT.search(text, lo, hi) else ()
    for rx, kind in digit_regexes:
        for mm in rx.finditer(text, lo, hi):
            if any(s < mm.end() and mm.start() < e for s, e in taken):
                continue
            raw = mm.group(0) if kind != "daynum" else mm.group(1)
            digits = raw if raw.isascii() and raw.isdigit() else match_key(raw, "ar")
            if kind == "clock":
                h, mi = (int(x) for x in digits.split()[:2]) if " " in digits else (int(digits[:-2]), int(digits[-2:]))
                atoms.append(_Atom(mm.start(), mm.end(), kind, float(h), mi))
            else:
                atoms.append(_Atom(mm.start(), mm.end(), kind, float(int(digits))))
            taken.append((mm.start(), mm.end()))
    atoms.sort(key=lambda a: a.start)
    return atoms


def _groups(text: str, lang: str, atoms: list[_Atom], fillers: frozenset[str]) -> list[list[_Atom]]:
    groups: list[list[_Atom]] = []
    restated = -1  # end of a restated clock time after the last group's words (see _RESTATED)
    for a in atoms:
        if groups:
            prev = groups[-1][-1]
            gap_start = prev.end
            if restated > prev.end:
                if a.start < restated:
                    continue  # inside the restated time: its zone word is not this time's zone
                gap_start = restated
            if a.start - gap_start <= 16:  # near enough: then keyed, for filler words only
                words = short_key(text[gap_start : a.start], lang).split()
                if len(words) <= 2 and all(w in fillers for w in words):
                    groups[-1].append(a)
                    restated = _restated_end(text, lang, groups[-1], a.end)
                    continue
        groups.append([a])
        restated = _restated_end(text, lang, groups[-1], a.end)
    return groups


def _restated_end(text: str, lang: str, group: list[_Atom], end: int) -> int:
    """``end``, or the end of a clock time restated in GMT in parentheses right after it when
    the group gives a time of day itself."""
    if "(" in text[end : end + 3] and any(a.kind in ("clock", "midnight", "am", "pm") for a in group):
        m = _RESTATED.match(text, end)
        if m is not None and short_key(m.group(1), lang) in load_lexicon(lang).keys_of("time.gmt"):
            return m.end()
    return end


def _month_date(day: int, month: int, year: int | None, published_on: date) -> date | None:
    y = year if year is not None else published_on.year
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if year is None and d > published_on + timedelta(days=31):
        try:
            d = date(y - 1, month, day)
        except ValueError:
            return None
    return d


def _month_expr(
    group: list[_Atom], month: int, published_on: date
) -> tuple[date | None, date | None, date | None, str]:
    m_idx = next(i for i, a in enumerate(group) if a.kind == "month")
    day = None
    for a in group[:m_idx][::-1] + group[m_idx + 1 :]:
        if a.kind == "daynum" and a.value and 1 <= a.value <= 31:
            day = int(a.value)
            break
    ordinal = group[m_idx - 1].value if m_idx > 0 and group[m_idx - 1].kind == "ordinal" else None
    if day is None and ordinal is not None and 1 <= ordinal <= 31 and not (m_idx > 1 and group[m_idx - 2].kind == "hour"):
        # "الثالث من حزيران", "the third of June": the ordinal right before the month is its day
        # (not an hour's: "الساعة الثالثة")
        day = int(ordinal)
    year = next((int(a.value) for a in group if a.kind == "yearnum" and a.value), None)
    if day is not None:
        on = _month_date(day, month, year, published_on)
        return on, on, on, "day"
    y = year or (published_on.year if month <= published_on.month else published_on.year - 1)
    return None, date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1]), "month"


def _interpret(
    text: str, group: list[_Atom], published_on: date, future: bool
) -> TimeExpression | None:
    kinds = {a.kind for a in group}
    if kinds.isdisjoint(_SIGNALS) and not (not kinds.isdisjoint(("am", "pm")) and "daynum" in kinds):
        return None  # (a number with "a.m." / "p.m." is a clock time: "at 7 p.m. (1600 GMT)")
    on: date | None = None
    earliest: date | None = None
    latest: date | None = None
    precision = "day"
    tz = DEFAULT_TZ
    # (each read only when the group has an atom of its kind: most groups have one or two)
    part = next((a.kind for a in group if a.kind in _PARTS), None) if not kinds.isdisjoint(_PARTS) else None
    count: _Atom | None = None  # the number that counts "days ago"
    offset = (next((_OFFSETS[a.kind] for a in group if a.kind in _OFFSETS), None)
              if not kinds.isdisjoint(_OFFSETS) else None)
    weekday = next((int(a.value) for a in group if a.kind == "weekday" and a.value), None) if "weekday" in kinds else None
    group_kinds = kinds
    if "month_relative" in kinds and "month" not in kinds:
        # "الشهر الجاري" / "this month" (0), "الشهر الماضي" / "last month" (-1): that month of the
        # day of writing, read as its name ("في 13 من الشهر الجاري": 13 July)
        rel = next(a for a in group if a.kind == "month_relative")
        month_of = (published_on.month - 1 + int(rel.value or 0)) % 12 + 1
        group = [_Atom(a.start, a.end, "month", float(month_of)) if a is rel else a for a in group]
        kinds = (kinds - {"month_relative"}) | {"month"}
    month = next((int(a.value) for a in group if a.kind == "month" and a.value), None) if "month" in kinds else None
    if month is not None:
        on, earliest, latest, precision = _month_expr(group, month, published_on)
        if on is None and "month_relative" in group_kinds:
            return None  # "this month" alone dates nothing to the day: no expression
    if on is not None or month is not None:
        pass
    elif offset == 0 and weekday is not None and "next" not in kinds and "last" not in kinds:
        # "اليوم (الخميس)": the writer's today is that weekday (articles are often published
        # or collected a day after they were written)
        on = resolve_weekday(weekday, published_on)
    elif offset is not None:
        on = published_on + timedelta(days=offset)
    elif "days_ago" in kinds:
        # "two days ago", "قبل يومين": the count on the words themselves or the number before
        ago = next(a for a in group if a.kind == "days_ago")
        count = None if ago.value else next(
            (a for a in group if a.kind in ("cardinal", "daynum") and a.end <= ago.start and a.value), None)
        n = ago.value or (count.value if count is not None else None)
        if n is not None and 1 <= n <= 31:
            on = published_on - timedelta(days=int(n))
    elif weekday is not None:
        direction = "past"
        if "next" in kinds or (future and "last" not in kinds):
            direction = "next"
        elif "last" in kinds:
            direction = "last"
        elif "until" in kinds and not kinds.isdisjoint(("clock", "hour", "midnight")):
            # an end given to the hour ("extended until 09:00 GMT on Monday", said on Sunday)
            # is announced ahead: that weekday from the day of writing on
            direction = "upcoming"
        elif "starting" in kinds and (weekday - published_on.isoweekday()) % 7 <= _START_AHEAD:
            # so is a start a few days ahead ("اعتبارا من صباح الخميس", "starting on Thursday",
            # said on Wednesday); a week ahead it is more likely the past one
            direction = "upcoming"
        on = resolve_weekday(weekday, published_on, direction=direction)
    if on is not None:
        earliest = latest = on
    hour: int | None = None
    minute = 0
    for i, a in enumerate(group if not kinds.isdisjoint(("clock", "hour", "am", "pm")) else ()):
        if a.kind == "clock" and a.value is not None:
            hour, minute = int(a.value), a.minute
        elif a.kind in ("am", "pm") and hour is None:
            # "at 1 a.m. on Saturday": the number right before the marker is the hour
            prv = group[i - 1] if i > 0 else None
            if prv is not None and prv.kind in ("cardinal", "daynum") and prv.value and 1 <= prv.value <= 12:
                hour = int(prv.value)
        elif a.kind == "hour":
            nxt = group[i + 1] if i + 1 < len(group) else None
            if nxt is not None and nxt.kind in ("ordinal", "cardinal", "daynum") and nxt.value:
                hour = int(nxt.value)
            prv = group[i - 1] if i > 0 else None
            if hour is None and prv is not None and prv.kind in ("cardinal", "daynum") and prv.value:
                hour = int(prv.value)
    if "gmt" in kinds:
        tz = "UTC"
    # midnight ends the day named with it: "midnight on Friday", "منتصف ليل الجمعة", "12 at
    # night", "الساعة 12 ليلا" are 00:00 of the day after
    next_day = False
    if "midnight" in kinds and hour in (None, 12, 0):
        hour, minute, next_day = 0, 0, True
        part = part or "night"
    if hour is not None and not next_day:
        if "pm" in kinds or part in ("evening", "afternoon"):
            if hour < 12:
                hour += 12
        elif part == "night":
            # "الساعة العاشرة ليلا" is 22:00, "الثانية ليلا" 02:00 (after midnight),
            # "الساعة 12 ليلا" midnight
            if 6 <= hour < 12:
                hour += 12
            elif hour == 12:
                hour, next_day = 0, True
        elif "am" in kinds and hour == 12:  # 12 a.m. is midnight
            hour = 0
    if hour is not None:
        precision = "minute" if minute else "hour"
    elif part is not None and on is not None:
        precision = "part_of_day"
    if on is None and earliest is None:
        if hour is None and part is None:
            return None
        if hour is None:
            return None
    at = None
    if hour is not None:
        base = (on or published_on) + timedelta(days=1) if next_day else (on or published_on)
        zone = UTC if tz == "UTC" else ZoneInfo(tz)
        at = datetime.combine(base, time(hour % 24, minute), tzinfo=zone)
        if on is None:
            earliest = latest = None
    start, end = group[0].start, group[-1].end
    if month is not None and hour is None:
        # "Wed Jun 1 2016 15 Syrian Civilians ... Killed": a number after the date's own words
        # (its day and year) counts something else
        m_idx = next(i for i, a in enumerate(group) if a.kind == "month")
        day_atom = next((a for a in group[:m_idx][::-1] + group[m_idx + 1:]
                         if a.kind == "daynum" and a.value and 1 <= a.value <= 31), None)
        own = [a for a in group if a is day_atom or a.kind not in ("daynum", "cardinal", "ordinal")]
        end = max(a.end for a in own)
    if month is None and hour is None:
        # a bare number after the expression counts something else ("حتى مساء أمس، 18 قتيلا")
        used = [a for a in group if a.kind not in ("daynum", "cardinal", "ordinal", "yearnum")
                or (count is not None and a is count)]  # ("two days ago": the count is its own)
        if used:
            start, end = used[0].start, used[-1].end
    # through its slots (hudna.text.slots): a quarter of the constructor's time
    expr: TimeExpression = _make_time(start, end, text[start:end], on, earliest, latest, precision, tz, at, part,
                                      "until" in kinds, offset == 0 and weekday is not None)
    return expr


_make_time = slot_builder(TimeExpression, (
    "start", "end", "text", "on", "earliest_on", "latest_on", "precision", "tz", "at", "part_of_day",
    "is_until", "states_today"))


def find_time_expressions(
    text: str,
    lang: str,
    *,
    published_on: date,
    matches: Sequence[LexiconMatch] | None = None,
    future: bool = False,
    window: tuple[int, int] | None = None,
) -> list[TimeExpression]:
    """Find and resolve the time expressions of ``text``.

    Parameters
    ----------
    text
        Original text (a sentence or a whole article).
    lang
        ``"ar"`` or ``"en"``.
    published_on
        Publication date, the anchor of relative expressions.
    matches
        Lexicon matches of ``text`` when already computed.
    future
        The sentence speaks of the future (a bare weekday then means the next one).
    window
        Only look at ``text[window[0]:window[1]]`` (a sentence); offsets stay absolute.

    Examples
    --------
    >>> pub = date(2016, 5, 1)
    >>> [(t.text, str(t.on)) for t in find_time_expressions("قد أعلنت أمس السبت", "ar", published_on=pub)]
    [('أمس السبت', '2016-04-30')]
    >>> t = find_time_expressions("قصف ليل السبت", "ar", published_on=pub)[0]
    >>> str(t.on), t.part_of_day, t.precision
    ('2016-04-30', 'night', 'part_of_day')
    >>> t = find_time_expressions("حتى الساعة التاسعة بتوقيت غرينتش ليوم غد الاثنين", "ar", published_on=pub)[0]
    >>> t.at.isoformat(), t.is_until
    ('2016-05-02T09:00:00+00:00', True)
    >>> [str(t.on) for t in find_time_expressions("من 30 نيسان/ابريل إلى 7 أيار/مايو", "ar", published_on=pub)]
    ['2016-04-30', '2016-05-07']
    >>> t = find_time_expressions("extended until 09:00 GMT on Monday", "en", published_on=pub, future=True)[0]
    >>> t.at.isoformat()
    '2016-05-02T09:00:00+00:00'
    >>> [str(t.on) for t in find_time_expressions("on Saturday night and yesterday", "en", published_on=pub)]
    ['2016-04-30', '2016-04-30']
    """
    if matches is None:
        matches = get_matcher(lang).match(text)
    fillers = load_lexicon(lang).keys_of("time.filler")
    out: list[TimeExpression] = []
    if window is not None:
        matches = [m for m in matches if window[0] <= m.start and m.end <= window[1]]
    for group in _groups(text, lang, _atoms(text, matches, window), fillers):
        if _not_a_time(text, group):
            continue
        expr = _interpret(text, group, published_on, future)
        if expr is not None:
            out.append(expr)
    return out


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time ``original[start:end]`` ("for 72 hours", "لمدة ثلاثة أيام", "a 48-hour
    truce"), in hours.

    ``marked``: a word says it is a length (``duration.marker``: "for", "lasting", "لمدة"), or
    it is written as an adjective ("72-hour", "week-long"); an unmarked one ("72 ساعة" after a
    truce word) is a length only where its place in the sentence says so (the caller's rule).
    """

    start: int
    end: int
    text: str
    hours: float
    marked: bool


def find_durations(
    text: str,
    lang: str,
    *,
    matches: Sequence[LexiconMatch],
    quantities: Sequence[Quantity],
    window: tuple[int, int] | None = None,
) -> list[Duration]:
    """Lengths of time in ``text``: a unit word (``duration.unit``, value: hours) after a number
    (a :class:`~hudna.text.numbers.Quantity` of ``quantities`` ending right before it, "-" or
    spaces between), a word that carries its count (``duration.span``: "يومين", 48 hours), or a
    singular unit alone marked as a length ("for a week", "لمدة أسبوع", "a day-long truce").

    A span counted back or ahead from another moment ("the past 24 hours", "48 hours later",
    "خلال الـ24 ساعة الماضية", "بعد 48 ساعة": ``duration.lookback`` before it,
    ``duration.lookback_after`` after it) is no length of anything stated here and is left out.
    ``window`` limits the search to a sentence (offsets stay absolute).

    Examples
    --------
    >>> from hudna.text.lexicon import get_matcher
    >>> from hudna.text.numbers import find_quantities
    >>> def durations(t, lang):
    ...     ms = get_matcher(lang).match(t)
    ...     return [(d.text, d.hours, d.marked) for d in find_durations(
    ...         t, lang, matches=ms, quantities=find_quantities(t, lang, ms))]
    >>> durations("a 72-hour truce, then extended for another 48 hours", "en")
    [('72-hour', 72.0, True), ('48 hours', 48.0, True)]
    >>> durations("تمديد التهدئة لمدة يومين بعد هدنة 72 ساعة", "ar")
    [('يومين', 48.0, True), ('72 ساعة', 72.0, False)]
    >>> durations("killed in the past 24 hours", "en")
    []
    """
    lo, hi = window if window is not None else (0, len(text))
    units = [m for m in matches if m.entry.family == "duration" and lo <= m.start and m.end <= hi]
    if not units:
        return []
    lex = load_lexicon(lang)
    markers, skips = lex.keys_of("duration.marker"), lex.keys_of("duration.skip")
    adjective_after = lex.keys_of("duration.adjective_after")
    singular, attached = lex.keys_of("duration.singular"), lex.keys_of("duration.attached_marker")
    before_back, after_back = lex.keys_of("duration.lookback"), lex.keys_of("duration.lookback_after")
    out: list[Duration] = []
    for m in units:
        value = m.entry.value
        if not value:
            continue
        start = joint = m.start  # the duration's start; the end of its number
        hours: float | None = None
        if m.concept == "duration.span":
            hours = float(value)
        else:
            q = next((q for q in quantities if q.end <= m.start and q.best
                      and not text[q.end:m.start].strip(" -\u2010\u2011")), None)
            if q is not None and q.best:
                hours, start, joint = float(q.best) * value, q.start, q.end
        words_before = short_key(text[max(lo, start - 40):start], lang).split()
        # a proclitic preposition on the number ("لـ72 ساعة", "لأربع وعشرين ساعة"): the marker is
        # attached, before the digits or inside the number word's span
        glued = bool(attached) and (
            (start > lo and not text[start - 1].isspace()
             and short_key(text[text.rfind(" ", lo, start) + 1:start], lang) in attached)
            or (start < m.start and any(
                w.startswith(a) and len(w) > len(a)
                for w in short_key(text[start:m.start], lang).split()[:1] for a in attached)))
        if words_before and words_before[-1] in before_back:
            continue
        after = short_key(text[m.end:min(hi, m.end + 30)], lang).split()
        if after and after[0] in after_back:
            continue
        k = len(words_before)
        while k > 0 and words_before[k - 1] in skips and len(words_before) - k < 2:
            k -= 1
        marked = (glued or (k > 0 and words_before[k - 1] in markers)
                  or (bool(after) and after[0] in adjective_after)  # "a week-long truce"
                  or "-" in text[joint:m.start])  # "a 72-hour truce", "a three-day ceasefire"
        if hours is None:
            # a singular unit without a number is one unit where it is marked as a length ("for a
            # week", "لمدة أسبوع", "a day-long truce"); "hours", "the day" alone count nothing
            if not marked or short_key(m.text, lang) not in singular:
                continue
            hours = float(value)
        out.append(Duration(start, m.end, text[start:m.end], hours, marked))
    return out


_QUOTES = "\"'«»“”„‟‘’"


def _not_a_time(text: str, group: list[_Atom]) -> bool:
    """A time word that names something else: in quotation marks on its own (the newspaper
    «اليوم», the programme "Today"), or "today" counting days ("لليوم السابع على التوالي",
    "for the third day")."""
    before = text[max(0, group[0].start - 1):group[0].start]
    after = text[group[-1].end:group[-1].end + 1]
    if before and after and before in _QUOTES and after in _QUOTES:
        return True
    kinds = [a.kind for a in group]
    return "today" in kinds and "ordinal" in kinds[kinds.index("today") + 1:]
