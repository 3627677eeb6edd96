"""The in-memory gazetteer: indexes, geocoding, reverse geocoding and text scanning.

Geocoding a name (issue #3) runs these stages and stops at the first that finds something:

1. exact: the folded name key (:func:`hudna.text.normalize.name_key`) of the whole query;
2. qualifiers: generic words at either end ("village", "countryside", "ريف", "محافظة") are
   removed; they choose the admin level, "countryside" turns the answer into the governorate
   (admin1 precision), "outskirts" and facilities ("dam", "airbase") mark the answer as near;
3. directions and facility words are removed ("southern", "الجنوبي");
4. Arabic proclitics (و ب ل ف ك) split off the first word;
5. English: the phonetic skeleton (Teir Maaleh = Tir Maallah);
6. fuzzy: rapidfuzz over the candidates that share character bigrams with the query
   (an inverted index; never a scan of all names); below :data:`FUZZY_THRESHOLD` the answer is
   "not found" with a reason.

Candidates with the same match score are ranked by context (a governorate or district named in
``context`` or containing the other places of the context), then level (a city over the
governorate of the same name), then size (capital level in the OCHA data, population in
GeoNames).
"""

from __future__ import annotations

import logging
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hudna.domain.place import Level
from hudna.errors import AmbiguousPlaceWarning, NotFound
from hudna.gazetteer.build import BuiltGazetteer
from hudna.gazetteer.model import (
    Alternative,
    BuildIssue,
    GeocodeResult,
    Place,
    PlaceName,
    ReverseResult,
    ScanHit,
    precision_codes,
)
from hudna.gazetteer.phonetic import PhoneticIndex, query_keys
from hudna.gazetteer.words import PlaceWords, load_place_words
from hudna.geo.admin import AdminArea, AdminAreas, Community
from hudna.text.normalize import LANGS, lang_module, match_key, resolve_lang

__all__ = ["FUZZY_THRESHOLD", "PHONETIC_THRESHOLD", "Gazetteer", "PlaceNotFound"]

log = logging.getLogger(__name__)

#: Lowest phonetic similarity (0–100, :func:`hudna.gazetteer.phonetic.similarity`) accepted
#: for a place anywhere; lower ones inside a governorate or district named by the context.
PHONETIC_THRESHOLD = 86.0
PHONETIC_THRESHOLD_GOVERNORATE = 80.0
PHONETIC_THRESHOLD_DISTRICT = 72.0
#: When the context names areas, a place outside all of them needs this similarity.
PHONETIC_THRESHOLD_OUTSIDE_CONTEXT = 92.0
#: Kept for compatibility: the old name of :data:`PHONETIC_THRESHOLD`.
FUZZY_THRESHOLD = PHONETIC_THRESHOLD
#: Phonetic similarity is scaled below the exact stages (an equal phonetic key scores 95).
PHONETIC_SCALE = 0.95
#: Ranking bonus of a candidate inside a governorate / district named by the context.
CONTEXT_BONUS_GOVERNORATE = 6.0
CONTEXT_BONUS_DISTRICT = 8.0
#: Score of each stage when it matches (phonetic scores are computed).
STAGE_SCORE = {"exact": 100.0, "qualified": 99.0, "stripped": 96.0, "clitic": 97.0}
_LEVEL_PREF = {
    Level.COMMUNITY: 3.0,
    Level.DISTRICT: 2.0,
    Level.GOVERNORATE: 2.0,
    Level.SUBDISTRICT: 1.0,
    Level.NEIGHBOURHOOD: 1.5,
    Level.COUNTRY: 0.5,
    Level.POINT: 0.0,
}
_HINT_LEVELS = {
    "community": (Level.COMMUNITY,),
    "neighbourhood": (Level.NEIGHBOURHOOD, Level.COMMUNITY),
    "subdistrict": (Level.SUBDISTRICT,),
    "district": (Level.DISTRICT,),
    "governorate": (Level.GOVERNORATE,),
}
_QUALIFIER_ROLES = ("community", "neighbourhood", "subdistrict", "district", "governorate", "countryside", "near")
_PAREN = re.compile(r"\(([^)]*)\)")
_SEGMENTS = re.compile(r"[,;\n،؛]")


class PlaceNotFound(NotFound):
    """No place with this id is in the gazetteer."""

    code = "HUDNA-GAZETTEER-404"


