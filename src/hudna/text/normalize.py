"""Match keys: one normalisation for lexicon entries, gazetteer names and incoming text.

DESIGN.md §4 and house rule 4: the original text is never changed; a *match key* is a derived
string used only to compare. :func:`match_key` is the single function every matcher uses.

A key is built in three stages, each character on its own (so a key can be mapped back to
offsets in the original text, see :func:`keyed_text`):

1. generic: format controls (bidi marks, zero-width joiners, BOM) and combining marks are
   removed; NFKC folds presentation forms and compatibility characters;
2. the steps of the language (``hudna.text.lang.ar.MATCH_KEY_STEPS``,
   ``hudna.text.lang.en.MATCH_KEY_STEPS``); ``lang="auto"`` applies both, as each only touches
   its own script;
3. generic: punctuation, symbols and whitespace become one space; the key is stripped.

Gazetteer-only folding (articles, clitics, transliteration variants) is :func:`name_key`, a
separate function so that ``match_key`` stays the same for general text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import numpy.typing as npt

from hudna.text.lang import ar, en

__all__ = [
    "LANGS",
    "KeyedText",
    "keyed_text",
    "lang_module",
    "match_key",
    "name_key",
    "resolve_lang",
    "script_of",
]

#: Languages with their own module in :mod:`hudna.text.lang`.
LANGS: tuple[str, ...] = ("ar", "en")
_LANG_MODULES: dict[str, ModuleType] = {"ar": ar, "en": en}
_LATIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x024F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0xFF00, 0xFFEF),
)
_SCRIPT_RANGES = {"ar": ar.ARABIC_RANGES, "en": _LATIN_RANGES}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_MULTI = np.uint32(0xFFFFFFFF)


def lang_module(lang: str) -> ModuleType:
    """The module of a language (``hudna.text.lang.ar`` or ``.en``).

    Raises
    ------
    ValueError
        For a language hudna has no module for.

    Examples
    --------
    >>> lang_module("ar").__name__
    'hudna.text.lang.ar'
    """
    try:
        return _LANG_MODULES[lang.split("-")[0]]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS} or 'auto'") from None


def script_of(text: str) -> str:
    """ISO 15924 code of the text's script: ``"Arab"`` if it has any Arabic letter, else ``"Latn"``.

    Examples
    --------
    >>> script_of("Aleppo (حلب)"), script_of("Aleppo")
    ('Arab', 'Latn')
    """
    return "Arab" if _ARABIC_LETTER.search(text) else "Latn"


def resolve_lang(text: str, lang: str) -> str:
    """``"ar"``/``"en"`` as given, or the language implied by the script for ``"auto"``.

    Examples
    --------
    >>> resolve_lang("حلب", "auto"), resolve_lang("Aleppo", "auto"), resolve_lang("x", "ar")
    ('ar', 'en', 'ar')
    """
    if lang == "auto":
        return "ar" if script_of(text) == "Arab" else "en"
    lang_module(lang)
    return lang.split("-")[0]


def _generic_pre(ch: str) -> str:
    if unicodedata.category(ch) in ("Cf", "Mn"):
        return ""
    return unicodedata.normalize("NFKC", ch)


def _generic_post(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat[0] in "PSZ" or cat == "Cc":
        return " "
    if cat in ("Cf", "Mn"):
        return ""
    return ch


def _apply(steps: tuple[Callable[[str], str], ...], text: str) -> str:
    for step in steps:
        text = step(text)
    return text


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _char_key(cp: int, langs: tuple[str, ...]) -> str:
    """Key text of one BMP code point (the three stages of the module docstring)."""
    ch = chr(cp)
    if 0xD800 <= cp <= 0xDFFF:
        return ch
    out = _generic_pre(ch)
    for code in langs:
        ranges = _SCRIPT_RANGES[code]
        steps: tuple[Callable[[str], str], ...] = _LANG_MODULES[code].MATCH_KEY_STEPS
        out = "".join(_apply(steps, c) if _in_ranges(ord(c), ranges) else c for c in out)
    return "".join(_generic_post(c) for c in out)


class _CharTable(dict[int, str]):
    """Code point → key text, filled on first sight of each character (``str.translate`` asks
    for missing keys through ``__missing__``). Building all 65,536 entries up front took about
    half a second per language, paid by every short run; a text uses a few hundred characters."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.langs = LANGS if lang == "auto" else (lang,)

    def __missing__(self, cp: int) -> str:
        if cp >= 0x10000:
            raise KeyError(cp)  # astral characters are replaced before translation
        out = _char_key(cp, self.langs)
        self[cp] = out
        return out


