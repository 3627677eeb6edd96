"""Numbers in news text: digits in both scripts, number words, duals, approximations, ranges.

Issue #4. Number words, multipliers, vague quantities ("العشرات", "dozens") and the words for
"about / at least / more than / between" are lexicon data (``num.*``, ``approx.*``); a noun
whose lexicon entry carries a ``value`` is a count by itself (the Arabic dual "طفلان" = two
children). This module only combines them, so it holds no language-specific code.

Every quantity gives ``low``/``best``/``high``:

=================  ===========  ===========  ===========
expression         low          best         high
=================  ===========  ===========  ===========
exact ``10``       10           10           10
about ``نحو 30``   24           30           36
at least ``12``    12           12           None
more than ``20``   21           20           None
less than ``5``    0            5            5
range ``20-25``    20           20           25
vague ``dozens``   24           None         None
=================  ===========  ===========  ===========
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hudna.text.lexicon import LexiconMatch, get_matcher, load_lexicon, short_key
from hudna.text.normalize import lang_module, match_key
from hudna.text.slots import slot_builder

__all__ = ["Quantity", "find_quantities", "parse_quantity"]

#: Read as "(?<![\w.])\d{1,3}(?:[,٬]\d{3})+(?!\d)|\d+(?:[.٫]\d+)?": the first digit is taken
#: out of both alternatives so that the pattern opens with a character class, which the regex
#: engine scans for before trying anything (a lookahead or lookbehind first gives it no such
#: prefix: about twice as slow); "no word character or dot before" is then a lookbehind over the
#: character before the first digit.
_DIGITS = re.compile(r"\d(?:(?<![\w.].)\d{0,2}(?:[,\u066c]\d{3})+(?!\d)|\d*(?:[.\u066b]\d+)?)")
#: The same with ``re.ASCII``, for ASCII texts: there ``\d`` and ``\w`` match the same
#: characters either way, and the ASCII-only engine is faster.
_DIGITS_A = re.compile(_DIGITS.pattern, re.ASCII)
_MULTIPLIERS = (100.0, 1000.0, 1_000_000.0)
APPROX_KINDS = ("about", "at_least", "more_than", "less_than")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number expression: ``text == original[start:end]``.

    ``kind`` is ``exact``, ``about``, ``at_least``, ``more_than``, ``less_than``, ``range`` or
    ``vague``; ``noun`` is the concept of a noun that carried the number itself (duals).
    """

    start: int
    end: int
    text: str
    low: int | None
    best: int | None
    high: int | None
    kind: str = "exact"
    noun: str | None = None


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float
    kind: str  # digits | word | multiplier | vague | noun
    noun: str | None = None
    prefix: str = ""


def _digit_value(s: str) -> float | None:
    if s.isascii() and s.isdigit():
        return float(s)  # the common case: nothing to fold or strip
    ascii_digits = match_key(s, "ar")  # digit folding only; the same for both languages
    cleaned = re.sub(r"[,\s\u066c]", "", ascii_digits)
    try:
        return float(cleaned) if cleaned else None
    except ValueError:
        return None


#: Atom kinds that glue into a compound number ("أربع وعشرين", "200 ألف").
_COMPOUND_KINDS = ("word", "multiplier", "digits")


@functools.lru_cache(maxsize=4)
def _number_words(lang: str) -> tuple[frozenset[str], int, frozenset[str]]:
    """Range joiners (with the empty gap), the longest joiner's length, and conjunctions."""
    lex = load_lexicon(lang)
    joiners = lex.keys_of("approx.range_joiner") | {""}
    return joiners, max(map(len, joiners)), lex.keys_of("morph.conjunction")