@dataclass
class _Cand:
    pid: str
    score: float
    method: str
    matched: str


@dataclass(frozen=True)
class _Context:
    """What a context names: every P-code, and the governorates and districts among them."""

    pcodes: frozenset[str]
    admin1: frozenset[str]
    admin2: frozenset[str]
    areas: tuple[str, ...]


_NO_CONTEXT = _Context(frozenset(), frozenset(), frozenset(), ())


@dataclass
class _Flags:
    hint: str | None = None
    countryside: bool = False
    near: bool = False


class Gazetteer:
    """A loaded gazetteer with its indexes. Use :func:`hudna.gazetteer.load_gazetteer`.

    Examples
    --------
    >>> from hudna.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> gaz.get("C1007").name_en
    'Aleppo'
    >>> gaz.version.startswith("syria-ocha-2015 2015 sha256:")
    True
    """

    def __init__(self, built: BuiltGazetteer, *, admin_areas: AdminAreas | None = None) -> None:
        self.meta = dict(built.meta)
        self.name = self.meta.get("name", "gazetteer")
        self.version = f"{self.name} {self.meta.get('source_version', '?')} sha256:{self.meta.get('content_hash', '')[:12]}"
        self.places: dict[str, Place] = {p.place_id: p for p in built.places}
        self.issues: list[BuildIssue] = list(built.issues)
        self._names: dict[str, list[PlaceName]] = {}
        for n in built.names:
            self._names.setdefault(n.place_id, []).append(n)
        self._geoms = built.geometries
        self._admin_areas = admin_areas
        self._exact: dict[str, dict[str, list[str]]] = {lang: {} for lang in LANGS}
        self._automaton: Any = None
        self._build_indexes(built.names)
        self._phon = PhoneticIndex(self.places, built.names)
        self._words = {lang: load_place_words(lang) for lang in LANGS}
        self._context_cache: dict[str, _Context] = {}
        self._parts_cache: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        self._phrase_tables: dict[tuple[str, tuple[str, ...]], list[tuple[int, dict[tuple[str, ...], str]]]] = {}

    # -- indexes -------------------------------------------------------------------------------
    def _build_indexes(self, names: Sequence[PlaceName]) -> None:
        for n in names:
            if n.lang not in self._exact or n.kind == "truncated":
                continue
            mod = lang_module(n.lang)
            if n.lang == "ar":  # folded (article-less) keys are what queries look up
                variants: list[str] = [mod.fold_name(n.match_key)]
            else:
                variants = mod.name_variants(n.match_key)
            for v in variants:
                _add(self._exact[n.lang], v, n.place_id)

    # -- lookups -------------------------------------------------------------------------------
    def find(self, pcode: str) -> Place | None:
        """The place with this id (P-code), or ``None``."""
        return self.places.get(pcode)

    def get(self, pcode: str) -> Place:
        """The place with this id (P-code).

        Raises
        ------
        PlaceNotFound
            If the gazetteer has no such place.
        """
        try:
            return self.places[pcode]
        except KeyError:
            raise PlaceNotFound(f"no place {pcode!r} in gazetteer {self.version}") from None

    def names_of(self, pcode: str) -> list[PlaceName]:
        """Every indexed name of a place."""
        return list(self._names.get(pcode, ()))

    @property
    def admin_areas(self) -> AdminAreas:
        """Polygons and community points of this gazetteer (for reverse geocoding)."""
        if self._admin_areas is None:
            areas = [
                AdminArea(p.place_id, p.level, p.name_en, p.name_ar, p.parent_id, self._geoms.get(p.place_id))
                for p in self.places.values()
                if p.level in (Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT)
            ]
            comms = [
                Community(p.place_id, p.lon, p.lat, p.admin3_pcode)
                for p in self.places.values()
                if p.level == Level.COMMUNITY and p.lon is not None and p.lat is not None
            ]
            country = next((p for p in self.places.values() if p.level == Level.COUNTRY), None)
            self._admin_areas = AdminAreas(
                country.place_id if country else self.meta.get("country_pcode", ""),
                areas,
                comms,
                country_name_en=country.name_en if country else "",
                country_name_ar=country.name_ar if country else None,
            )
        return self._admin_areas

    # -- geocoding -----------------------------------------------------------------------------
    def geocode(self, name: str, lang: str = "auto", context: str | None = None) -> GeocodeResult:
        """Geocode one place name (Arabic or English).

        Parameters
        ----------
        name
            The name as written ("Teir Maaleh village", "ريف إدلب الجنوبي", "Deir-ez-Zor").
        lang
            ``"ar"``, ``"en"`` or ``"auto"`` (by script).
        context
            Text around the name (a sentence, a headline, "Homs"); places and admin areas named
            in it break ties between places of the same name.

        Returns
        -------
        GeocodeResult
            The best place with score, precision codes and up to three alternatives, or
            ``pcode=None`` with a ``reason``.

        Examples
        --------
        >>> from hudna.gazetteer import load_gazetteer
        >>> gaz = load_gazetteer()
        >>> r = gaz.geocode("Teir Maaleh village")
        >>> r.name_en, gaz.get(r.admin1_pcode).name_en, r.where_prec
        ('Tir Maallah', 'Homs', 1)
        >>> r = gaz.geocode("ريف إدلب")
        >>> r.pcode, r.level.value, r.geo_precision, r.where_prec
        ('SY07', 'governorate', 3, 4)
        >>> gaz.geocode("Blorptown village").reason is not None
        True
        """
        code = resolve_lang(name, lang)
        ctx = self._context(context) if context else _NO_CONTEXT
        return self._geocode(name, code, ctx)

    def geocode_many(
        self,
        names: Iterable[str],
        lang: str = "auto",
        context: str | None = None,
        *,
        contexts: Sequence[str | None] | None = None,
    ) -> list[GeocodeResult]:
        """:meth:`geocode` for many names; equal, name by name, to calling :meth:`geocode`.

        ``context`` is shared by all names; ``contexts`` (one per name, ``None`` for none) gives
        each name its own. Contexts are resolved once per distinct text.
        """
        names = list(names)
        if contexts is None:
            contexts = [context] * len(names)
        elif len(contexts) != len(names):
            raise ValueError("contexts must have one entry per name")
        out = []
        for name, ctx_text in zip(names, contexts, strict=True):
            code = resolve_lang(name, lang)
            ctx = self._context(ctx_text) if ctx_text else _NO_CONTEXT
            out.append(self._geocode(name, code, ctx))
        return out

    def _geocode(self, name: str, code: str, ctx: _Context) -> GeocodeResult:
        parts = self._query_parts(name, code)
        best: tuple[list[_Cand], _Flags, bool, float] | None = None
        closest: tuple[str, float] | None = None
        for i, (part, compound) in enumerate(parts):
            cands, flags, near = self._match(part, code, ctx)
            if near is not None and (closest is None or near[1] > closest[1]):
                closest = near
            if not cands:
                continue
            top = max(self._rank(c, flags, ctx) for c in cands)
            if best is None or top > best[3]:
                best = (cands, flags, compound, top)
                if i == 0 and max(c.score for c in cands) >= STAGE_SCORE["stripped"]:
                    break
        if best is None:
            reason = f"no gazetteer name matches {name!r}"
            if closest:
                reason += f" (closest: {closest[0]!r} scored {closest[1]:.0f}, below the threshold)"
            return GeocodeResult(query=name, pcode=None, reason=reason, gazetteer_version=self.version)
        cands, flags, compound, _ = best
        if compound:
            flags.near = True
        return self._answer(name, cands, flags, ctx)

    def _query_parts(self, name: str, lang: str) -> list[tuple[str, bool]]:
        """The query, then its alternatives ("A / B", "A (B)") and the places of a compound
        ("road between A and B"); the flag marks compound parts (answered as "near")."""
        cached = self._parts_cache.get((name, lang))
        if cached is not None:
            return cached
        parts: list[tuple[str, bool]] = [(name, False)]
        inner = [p for p in _PAREN.findall(name) if p.strip()]
        outer = _PAREN.sub(" ", name).strip()
        if inner:
            parts.append((outer, False))
        for chunk in [outer, *inner]:
            if "/" in chunk:
                parts += [(p.strip(), False) for p in chunk.split("/") if p.strip()]
        parts += [(p, False) for p in inner]
        key = match_key(outer, lang)
        for sub in lang_module(lang).split_compound(key.split()):
            parts.append((" ".join(sub), True))
        seen: set[str] = set()
        out = []
        for p, compound in parts:
            if p not in seen:
                seen.add(p)
                out.append((p, compound))
        if len(self._parts_cache) < 100_000:
            self._parts_cache[(name, lang)] = out
        return out

    def _match(
        self, text: str, lang: str, ctx: _Context | None = None
    ) -> tuple[list[_Cand], _Flags, tuple[str, float] | None]:
        """Candidates of one query part: exact stages first, then phonetic look-up.

        Returns the candidates, the qualifier flags and (when nothing passed the thresholds)
        the closest rejected name with its similarity.
        """
        ctx = ctx or _NO_CONTEXT
        mod = lang_module(lang)
        words = self._words[lang]
        tokens = match_key(text, lang).split()
        if not tokens:
            return [], _Flags(), None
        for i, toks in enumerate(mod.query_token_variants(tokens)):
            flags = _Flags()
            clitic = i > 0
            found = self._exact_lookup(toks, lang, "clitic" if clitic else "exact")
            if found:
                return self._with_context(found, toks, lang, ctx), flags, None
            core = self._strip(toks, words, _QUALIFIER_ROLES, flags)
            if core != toks and core:
                if flags.countryside:
                    for rif in words.roles.get("countryside", ()):
                        found = self._exact_lookup([*rif, *core], lang, "qualified")
                        if found:
                            flags.countryside = False
                            return found, flags, None
                found = self._exact_lookup(core, lang, "clitic" if clitic else "qualified")
                if found:
                    return self._with_context(found, core, lang, ctx), flags, None
            core2 = self._strip(core, words, (*_QUALIFIER_ROLES, "direction", "feature"), flags)
            if core2 != core and core2:
                found = self._exact_lookup(core2, lang, "stripped")
                if found:
                    return self._with_context(found, core2, lang, ctx), flags, None
        fl = _Flags()
        core = self._strip(tokens, words, (*_QUALIFIER_ROLES, "direction", "feature"), fl) or tokens
        if fl.countryside:  # "Rif Dimashq": the governorate whose name includes "countryside"
            for rif in words.roles.get("countryside", ()):
                found, _ = self._phonetic_lookup([*rif, *core], lang, ctx)
                found = [c for c in found if self.places[c.pid].level == Level.GOVERNORATE]
                if found:
                    fl.countryside = False
                    return found, fl, None
        found, near = self._phonetic_lookup(core, lang, ctx)
        return found, fl, near

    def _strip(self, tokens: list[str], words: PlaceWords, roles: tuple[str, ...], flags: _Flags) -> list[str]:
        """Remove qualifier phrases of ``roles`` from either end (longest first), setting flags."""
        table = self._phrase_tables.get((words.lang, roles))
        if table is None:
            by_len: dict[int, dict[tuple[str, ...], str]] = {}
            for phrase, role in words.phrases(*roles):
                by_len.setdefault(len(phrase), {}).setdefault(phrase, role)
            table = sorted(by_len.items(), reverse=True)
            self._phrase_tables[(words.lang, roles)] = table
        toks = list(tokens)
        changed = True
        while changed and len(toks) > 1:
            changed = False
            for n, phrases in table:
                if n >= len(toks):
                    continue
                role = phrases.get(tuple(toks[:n]))
                if role is not None:
                    toks = toks[n:]
                else:
                    role = phrases.get(tuple(toks[-n:]))
                    if role is None:
                        continue
                    toks = toks[:-n]
                changed = True
                if role in _HINT_LEVELS and flags.hint is None:
                    flags.hint = role
                elif role == "countryside":
                    flags.countryside = True
                elif role in ("near", "feature"):
                    flags.near = True
                break
            while len(toks) > 1 and toks[0] in ("of", "the"):
                toks = toks[1:]
        return toks

    def _exact_lookup(self, tokens: list[str], lang: str, method: str) -> list[_Cand]:
        mod = lang_module(lang)
        key = " ".join(tokens)
        folded: str = mod.fold_name(key)
        pids = self._exact[lang].get(folded)
        if not pids:
            return []
        return [_Cand(p, STAGE_SCORE[method], method, key) for p in pids]

    def _with_context(self, found: list[_Cand], tokens: list[str], lang: str, ctx: _Context) -> list[_Cand]:
        """Exact candidates, plus phonetic ones inside the context's areas when no exact
        candidate lies there (a spelling of a local place can equal a name elsewhere)."""
        if not ctx.areas:
            return found
        places = self.places
        for c in found:
            p = places[c.pid]
            if p.admin1_pcode in ctx.admin1 or c.pid in ctx.admin1:
                return found
        extra, _ = self._phonetic_lookup(tokens, lang, ctx, local_only=True)
        return found + extra

    def _phonetic_lookup(
        self, tokens: list[str], lang: str, ctx: _Context, *, local_only: bool = False
    ) -> tuple[list[_Cand], tuple[str, float] | None]:
        """Phonetic candidates (:mod:`hudna.gazetteer.phonetic`) that pass the thresholds:
        :data:`PHONETIC_THRESHOLD` anywhere, lower ones inside a district or governorate named
        by the context. Also returns the best rejected (name, similarity)."""
        vq, cq = query_keys(tokens, lang)
        if len(cq) < 2:
            return [], None
        scored = self._phon.candidates(vq, cq, ctx.areas)
        if not scored:
            return [], None
        key = " ".join(tokens)
        out: list[_Cand] = []
        rejected: tuple[str, float] | None = None
        places = self.places
        for pid, (sim, _) in scored.items():
            p = places[pid]
            if p.admin2_pcode in ctx.admin2 or pid in ctx.admin2:
                need = PHONETIC_THRESHOLD_DISTRICT
            elif p.admin1_pcode in ctx.admin1 or pid in ctx.admin1:
                need = PHONETIC_THRESHOLD_GOVERNORATE
            elif local_only:
                continue
            elif ctx.areas:
                need = PHONETIC_THRESHOLD_OUTSIDE_CONTEXT
            else:
                need = PHONETIC_THRESHOLD
            if sim >= need:
                out.append(_Cand(pid, round(sim * PHONETIC_SCALE, 1), "phonetic", key))
            elif rejected is None or sim > rejected[1]:
                rejected = (p.name_en, sim)
        return out, (None if out else rejected)

    # -- ranking -------------------------------------------------------------------------------
    def _context(self, context: str) -> _Context:
        """Places and admin areas named in a context (cached per context text)."""
        cached = self._context_cache.get(context)
        if cached is None:
            cached = self._resolve_context(context)
            if len(self._context_cache) >= 4096:
                self._context_cache.clear()
            self._context_cache[context] = cached
        return cached

    def _resolve_context(self, context: str) -> _Context:
        """P-codes named in a context: scanned names, plus short comma-separated segments
        geocoded on their own ("Ar Raqqah Governorate, Tall Abyad district")."""
        out: set[str] = set()
        for hit in self.scan(context):
            for pid in hit.place_ids:
                p = self.places.get(pid)
                if p is None:
                    continue
                out.add(pid)
                if p.level in (Level.GOVERNORATE, Level.DISTRICT) or len(hit.place_ids) == 1:
                    out.update(x for x in (p.admin1_pcode, p.admin2_pcode) if x)
        for seg in _SEGMENTS.split(context):
            seg = seg.strip()
            if not seg or len(seg) > 60:
                continue
            code = resolve_lang(seg, "auto")
            cands, flags, _ = self._match(seg, code)
            if cands and flags.hint in ("governorate", "district", "subdistrict"):
                res = self._answer(seg, cands, flags, _NO_CONTEXT, warn=False)
                out.update(x for x in (res.pcode, res.admin1_pcode, res.admin2_pcode) if x)
        places = self.places
        admin1 = frozenset(x for x in out if x in places and places[x].level == Level.GOVERNORATE)
        admin2 = frozenset(x for x in out if x in places and places[x].level == Level.DISTRICT)
        return _Context(frozenset(out), admin1, admin2, tuple(sorted(admin2)) if admin2 else tuple(sorted(admin1)))

    def _rank(self, c: _Cand, flags: _Flags, ctx: _Context) -> float:
        p = self.places[c.pid]
        bonus = 0.0
        if flags.hint is not None:
            bonus += 4.0 if p.level in _HINT_LEVELS[flags.hint] else 0.0
        if flags.countryside and p.level == Level.GOVERNORATE:
            bonus += 1.0
        bonus += _LEVEL_PREF.get(p.level, 0.0) * 0.5
        bonus += min(p.importance, 5) * 0.4
        if p.population:
            bonus += min(math.log10(max(p.population, 1)), 7.0) * 0.2
        pcodes = ctx.pcodes
        if pcodes:
            if p.admin1_pcode in pcodes:
                bonus += CONTEXT_BONUS_GOVERNORATE
            if p.admin2_pcode in pcodes:
                bonus += CONTEXT_BONUS_DISTRICT
            if p.place_id in pcodes:
                bonus += 1.0
        return c.score + bonus

    def _answer(
        self, query: str, cands: list[_Cand], flags: _Flags, ctx: _Context, *, warn: bool = True
    ) -> GeocodeResult:
        best_by_pid: dict[str, _Cand] = {}
        for c in cands:
            if c.pid not in best_by_pid or c.score > best_by_pid[c.pid].score:
                best_by_pid[c.pid] = c
        ranked = sorted(best_by_pid.values(), key=lambda c: self._rank(c, flags, ctx), reverse=True)
        top = ranked[0]
        place = self.places[top.pid]
        method = top.method
        if flags.countryside:
            gov = self.places.get(place.admin1_pcode or "")
            if gov is not None and gov.level == Level.GOVERNORATE:
                place = gov
                method += "+countryside"
        alts = tuple(
            Alternative(c.pid, self.places[c.pid].name_en, self.places[c.pid].level.value, c.score)
            for c in ranked[1:4]
            if c.pid != place.place_id
        )
        if warn and len(ranked) > 1 and self._rank(ranked[1], flags, ctx) == self._rank(top, flags, ctx):
            warnings.warn(
                f"{query!r} matches {len(ranked)} places equally well; answering {place.place_id}",
                AmbiguousPlaceWarning,
                stacklevel=3,
            )
        geo, where = precision_codes(place.level, near=flags.near)
        return GeocodeResult(
            query=query,
            pcode=place.place_id,
            name_en=place.name_en,
            name_ar=place.name_ar,
            level=place.level,
            admin1_pcode=place.admin1_pcode,
            admin2_pcode=place.admin2_pcode,
            admin3_pcode=place.admin3_pcode,
            lat=place.lat,
            lon=place.lon,
            geo_precision=geo,
            where_prec=where,
            score=round(min(top.score, 100.0), 1),
            alternatives=alts,
            matched=top.matched,
            method=method,
            gazetteer_version=self.version,
        )

    # -- reverse -------------------------------------------------------------------------------
    def reverse(self, *, lon: float, lat: float) -> ReverseResult:
        """Governorate and district (polygons) and nearest community of a point.

        Examples
        --------
        >>> from hudna.gazetteer import load_gazetteer
        >>> r = load_gazetteer().reverse(lon=36.7076, lat=34.8025)
        >>> r.admin1_pcode, r.admin2_pcode, r.community_name_en
        ('SY04', 'SY0401', 'Tir Maallah')
        """
        loc = self.admin_areas.locate(lon=lon, lat=lat)
        comm = self.places.get(loc.community_pcode or "")
        return ReverseResult(
            lon=lon,
            lat=lat,
            admin1_pcode=loc.admin1_pcode,
            admin2_pcode=loc.admin2_pcode,
            admin3_pcode=loc.admin3_pcode,
            community_pcode=loc.community_pcode,
            community_name_en=comm.name_en if comm else None,
            community_name_ar=comm.name_ar if comm else None,
            distance_m=loc.distance_m,
        )

    # -- scanning ------------------------------------------------------------------------------
    def scan(self, text: str, lang: str = "auto") -> list[ScanHit]:
        """Every gazetteer name in ``text``, with offsets into the original text.

        See :mod:`hudna.gazetteer.scan`.

        Examples
        --------
        >>> from hudna.gazetteer import load_gazetteer
        >>> hits = load_gazetteer().scan("غارات على بريف حلب وفي Deir-ez-Zor")
        >>> [h.surface for h in hits]
        ['حلب', 'Deir-ez-Zor']
        """
        from hudna.gazetteer.scan import scan_text

        return scan_text(self, text, lang)

    def exact_keys(self) -> dict[str, dict[str, list[str]]]:
        """Folded name key → place ids, per language (read-only view for the scanner)."""
        return self._exact

    def words(self, lang: str) -> PlaceWords:
        """Qualifier, facility and direction words of a language."""
        return self._words[lang]


def _add(index: dict[str, list[str]], key: str, pid: str) -> None:
    lst = index.setdefault(key, [])
    if pid not in lst:
        lst.append(pid)