@functools.cache
def _char_table(lang: str) -> _CharTable:
    """Code point → key text of every BMP character (computed lazily, see :class:`_CharTable`)."""
    return _CharTable(lang)


#: LUT value of a code point not computed yet.
_UNKNOWN = np.uint32(0xFFFFFFFE)


@functools.cache
def _lut(lang: str) -> npt.NDArray[np.uint32]:
    """Vectorised form of :func:`_char_table`: uint32 per BMP code point (0 = delete,
    ``_MULTI`` = several characters, ``_UNKNOWN`` = not computed yet; see :func:`_fill_lut`)."""
    return np.full(0x10000, _UNKNOWN, dtype=np.uint32)


def _fill_lut(lang: str, cps: npt.NDArray[np.int64]) -> None:
    """Compute the LUT entries of code points ``cps`` (from the character table)."""
    lut = _lut(lang)
    table = _char_table(lang)
    for cp in np.unique(cps).tolist():
        out = table[cp]
        if len(out) == 1:
            lut[cp] = ord(out)
        elif not out:
            lut[cp] = 0
        else:
            lut[cp] = _MULTI


def match_key(text: str, lang: str) -> str:
    """The match key of ``text``: the one normalisation used by every matcher.

    Parameters
    ----------
    text
        Any text: a lexicon entry, a gazetteer name or a whole article.
    lang
        ``"ar"``, ``"en"`` (BCP 47; regional tags such as ``"ar-SY"`` use the base language) or
        ``"auto"`` (the steps of both languages; each touches only its own script).

    Returns
    -------
    str
        Words separated by single spaces, no punctuation, no leading or trailing space.

    Examples
    --------
    >>> match_key("إِدْلِب، حـلب والرقة ٢٠١٦", "ar")
    'ادلب حلب والرقه 2016'
    >>> match_key("Deir-ez-Zor’s  COUNTRYSIDE", "en")
    'deir ez zors countryside'
    >>> match_key("Ma'arrat (معرّة) ", "auto")
    'maarrat معره'
    """
    if lang not in _LANG_MODULES and lang != "auto":
        lang = resolve_lang(text, lang)
    if text.isascii():  # a flag of the string; most English queries
        trans, delete = _ascii_table(lang)
        return " ".join(text.encode("ascii").translate(trans, delete).decode("ascii").split())
    if _ASTRAL.search(text):
        text = _ASTRAL.sub(" ", text)
    return " ".join(text.translate(_char_table(lang)).split())


@functools.cache
def _ascii_table(lang: str) -> tuple[bytes, bytes]:
    """:func:`_char_table` of the ASCII characters as a ``bytes.translate`` table and the
    characters it deletes (each ASCII character's key is at most one ASCII character: checked
    here, and by a test on every ASCII character)."""
    table = _char_table(lang)
    trans = bytearray(range(256))
    delete = bytearray()
    for cp in range(128):
        out = table[cp]
        if not out:
            delete.append(cp)
        elif len(out) == 1 and out.isascii():
            trans[cp] = ord(out)
        else:  # pragma: no cover - no such character in the steps of either language
            raise AssertionError(f"the key of ASCII {cp} is {out!r}")
    return bytes(trans), bytes(delete)


@dataclass(frozen=True, slots=True)
class KeyedText:
    """A text, its match key and where each key character came from.

    ``starts[i]``/``ends[i]`` are the offsets in ``text`` of the original characters that
    produced ``key[i]`` (``ends`` also covers marks removed right after it, such as harakat).
    """

    text: str
    key: str
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def span(self, key_start: int, key_end: int) -> tuple[int, int]:
        """Offsets in the original text of the key slice ``key[key_start:key_end]``.

        Examples
        --------
        >>> kt = keyed_text("في  حَلَبَ، أمس", "ar")
        >>> kt.key
        'في حلب امس'
        >>> s, e = kt.span(3, 6)
        >>> kt.text[s:e]
        'حَلَبَ'
        """
        return int(self.starts[key_start]), int(self.ends[key_end - 1])


def keyed_text(text: str, lang: str) -> KeyedText:
    """The match key of ``text`` with a map back to offsets in ``text`` (for scanners).

    ``keyed_text(t, lang).key == match_key(t, lang)`` for every text.

    Examples
    --------
    >>> kt = keyed_text("Shelling on Deir-ez-Zor.", "en")
    >>> kt.key
    'shelling on deir ez zor'
    >>> kt.text[slice(*kt.span(12, 23))]
    'Deir-ez-Zor'
    """
    if lang not in _LANG_MODULES and lang != "auto":
        lang = resolve_lang(text, lang)
    n = len(text)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return KeyedText(text, "", empty, empty)
    if text.isascii():
        table = _ascii_key_table(lang)
        if table is not None:
            # one byte per character: the key letter of each byte by bytes.translate (0: none)
            return _collapse(text, np.frombuffer(text.encode("ascii").translate(table), dtype=np.uint8))
    return _keyed_text_lut(text, lang)


