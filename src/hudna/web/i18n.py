"""Interface strings in Arabic and English (data files ``i18n/<lang>.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

LANGUAGES = ("en", "ar")
RTL = frozenset({"ar"})


@cache
def strings(lang: str) -> dict[str, str]:
    """The strings of ``lang`` (English for missing keys).

    Examples
    --------
    >>> strings("ar")["map"] != strings("en")["map"]
    True
    """
    base: dict[str, str] = json.loads(files("hudna.web").joinpath("i18n", "en.json").read_text("utf-8"))
    if lang != "en":
        base = base | json.loads(files("hudna.web").joinpath("i18n", f"{lang}.json").read_text("utf-8"))
    return base


def pick_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    """Language from ``?lang=``, then the cookie, then ``Accept-Language``, else English."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return value
    if accept and accept.strip().lower().startswith("ar"):
        return "ar"
    return "en"