def _atoms(text: str, matches: Sequence[LexiconMatch], lang: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in (_DIGITS_A if text.isascii() else _DIGITS).finditer(text):
        raw = m.group(0)
        if raw.count(".") or "\u066b" in raw:
            try:
                value: float | None = float(match_key(raw.replace("\u066b", "."), "ar").replace(" ", "."))
            except ValueError:
                value = None
        else:
            value = _digit_value(raw)
        if value is not None:
            atoms.append(_Atom(m.start(), m.end(), value, "digits"))
    for lm in [lm for lm in matches if lm.entry.value is not None]:  # a few of the matches
        v = lm.entry.value
        assert v is not None
        c = lm.concept
        if c == "num.cardinal":
            kind = "multiplier" if v in _MULTIPLIERS else "word"
        elif c == "num.multiplier":
            kind = "multiplier"
        elif c == "num.vague":
            kind = "vague"
        elif lm.entry.family in ("person", "casualty"):
            if v == 1 and (lm.suffix or lang_module(lang).prefix_has_article(lm.prefix)):
                continue  # one only bare: "الدفاع المدني" (an adjective), "مقاتلة" (a warplane)
            kind = "noun"
        else:
            continue
        atoms.append(_Atom(lm.start, lm.end, v, kind, c if kind == "noun" else None, lm.prefix))
    atoms.sort(key=lambda a: (a.start, -a.end))
    dedup: list[_Atom] = []
    for a in atoms:
        if dedup and a.start < dedup[-1].end:
            continue
        if a.kind == "noun" and a.value == 1 and dedup and dedup[-1].kind in _COMPOUND_KINDS and (
                text[dedup[-1].end : a.start].isspace() or dedup[-1].end == a.start):
            continue  # a singular noun after a number is the number's noun ("100 طفل", "ألف شخص")
        dedup.append(a)
    return dedup


def _combine(values: list[_Atom]) -> float:
    total = 0.0
    current = 0.0
    for a in values:
        if a.kind == "multiplier":
            current = max(current, 1.0) * a.value
            if a.value >= 1000:
                total += current
                current = 0.0
        else:
            current += a.value
    return total + current


def find_quantities(
    text: str, lang: str, matches: Sequence[LexiconMatch] | None = None
) -> list[Quantity]:
    """Find every quantity in ``text``.

    Parameters
    ----------
    text
        Original text.
    lang
        ``"ar"`` or ``"en"`` (selects the lexicon).
    matches
        Lexicon matches of ``text`` if already computed (spans into ``text``).

    Examples
    --------
    >>> [(q.best, q.kind) for q in find_quantities("أدت نحو ثلاثين غارة إلى سقوط عشرة قتلى، بينهم طفلان", "ar")]
    [(30, 'about'), (10, 'exact'), (2, 'exact')]
    >>> [(q.low, q.best, q.high) for q in find_quantities("يقيم نحو 200 ألف شخص", "ar")]
    [(160000, 200000, 240000)]
    >>> [(q.low, q.best, q.high, q.kind) for q in find_quantities("at least a dozen, between 20 and 25, dozens", "en")]
    [(12, 12, None, 'at_least'), (20, 20, 25, 'range'), (24, None, None, 'vague')]
    """
    if matches is None:
        matches = get_matcher(lang).match(text)
    joiners, longest_joiner, conj = _number_words(lang)
    atoms = _atoms(text, matches, lang)
    approx = [
        m for m in matches if m.entry.family == "approx" and m.concept != "approx.range_joiner"
    ]
    # 1. glue adjacent number atoms into compounds ("أربع وعشرين", "200 ألف", "twenty-five").
    groups: list[list[_Atom]] = []
    for a in atoms:
        if groups and _scales_vague(groups[-1], a, text, lang, matches):
            groups[-1].append(a)  # "hundreds of thousands", "عشرات الآلاف": one vague figure
            continue
        if groups and a.kind in _COMPOUND_KINDS:
            prev = groups[-1][-1]
            # the kinds first (no digits glued to digits or to a number word after them): the
            # gap between the two is keyed only when they may form a compound
            if prev.kind in _COMPOUND_KINDS and not (prev.kind == "digits" and a.kind in ("digits", "word")):
                gap = short_key(text[prev.end : a.start], lang)
                glue = (gap == "" or gap in conj) and not (
                    prev.kind == "word"
                    and a.kind == "word"
                    and prev.value <= a.value
                    and gap == ""
                    and a.prefix not in conj
                )
                if glue:
                    groups[-1].append(a)
                    continue
        groups.append([a])
    # 2. ranges: two compounds joined by a range joiner.
    out: list[Quantity] = []
    i = 0
    while i < len(groups):
        g = groups[i]
        start, end = g[0].start, g[-1].end
        value = _combine(g)
        kind = "exact"
        noun = g[0].noun
        low: float | None = value
        best: float | None = value
        high: float | None = value
        if len(g) == 2 and _scales_vague(g[:1], g[1], text, lang, matches):
            # a vague count of thousands or millions: at least two of the first times the unit
            # ("hundreds of thousands": 200,000; "عشرات الآلاف": 20,000)
            first = g[0].value if g[0].kind == "vague" else 2 * g[0].value
            unit = g[1].value / 2 if g[1].kind == "vague" else g[1].value
            kind, low, best, high = "vague", first * unit, None, None
        elif g[0].kind == "vague" or (len(g) == 1 and g[0].kind == "multiplier" and value >= 100 and g[0].value == value and _is_plural_multiplier(g[0], matches)):
            kind = "vague"
            low, best, high = value if g[0].kind == "vague" else 2 * value, None, None
        elif i + 1 < len(groups) and groups[i + 1][0].kind in ("digits", "word"):
            nxt = groups[i + 1]
            raw_gap = text[end : nxt[0].start]
            if len(raw_gap) > 40 and len(match_key(raw_gap[:40], lang)) > longest_joiner:
                # the key of a text is at least as long as the key of its start: no joiner, not empty
                joined = False
            else:
                gap = short_key(raw_gap, lang) if len(raw_gap) <= 40 else match_key(raw_gap, lang)
                joined = gap in joiners and gap != "" or (gap == "" and raw_gap.strip() in ("-", "\u2013"))
            if joined:
                hi = _combine(nxt)
                if hi > value:
                    kind, high = "range", hi
                    end = nxt[-1].end
                    i += 1
        if kind == "exact":
            a_kind, a_start, a_end = _approx_near(text, lang, approx, start, end)
            if a_kind:
                kind = a_kind
                start, end = min(start, a_start), max(end, a_end)
                assert best is not None
                if kind == "about":
                    low, high = math.floor(best * 0.8), math.ceil(best * 1.2)
                elif kind == "at_least":
                    low, high = best, None
                elif kind == "more_than":
                    low, high = best + 1, None
                elif kind == "less_than":
                    low, high = 0, best
        elif kind == "range":
            a_kind, a_start, _ = _approx_near(text, lang, approx, start, end)
            if a_kind is None:
                a_start = start
            start = min(start, a_start)
        # (``round`` of a number is an int: ``int(round(x))`` without two calls per bound)
        q_low = None if low is None else round(low)
        q_best = None if best is None else round(best)
        q_high = None if high is None else round(high)
        # through its slots (hudna.text.slots)
        out.append(_make_quantity(start, end, text[start:end], q_low, q_best, q_high, kind, noun))
        i += 1
    return out


_make_quantity = slot_builder(Quantity, ("start", "end", "text", "low", "best", "high", "kind", "noun"))


def _scales_vague(group: list[_Atom], a: _Atom, text: str, lang: str, matches: Sequence[LexiconMatch]) -> bool:
    """Whether ``a`` is the unit a vague count counts ("hundreds of thousands", "tens of
    thousands", "مئات الآلاف", "عشرات الآلاف"): the group is one vague word or plural multiplier,
    ``a`` right after it a thousand or more (vague plural or multiplier)."""
    if len(group) != 1 or a.kind not in ("vague", "multiplier"):
        return False
    prev = group[0]
    if not (prev.kind == "vague" or (prev.kind == "multiplier" and _is_plural_multiplier(prev, matches))):
        return False
    unit = a.value / 2 if a.kind == "vague" else a.value
    if unit < 1000 or unit <= prev.value:
        return False
    gap = short_key(text[prev.end : a.start], lang)
    return gap == "" or gap in load_lexicon(lang).keys_of("num.unit_link")


def _is_plural_multiplier(atom: _Atom, matches: Sequence[LexiconMatch]) -> bool:
    return any(m.start == atom.start and m.concept == "num.multiplier" for m in matches)


def _approx_near(
    text: str, lang: str, approx: Sequence[LexiconMatch], start: int, end: int
) -> tuple[str | None, int, int]:
    """The approximation word right before (or, for "at least", right after) a number."""
    for m in approx:
        if m.end < start - 40 or m.start > end + 15:
            continue
        if m.end <= start and short_key(text[m.end : start], lang) == "":
            kind = m.concept.split(".", 1)[1]
            if kind in APPROX_KINDS:
                return kind, m.start, m.end
            if kind == "between":
                return None, m.start, m.end
        if m.start >= end and m.concept == "approx.at_least" and m.start - end <= 12:
            gap = text[end : m.start]
            # not when a figure follows it: "Get short URL 4016 At least 12 civilians" (the
            # word opens the next figure)
            if len(short_key(gap, lang).split()) <= 1 and not text[m.end : m.end + 4].lstrip()[:1].isdigit():
                return "at_least", m.start, m.end
    return None, start, end


def parse_quantity(text: str, lang: str) -> Quantity | None:
    """The first quantity in a short phrase, or ``None``.

    Examples
    --------
    >>> parse_quantity("لأربع وعشرين ساعة", "ar").best
    24
    >>> parse_quantity("قتيلين", "ar").best
    2
    >>> q = parse_quantity("العشرات", "ar"); (q.low, q.best, q.kind)
    (20, None, 'vague')
    >>> parse_quantity("more than 1,200 people", "en").low
    1201
    >>> parse_quantity("٢٥ قتيلا", "ar").best
    25
    """
    found = find_quantities(text, lang)
    return found[0] if found else None
