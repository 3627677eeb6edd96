"""Places step: gazetteer scan of the whole text, geocoding with the text as context (issue #4)."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from hudna.domain.claim import ClaimPlace
from hudna.ingest.pipeline import Doc, Step
from hudna.ingest.steps.text import sentence_index
from hudna.text.lexicon import load_lexicon
from hudna.text.normalize import match_key

__all__ = ["PlaceMention", "extract_places", "make_places_step"]

logger = logging.getLogger(__name__)
#: Lexicon families whose words are never place names (a hit inside one is dropped).
_NOT_PLACES = ("actor", "role", "regime", "status", "incident", "source", "time", "casualty",
               "person", "attribution", "negation", "num", "approx", "hedge", "calm")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text with its geocoding; ``place`` carries pcode and admin1."""

    start: int
    end: int
    place: ClaimPlace
    sentence: int


@functools.lru_cache(maxsize=20000)
def _geocode_plain(gazetteer: Any, surface: str, lang: str) -> ClaimPlace | None:
    return _geocode(gazetteer, surface, lang, None)


@functools.lru_cache(maxsize=20000)
def _geocode_in_context(gazetteer: Any, surface: str, lang: str, context: str) -> ClaimPlace | None:
    return _geocode(gazetteer, surface, lang, context)


def _geocode(gazetteer: Any, surface: str, lang: str, context: str | None) -> ClaimPlace | None:
    r = gazetteer.geocode(surface, lang=lang, context=context)
    if r.pcode is None:
        return None
    level = getattr(r.level, "value", r.level)
    admin1 = r.admin1_pcode or (r.pcode if level == "governorate" else None)
    return ClaimPlace(
        text=surface, start=0, end=0, pcode=r.pcode, level=level, admin1_pcode=admin1,
        admin2_pcode=r.admin2_pcode, lat=r.lat, lon=r.lon, score=float(r.score), reason=r.reason,
    )


#: Communities at least this important are accepted without a cue word (cities, towns).
MIN_IMPORTANCE = 2


def _credible(doc: Doc, gazetteer: Any, hit: Any, cues: frozenset[str], proclitics: frozenset[str]) -> bool:
    """A hit is a place when it names an admin area or a notable town, or a cue word
    ("في", "بلدة", "near") or an attached preposition comes right before it."""
    for pid in hit.place_ids:
        place = gazetteer.find(pid)
        if place is None:
            continue
        level = getattr(place.level, "value", place.level)
        if level != "community" or place.importance >= MIN_IMPORTANCE:
            return True
    lang = doc["lang"]
    before = match_key(doc.text[max(0, hit.start - 30) : hit.start], lang).split()
    if before and before[-1] in cues:
        return True
    # an attached preposition on the name itself ("بريف", "وفي") counts as a cue
    first = match_key(doc.text[hit.start : hit.end], lang)
    return any(first.startswith(p) and p in ("ب", "ل", "في") for p in proclitics) and len(first) > 4


def make_places_step(gazetteer: Any) -> Step:
    """The ``extract_places`` step bound to a gazetteer (``None``: no places are found)."""

    def extract_places_step(doc: Doc) -> None:
        extract_places(doc, gazetteer)

    return Step("extract_places", extract_places_step, requires=("matches", "sentences"),
                assigns=("places", "gazetteer_version"))


def extract_places(doc: Doc, gazetteer: Any) -> None:
    """Assign ``places`` (list of :class:`PlaceMention` in text order) and ``gazetteer_version``."""
    if gazetteer is None:
        doc["places"] = []
        doc["gazetteer_version"] = ""
        return
    lang = doc["lang"]
    lex = load_lexicon(lang)
    common = lex.keys_of("place.common_word")
    cues = lex.keys_of("place.cue") | lex.keys_of("gazetteer.qualifier")
    proclitics = lex.keys_of("morph.proclitic")
    blocked = [(m.start, m.end) for m in doc["matches"] if m.entry.family in _NOT_PLACES]
    blocked.sort()
    cache: dict[str, ClaimPlace | None] = {}
    hits = gazetteer.scan(doc.text, lang)
    # Context for ambiguous names: the unambiguous names of the article (short, so the
    # answer can be cached across articles naming the same places).
    context = " ".join(sorted({h.surface for h in hits if len(h.place_ids) == 1}))
    out: list[PlaceMention] = []
    j = 0
    for hit in hits:
        while j < len(blocked) and blocked[j][1] <= hit.start:
            j += 1
        if j < len(blocked) and blocked[j][0] < hit.end:
            continue
        key = match_key(hit.surface, lang)
        if key in common:
            continue
        if not _credible(doc, gazetteer, hit, cues, proclitics):
            continue
        if key not in cache:
            # A name of one place needs no context (cached across articles); only an ambiguous
            # name is geocoded with the article's title and lead as context.
            if len(hit.place_ids) <= 1:
                cache[key] = _geocode_plain(gazetteer, hit.surface, lang)
            else:
                cache[key] = _geocode_in_context(gazetteer, hit.surface, lang, context)
        geo = cache[key]
        if geo is None:
            continue
        place = ClaimPlace(
            text=doc.text[hit.start:hit.end], start=hit.start, end=hit.end, pcode=geo.pcode,
            level=geo.level, admin1_pcode=geo.admin1_pcode, admin2_pcode=geo.admin2_pcode,
            lat=geo.lat, lon=geo.lon, score=geo.score,
        )
        out.append(PlaceMention(hit.start, hit.end, place, sentence_index(doc, hit.start)))
    doc["places"] = out
    doc["gazetteer_version"] = getattr(gazetteer, "version", "")