def _keyed_text_lut(text: str, lang: str) -> KeyedText:
    """:func:`keyed_text` of a non-empty text through the code point table (any text)."""
    lut = _lut(lang)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    astral = bool(cps.max() >= 0x10000)  # astral characters are spaces (rare: emoji)
    bmp = np.minimum(cps, 0xFFFF) if astral else cps
    raw = lut[bmp]
    if raw.max() >= _UNKNOWN:  # _UNKNOWN and _MULTI are the two largest values
        unknown = raw == _UNKNOWN
        if unknown.any():
            _fill_lut(lang, bmp[unknown])
            raw = lut[bmp]
        if ((raw == _MULTI) & (cps < 0x10000)).any():
            return _keyed_text_slow(text, lang)
    return _collapse(text, np.where(cps < 0x10000, raw, np.uint32(32)) if astral else raw)


def _collapse(text: str, out: npt.NDArray[np.uint32] | npt.NDArray[np.uint8]) -> KeyedText:
    """The :class:`KeyedText` of ``text`` from the key character of each of its characters
    (``out``: code points, 0 = none): runs of spaces collapsed, the ends stripped.

    A key character ends where the next character with a key character starts (or at the end
    of the text), so that it covers the marks deleted right after it; spaces dropped by the
    collapse still end the character before them.
    """
    idx = np.flatnonzero(out)  # characters with a key character, in order (int64)
    if not len(idx):
        empty = np.zeros(0, dtype=np.int64)
        return KeyedText(text, "", empty, empty)
    ends = np.empty_like(idx)
    ends[:-1] = idx[1:]
    ends[-1] = len(text)
    vals = out[idx]
    # a space is dropped at the start and after another space; a trailing one below
    drop = vals == 32
    drop[1:] &= drop[:-1].copy()
    if drop.any():
        keep = ~drop
        idx, ends, vals = idx[keep], ends[keep], vals[keep]
    if len(vals) and vals[-1] == 32:
        idx, ends, vals = idx[:-1], ends[:-1], vals[:-1]
    if out.dtype == np.uint8:
        key = vals.tobytes().decode("ascii")
    else:
        key = vals.astype("<u4", copy=False).tobytes().decode("utf-32-le")
    return KeyedText(text, key, idx, ends)


@functools.cache
def _ascii_key_table(lang: str) -> bytes | None:
    """:func:`_ascii_table` as one ``bytes.translate`` table for :func:`keyed_text`: each ASCII
    character's key character, 0 for none; ``None`` when a character keys to NUL itself (0
    would then be ambiguous)."""
    trans, delete = _ascii_table(lang)
    if any(trans[cp] == 0 for cp in range(128) if cp not in delete):
        return None
    table = bytearray(trans)
    for cp in delete:
        table[cp] = 0
    return bytes(table)


def _keyed_text_slow(text: str, lang: str) -> KeyedText:
    table = _char_table(lang)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        out = " " if ord(ch) >= 0x10000 else table[ord(ch)]
        if not out:
            if ends:
                ends[-1] = i + 1
            continue
        for c in out:
            if c == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
    while chars and chars[-1] == " ":
        chars.pop()
        starts.pop()
        ends.pop()
    return KeyedText(
        text, "".join(chars), np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    )


def name_key(text: str, lang: str) -> str:
    """Key of a place name: :func:`match_key` plus gazetteer-only folding.

    Arabic: the article ``ال`` is removed from each word. English: articles (al-, el-, ad-,
    ash-, az- ...) are removed and frequent transliteration variants are rewritten to one form
    (Ein/Ain/Ayn → ayn, Deir/Dair/Dayr → dayr, Tell/Tal → tal, Kafr/Kfar → kafr ...). Qualifier
    words (village, ريف ...) are *not* removed here; the geocoder handles them.

    Examples
    --------
    >>> name_key("دير الزور", "ar")
    'دير زور'
    >>> name_key("Deir-ez-Zor", "en") == name_key("Dayr az Zor", "en")
    True
    """
    code = resolve_lang(text, lang)
    key = match_key(text, code)
    folded: str = lang_module(code).fold_name(key)
    return folded
