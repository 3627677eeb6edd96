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

import dataclasses
import gc
import json
import logging
import math
import operator
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from hudna.domain.place import Level
from hudna.errors import AmbiguousPlaceWarning, NotFound
from hudna.gazetteer.build import BuiltGazetteer, apply_layer, exclude_records
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
from hudna.gazetteer.phonetic import PhoneticIndex, _usable, query_keys
from hudna.gazetteer.phonetic import clear_caches as clear_phonetic_caches
from hudna.gazetteer.words import PlaceWords, load_place_words, with_compound_spellings
from hudna.geo.admin import AdminArea, AdminAreas, Community
from hudna.text.normalize import LANGS, lang_module, match_key, resolve_lang
from hudna.text.slots import slot_builder

__all__ = ["FUZZY_THRESHOLD", "PHONETIC_THRESHOLD", "Gazetteer", "PlaceNotFound"]

log = logging.getLogger(__name__)

#: Lowest phonetic similarity (0–100, :func:`hudna.gazetteer.phonetic.similarity`) accepted
#: for a place anywhere; lower ones inside a governorate or district named by the context.
PHONETIC_THRESHOLD = 86.0
PHONETIC_THRESHOLD_GOVERNORATE = 80.0
PHONETIC_THRESHOLD_DISTRICT = 80.0
#: When the context names areas, a place outside all of them needs this similarity.
PHONETIC_THRESHOLD_OUTSIDE_CONTEXT = 92.0
#: Candidates of the context's areas below every threshold are not kept (nothing could take them).
_MIN_LOCAL = min(PHONETIC_THRESHOLD, PHONETIC_THRESHOLD_GOVERNORATE, PHONETIC_THRESHOLD_DISTRICT)
#: Kept for compatibility: the old name of :data:`PHONETIC_THRESHOLD`.
FUZZY_THRESHOLD = PHONETIC_THRESHOLD
#: Phonetic similarity is scaled below the exact stages (an equal phonetic key scores 95).
PHONETIC_SCALE = 0.95
#: Ranking bonus of a candidate inside a governorate / district named by the context.
CONTEXT_BONUS_GOVERNORATE = 6.0
CONTEXT_BONUS_DISTRICT = 8.0
#: ... and inside a sub-district named by the context (UCDP's "Dayr Hafir district").
CONTEXT_BONUS_SUBDISTRICT = 3.0
#: Bonus of a candidate of the admin level the query names ("Homs province") among the best
#: matches, when a context is given: more than all context bonuses together (the query's own
#: word wins).
HINT_OVER_CONTEXT = 20.0
#: A strict context's governorate also admits the places this close to its boundary (metres).
CONTEXT_BORDER_M = 10_000.0
#: Score of each stage when it matches (phonetic scores are computed).
STAGE_SCORE = {"exact": 100.0, "qualified": 99.0, "stripped": 96.0, "clitic": 97.0}
#: A first query part whose best candidate scores this much ends the search of the parts.
_STRIPPED_SCORE = STAGE_SCORE["stripped"]
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
#: Hints naming an admin level (see :data:`HINT_OVER_CONTEXT`).
_ADMIN_HINTS = frozenset({"subdistrict", "district", "governorate"})
_QUALIFIER_ROLES = ("community", "neighbourhood", "subdistrict", "district", "governorate", "countryside", "near")
_ALL_ROLES = (*_QUALIFIER_ROLES, "direction", "feature")
#: The fields of a GeocodeResult in the order :meth:`Gazetteer._answer` passes them.
_SECOND = operator.itemgetter(1)
_SCORE = operator.attrgetter("score")
_ADMIN1_OF = operator.attrgetter("admin1_pcode")
_ADMIN2_OF = operator.attrgetter("admin2_pcode")
_ADMIN3_OF = operator.attrgetter("admin3_pcode")
_RESULT_FIELDS = (
    "query", "pcode", "name_en", "name_ar", "level", "admin1_pcode", "admin2_pcode", "admin3_pcode", "lat", "lon",
    "geo_precision", "where_prec", "score", "alternatives", "reason", "matched", "method", "gazetteer_version",
)
#: The values of a place in a GeocodeResult (``_RESULT_FIELDS[1:10]``).
_PlaceFields = tuple[str, str, str | None, Level, str | None, str | None, str | None, float | None, float | None]
if tuple(f.name for f in dataclasses.fields(GeocodeResult)) != _RESULT_FIELDS:  # pragma: no cover
    raise ImportError("GeocodeResult's fields changed: update _RESULT_FIELDS and Gazetteer._answer")
_ALT_FIELDS = ("pcode", "name_en", "level", "score")
if tuple(f.name for f in dataclasses.fields(Alternative)) != _ALT_FIELDS:  # pragma: no cover
    raise ImportError("Alternative's fields changed: update _ALT_FIELDS")
#: Answers and alternatives are built through their slots (:func:`slot_builder`: an answer has
#: 18 fields, a geocoding call makes one per name; the classes have no ``__post_init__``, a test
#: compares the two ways).
_make_result: Callable[..., GeocodeResult] = slot_builder(GeocodeResult, _RESULT_FIELDS)
_alternative: Callable[[str, str, str, float], Alternative] = slot_builder(Alternative, _ALT_FIELDS)
_PAREN = re.compile(r"\(([^)]*)\)")
_SEGMENTS = re.compile(r"[,;\n،؛]")


class PlaceNotFound(NotFound):
    """No place with this id is in the gazetteer."""

    code = "HUDNA-GAZETTEER-404"


@dataclass(slots=True)
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
    admin3: frozenset[str] = frozenset()
    #: Every segment of the context names an admin area with its level word ("Ar Rastan
    #: district, Homs Governorate", as event files code it): the context asserts where the
    #: place is, and a place outside its governorates is no answer.
    strict: bool = False


_NO_CONTEXT = _Context(frozenset(), frozenset(), frozenset(), ())


#: (hint, countryside, near): the level hint of the qualifier words, "countryside" (answer
#: with the governorate) and "near" (outskirts, a facility or a compound's place); a tuple
#: (made anew only when a qualifier sets a flag): cheaper to make, compare and hash than an object.
_FlagTuple = tuple[str | None, bool, bool]
_NO_FLAGS: _FlagTuple = (None, False, False)


#: What the exact stages make of one query part (independent of the context; never changed
#: once made): ``(flags, exact, ctx_tokens, core, rif, keys, empty)``. ``exact``: their
#: candidates (``ctx_tokens``: the words to look up phonetically inside the context's areas
#: when none of them lies there; ``None``: answer as found), or ``None`` and the ``core`` words
#: (and "countryside" readings ``rif``) for the phonetic stage, with the core's phonetic query
#: keys (``keys``, asked by the plan and by the look-up alike); ``empty``: the part has no
#: words. A plain tuple, unpacked by its users: a dataclass costs several times as much to make
#: (a thousand analyses per call).
_Prep = tuple[
    _FlagTuple,
    list[_Cand] | None,
    tuple[str, ...] | None,
    tuple[str, ...],
    tuple[tuple[str, ...], ...],
    tuple[str, str],
    bool,
]
_EMPTY_PREP: _Prep = (_NO_FLAGS, None, None, (), (), ("", ""), True)
#: Qualifier phrases of some roles: (length, phrase words -> role, their first words, their
#: last words) longest first, and the words any phrase starts and ends with
#: (:meth:`Gazetteer._phrase_table`).
_PhraseTable = tuple[
    list[tuple[int, dict[tuple[str, ...], str], frozenset[str], frozenset[str]]], frozenset[str], frozenset[str]
]


class _Plan:
    """Phonetic look-ups to run in one batch: area searches and (keys, areas) queries."""

    __slots__ = ("queries", "requests")

    def __init__(self) -> None:
        self.requests: dict[tuple[str, str], dict[str, None]] = {}
        self.queries: dict[tuple[str, str, tuple[str, ...]], None] = {}

    def want(self, keys: tuple[str, str], areas: tuple[str, ...]) -> None:
        vq, cq = keys
        if not _usable(vq, cq):
            return
        self.queries[(vq, cq, areas)] = None
        for area in areas:
            if vq:
                self.requests.setdefault((area, "v"), {})[vq] = None
            else:
                self.requests.setdefault((area, "c"), {})[cq] = None


class _Memo:
    """Work shared by the names of one geocoding call (never kept across calls): query parts,
    their analyses, phonetic query keys and the area searches of the phonetic index."""

    __slots__ = ("cands", "exact", "hits", "keys", "mkeys", "parts", "preps", "rounded", "segments")

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        #: match keys of query texts computed by :meth:`Gazetteer._query_parts` (the whole
        #: query's, needed again by its analysis)
        self.mkeys: dict[tuple[str, str], str] = {}
        self.preps: dict[tuple[str, str], _Prep] = {}
        self.keys: dict[tuple[tuple[str, ...], str], tuple[str, str]] = {}
        self.hits: dict[tuple[str, str, str], tuple[int, ...]] = {}
        self.cands: dict[tuple[str, str, tuple[str, ...]], dict[str, tuple[float, int]]] = {}
        self.segments: dict[str, tuple[str, ...]] = {}
        #: ``round(x, 1)`` of the scores met (it formats the float: ~1 us, and scores repeat)
        self.rounded: dict[float, float] = {}
        #: :meth:`Gazetteer._phonetic_exact` by (keys, id of the context, flags): the plan and
        #: the look-up ask the same (the call's contexts live as long as the memo)
        self.exact: dict[tuple[str, str, int, tuple[str | None, bool, bool]], dict[str, tuple[float, int]] | None] = {}

    def round1(self, x: float) -> float:
        """``round(x, 1)``, memoised."""
        r = self.rounded.get(x)
        if r is None:
            r = self.rounded[x] = round(x, 1)
        return r

    def query_keys(self, tokens: Sequence[str], lang: str) -> tuple[str, str]:
        k = (tuple(tokens), lang)
        out = self.keys.get(k)
        if out is None:
            out = self.keys[k] = query_keys(list(tokens), lang)
        return out


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
        self._built = built
        self.meta = dict(built.meta)
        self.name = self.meta.get("name", "gazetteer")
        self.version = f"{self.name} {self.meta.get('source_version', '?')} sha256:{self.meta.get('content_hash', '')[:12]}"
        #: Layers applied over the base (:func:`hudna.gazetteer.build.apply_layer`), in order.
        self.layers: list[dict[str, str]] = json.loads(self.meta.get("layers", "[]"))
        for layer in self.layers:
            self.version += f" + {layer.get('name', 'layer')} sha256:{layer.get('content_hash', '')[:12]}"
        if self.meta.get("excluded_names"):
            self.version += f" - {self.meta['excluded_names']} learned names"
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
        for table in self._exact.values():  # tuples: untracked by the garbage collector
            for k, v in table.items():
                table[k] = tuple(v)  # type: ignore[assignment]
        self._phon = PhoneticIndex(self.places, built.names)
        self._words = {lang: load_place_words(lang) for lang in LANGS}
        self._lang_mods = {lang: lang_module(lang) for lang in LANGS}
        self._context_cache: dict[str, _Context] = {}
        self._centre: dict[str, str | None] = {}
        self._rank_static = self._static_ranks()
        self._alt_info = {pid: (p.name_en, p.level.value) for pid, p in self.places.items()}
        #: :meth:`_place_answer` by place id (filled as answers land on places)
        self._answer_fields: dict[str, tuple[_PlaceFields, tuple[int, int], tuple[int, int]]] = {}
        self._phrase_tables: dict[tuple[str, tuple[str, ...]], _PhraseTable] = {}
        self._strip_by_lang: dict[str, tuple[_PhraseTable, _PhraseTable]] = {}

    # -- indexes -------------------------------------------------------------------------------
    def _build_indexes(self, names: Sequence[PlaceName]) -> None:
        for n in names:
            if n.lang not in self._exact or n.kind == "truncated":
                continue
            # with the other spelling of a name opening with a head written joined or apart
            # ("كفر نبل" / "كفرنبل")
            for v in with_compound_spellings(lang_module(n.lang).index_keys(n.match_key), n.lang):
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

    def clear_caches(self) -> None:
        """Forget what earlier calls computed: resolved contexts and the memoised pure
        functions of query words (folded names, phonetic keys). Benchmarks call it before each
        timed pass, so every pass meets its names for the first time."""
        self._context_cache.clear()
        clear_phonetic_caches()
        for lang in LANGS:
            lang_module(lang).clear_caches()

    # -- layers and learning -------------------------------------------------------------------
    @property
    def built(self) -> BuiltGazetteer:
        """The built gazetteer (places, names, records) this one was loaded from."""
        return self._built

    def with_layer(self, layer: BuiltGazetteer) -> Gazetteer:
        """A new gazetteer: this one with a layer applied
        (:func:`hudna.gazetteer.build.apply_layer`), sharing its admin areas."""
        return Gazetteer(apply_layer(self._built, layer), admin_areas=self._admin_areas)

    def excluding_records(self, record_ids: Iterable[str]) -> Gazetteer:
        """This gazetteer without the names learned only from ``record_ids`` (coded events,
        :mod:`hudna.gazetteer.learn`); ``self`` when none were learned from them. The version
        says how many names were left out."""
        built, dropped = exclude_records(self._built, record_ids)
        if not dropped:
            return self
        return Gazetteer(built, admin_areas=self._admin_areas)

    def learned_name_count(self) -> int:
        """How many names of this gazetteer were learned from coded events."""
        return sum(1 for names in self._names.values() for n in names if n.kind == "learned")

    def learnable_names(self, text: str) -> list[str]:
        """The names a coded place string teaches (:mod:`hudna.gazetteer.learn`): each of its
        alternatives without qualifier words ("Handarat village" → "Handarat"; "Kobane/Ayn al
        Arab town" → "Kobane", "Ayn al Arab"), facility words kept ("Hamah Military Airport");
        ``[]`` for compounds ("road between A and B") and admin areas ("Eastern Hamah
        Governorate", "Idlib countryside")."""
        lang = "en"
        parts = self._query_parts(text, lang)
        if any(compound for _, compound in parts):
            return []
        alts = [p for p, _ in parts[1:]] or [parts[0][0]]
        words = self._words[lang]
        out: list[str] = []
        for alt in alts:
            tokens = match_key(alt, lang).split()
            core, (hint, countryside, _) = self._strip(tokens, words, _QUALIFIER_ROLES)
            if not core or countryside or hint in ("governorate", "district", "subdistrict"):
                continue
            display = " ".join(t[:1].upper() + t[1:] for t in core)
            if display not in out:
                out.append(display)
        return out

    def communities_near(self, *, lon: float, lat: float, radius_m: float) -> list[tuple[str, float]]:
        """Communities within ``radius_m`` metres of a point, nearest first, with distances
        (:meth:`hudna.geo.admin.AdminAreas.communities_within`)."""
        return self.admin_areas.communities_within(lon=lon, lat=lat, radius_m=radius_m)

    def name_similarity(self, text: str, pcode: str, lang: str = "en") -> float:
        """Best phonetic similarity (0–100) of ``text``'s core words and a place's names."""
        _, _, _, core, _, _, _ = self._analyse(text, lang)
        core = core or tuple(match_key(text, lang).split())
        vq, cq = query_keys(list(core), lang)
        return self._phon.place_similarity(vq, cq, pcode)

    # -- geocoding -----------------------------------------------------------------------------
    def geocode(self, name: str, lang: str = "auto", context: str | None = None, *, warn: bool = True) -> GeocodeResult:
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
        warn
            Raise :class:`~hudna.errors.AmbiguousPlaceWarning` when the answer ties with another
            place (``False``: only the alternatives say so, for callers that read them).

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
        return self._geocode(name, code, ctx, _Memo(), warn=warn)

    def geocode_many(
        self,
        names: Iterable[str],
        lang: str = "auto",
        context: str | None = None,
        *,
        contexts: Sequence[str | None] | None = None,
        warn: bool = True,
    ) -> list[GeocodeResult]:
        """:meth:`geocode` for many names; equal, name by name, to calling :meth:`geocode`.

        ``context`` is shared by all names; ``contexts`` (one per name, ``None`` for none) gives
        each name its own. Contexts are resolved once per distinct text, each query part is
        analysed once per call, and the fuzzy searches inside the context's areas (the costly
        part of the phonetic stage) run batched: one rapidfuzz ``cdist`` per area for all the
        names of the call that need it. ``warn`` as in :meth:`geocode`.
        """
        names = list(names)
        if contexts is None:
            contexts = [context] * len(names)
        elif len(contexts) != len(names):
            raise ValueError("contexts must have one entry per name")
        # The call makes many short-lived objects and no reference cycles (they are freed by
        # reference counting); a collection during it would only walk the loaded gazetteer
        # (~80,000 objects, tens of ms). Collections resume after it, as timeit does.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._geocode_batch(names, lang, contexts, warn)
        finally:
            if enabled:
                gc.enable()

    def _geocode_batch(
        self, names: list[str], lang: str, contexts: Sequence[str | None], warn: bool = True
    ) -> list[GeocodeResult]:
        memo = _Memo()
        ctx_of: dict[str | None, _Context] = {None: _NO_CONTEXT, "": _NO_CONTEXT}
        new = [c for c in dict.fromkeys(contexts) if c and c not in self._context_cache]
        if new:  # the segments of the new contexts: analysed and scored in one batch
            plan = _Plan()
            for c in new:
                for seg in self._segments(c):
                    self._plan_part(seg, resolve_lang(seg, "auto"), _NO_CONTEXT, 0, plan, memo)
            self._run_plan(plan, memo)
        jobs: list[tuple[str, str, _Context]] = []
        fixed = resolve_lang("", lang) if lang != "auto" and names else None  # one language for all names
        for name, ctx_text in zip(names, contexts, strict=True):
            ctx = ctx_of.get(ctx_text)
            if ctx is None:
                ctx = ctx_of[ctx_text] = self._context(ctx_text, memo)  # type: ignore[arg-type]
            jobs.append((name, fixed or resolve_lang(name, lang), ctx))
        plan = _Plan()
        for name, code, ctx in jobs:
            for i, (part, _) in enumerate(self._query_parts(name, code, memo)):
                if self._plan_part(part, code, ctx, i, plan, memo):
                    break
        self._run_plan(plan, memo)
        return [self._geocode(name, code, ctx, memo, warn=warn) for name, code, ctx in jobs]

    def _plan_part(self, part: str, code: str, ctx: _Context, i: int, plan: _Plan, memo: _Memo) -> bool:
        """Add the phonetic look-ups that :meth:`_match` will make for query part ``i`` to
        ``plan``; ``True`` when the part ends its query's parts (an exact answer of the first).

        Mirrors :meth:`_geocode`/:meth:`_match`: a part answered by an exact stage needs only
        the local look-up of :meth:`_with_context`; any other part needs the phonetic look-up
        of its core (and of its "countryside" readings). A look-up missed here is made on
        demand, so the plan only affects speed.
        """
        flags, exact, ctx_tokens, _, rif, keys, empty = self._prep(part, code, memo)
        if empty:
            return False
        if exact is not None:
            if ctx.areas and ctx_tokens is not None and not self._in_context(exact, ctx):
                plan.want(memo.query_keys(ctx_tokens, code), ctx.areas)
            return i == 0
        for toks in rif:
            plan.want(memo.query_keys(toks, code), ctx.areas)
        if self._phonetic_exact_memo(*keys, ctx, flags, memo) is None:
            plan.want(keys, ctx.areas)
        return False

    def _run_plan(self, plan: _Plan, memo: _Memo) -> None:
        """The planned area searches (one ``cdist`` per area and key kind) and candidate
        scorings (vectorised over all queries), into ``memo``."""
        if plan.requests:
            self._phon.prefetch(plan.requests, memo.hits)
        todo = [q for q in plan.queries if q not in memo.cands]
        if len(todo) == 1:
            memo.cands[todo[0]] = self._phon.candidates(*todo[0], memo.hits, min_local=_MIN_LOCAL)
        elif todo:
            for q, res in zip(todo, self._phon.candidates_many(todo, memo.hits, min_local=_MIN_LOCAL), strict=True):
                memo.cands[q] = res

    def _geocode(
        self, name: str, code: str, ctx: _Context, memo: _Memo | None = None, *, warn: bool = True
    ) -> GeocodeResult:
        memo = memo or _Memo()
        parts = self._query_parts(name, code, memo)
        best: tuple[list[_Cand], _FlagTuple, bool, float, list[float]] | None = None
        closest: tuple[str, float] | None = None
        outside: list[_Cand] = []
        for i, (part, compound) in enumerate(parts):
            cands, flags, near = self._match(part, code, ctx, memo)
            if near is not None and (closest is None or near[1] > closest[1]):
                closest = near
            if cands and ctx.strict:
                cands, out = self._split_by_context(cands, ctx)
                outside += out
            if not cands:
                continue
            ranks = self._ranks(cands, flags, ctx)
            top = max(ranks)
            if best is None or top > best[3]:
                best = (cands, flags, compound, top, ranks)
                if i == 0 and _best_score(cands) >= _STRIPPED_SCORE:
                    break
        if best is None:
            if outside:
                return self._outside_context(name, outside, ctx)
            reason = f"no gazetteer name matches {name!r}"
            if closest:
                reason += f" (closest: {closest[0]!r} scored {closest[1]:.0f}, below the threshold)"
            return GeocodeResult(query=name, pcode=None, reason=reason, gazetteer_version=self.version)
        cands, flags, compound, _, ranks = best
        if compound:
            flags = (flags[0], flags[1], True)
        return self._answer(name, cands, flags, ctx, warn=warn, ranks=ranks, outside=outside, memo=memo)

    def _split_by_context(self, cands: list[_Cand], ctx: _Context) -> tuple[list[_Cand], list[_Cand]]:
        """Candidates inside the governorates of a strict context (or wider than one: the
        country, a region across governorates), or within :data:`CONTEXT_BORDER_M` of one of
        them (event files code admin areas from other boundaries than OCHA's: a village by the
        border may be coded in the neighbouring governorate), and the others."""
        inside: list[_Cand] = []
        outside: list[_Cand] = []
        places, admin1, static = self.places, ctx.admin1, self._rank_static
        areas: AdminAreas | None = None  # fetched when a candidate lies outside them
        for c in cands:
            a1 = static[c.pid][1]
            if a1 is None or a1 in admin1 or c.pid in admin1:
                inside.append(c)
                continue
            p = places[c.pid]
            if p.lon is None or p.lat is None:
                outside.append(c)
                continue
            if areas is None:
                areas = self.admin_areas
            if areas.near_any(admin1, lon=p.lon, lat=p.lat, radius_m=CONTEXT_BORDER_M):
                inside.append(c)
            else:
                outside.append(c)
        if outside and inside:
            # a better match elsewhere: a weak one of the governorate (admitted by its lower
            # threshold) is no answer either; one of the context's district still is
            weak = PHONETIC_THRESHOLD * PHONETIC_SCALE
            inside = [
                c for c in inside
                if c.method != "phonetic" or c.score >= weak or self._rank_static[c.pid][2] in ctx.admin2
            ]
        return inside, outside

    def _outside_context(self, name: str, outside: list[_Cand], ctx: _Context) -> GeocodeResult:
        """"Not found": every match lies outside the governorates the context asserts; the best
        of them are the alternatives, and the reason names the first."""
        ranked = _best_per_place(outside)
        info = self._alt_info
        alts = tuple(Alternative(c.pid, *info[c.pid], c.score) for c in ranked[:3])
        top = self.places[ranked[0].pid]
        gov = self.places.get(top.admin1_pcode or "")
        named = ", ".join(sorted(self.places[a].name_en for a in ctx.admin1))
        reason = (
            f"no place named {name!r} in {named} (the context's governorate); the best match, "
            f"{top.name_en!r} ({top.place_id}, scored {ranked[0].score:.0f}), is in "
            f"{gov.name_en if gov is not None else 'another governorate'}"
        )
        return GeocodeResult(query=name, pcode=None, alternatives=alts, reason=reason, gazetteer_version=self.version)

    def _query_parts(self, name: str, lang: str, memo: _Memo | None = None) -> list[tuple[str, bool]]:
        """The query, then its alternatives ("A / B", "A (B)") and the places of a compound
        ("road between A and B"); the flag marks compound parts (answered as "near")."""
        if memo is not None:
            cached = memo.parts.get((name, lang))
            if cached is not None:
                return cached
        if "(" not in name and "/" not in name:  # most queries: the name and its compound parts
            outer = name.strip()
            key = match_key(outer, lang)
            if memo is not None:
                memo.mkeys[(outer, lang)] = key
            out = [(name, False)]
            for sub in lang_module(lang).split_compound(key.split()):
                p = " ".join(sub)
                if all(p != q for q, _ in out):
                    out.append((p, True))
            if memo is not None:
                memo.parts[(name, lang)] = out
            return out
        parts: list[tuple[str, bool]] = [(name, False)]
        if "(" in name:
            inner = [p for p in _PAREN.findall(name) if p.strip()]
            outer = _PAREN.sub(" ", name).strip()
        else:
            inner, outer = [], name.strip()
        if inner:
            parts.append((outer, False))
        for chunk in [outer, *inner]:
            if "/" in chunk:
                parts += [(p.strip(), False) for p in chunk.split("/") if p.strip()]
        parts += [(p, False) for p in inner]
        key = match_key(outer, lang)
        if memo is not None:
            memo.mkeys[(outer, lang)] = key
        for sub in lang_module(lang).split_compound(key.split()):
            parts.append((" ".join(sub), True))
        seen: set[str] = set()
        out = []
        for p, compound in parts:
            if p not in seen:
                seen.add(p)
                out.append((p, compound))
        if memo is not None:
            memo.parts[(name, lang)] = out
        return out

    def _prep(self, text: str, lang: str, memo: _Memo | None = None) -> _Prep:
        """The context-independent analysis of one query part (memoised per call): the answer
        of the exact stages, or the core words for the phonetic stage."""
        if memo is not None:
            cached = memo.preps.get((text, lang))
            if cached is not None:
                return cached
        prep = self._analyse(text, lang, None if memo is None else memo.mkeys.get((text, lang)))
        if memo is not None:
            memo.preps[(text, lang)] = prep
        return prep

    def _analyse(self, text: str, lang: str, key: str | None = None) -> _Prep:
        """:meth:`_prep` without the memo (``key``: ``match_key(text, lang)`` when known).

        Each stage looks its words' folded key (``fold_tokens``) up in the exact index, inline
        (a thousand analyses per call).
        """
        mod = self._lang_mods[lang]
        words = self._words[lang]
        tokens = (match_key(text, lang) if key is None else key).split()
        if not tokens:
            return _EMPTY_PREP
        fold, table = mod.fold_tokens, self._exact[lang]
        qualifiers, all_words = self._strip_tables(words)
        first: tuple[list[str], _FlagTuple] | None = None
        for i, toks in enumerate(mod.query_token_variants(tokens)):
            clitic = i > 0
            pids = table.get(fold(toks))
            if pids:
                return _exact_prep(_NO_FLAGS, pids, "clitic" if clitic else "exact", toks, tuple(toks))
            # (stripping only removes words: a core of another length is another span)
            core, flags = _strip_phrases(toks, qualifiers, _NO_FLAGS)
            if len(core) != len(toks) and core:
                if flags[1]:  # countryside
                    for rif in words.roles.get("countryside", ()):
                        reading = [*rif, *core]
                        pids = table.get(fold(reading))
                        if pids:
                            return _exact_prep((flags[0], False, flags[2]), pids, "qualified", reading, None)
                pids = table.get(fold(core))
                if pids:
                    return _exact_prep(flags, pids, "clitic" if clitic else "qualified", core, tuple(core))
            core2, flags = _strip_phrases(core, all_words, flags)
            if len(core2) != len(core) and core2:
                pids = table.get(fold(core2))
                if pids:
                    return _exact_prep(flags, pids, "stripped", core2, tuple(core2))
            if i == 0:
                first = (core2, flags)
        # the phonetic stage takes the words as written without their qualifier, direction and
        # facility words (the first reading's, stripped above)
        assert first is not None
        core, fl = first
        core = core or tokens
        rif_readings: tuple[tuple[str, ...], ...] = ()
        if fl[1]:  # "Rif Dimashq": the governorate whose name includes "countryside"
            rif_readings = tuple((*rif, *core) for rif in words.roles.get("countryside", ()))
        # the core's phonetic query keys (phonetic.query_keys, without its two calls)
        keys: tuple[str, str] = mod.phonetic_query_keys(" ".join(core))
        return (fl, None, None, tuple(core), rif_readings, keys, False)

    def _match(
        self, text: str, lang: str, ctx: _Context | None = None, memo: _Memo | None = None
    ) -> tuple[list[_Cand], _FlagTuple, tuple[str, float] | None]:
        """Candidates of one query part: exact stages first, then phonetic look-up.

        Returns the candidates, the qualifier flags and (when nothing passed the thresholds)
        the closest rejected name with its similarity.
        """
        ctx = ctx or _NO_CONTEXT
        flags, exact, ctx_tokens, core, rifs, keys, empty = self._prep(text, lang, memo)
        if empty:
            return [], _NO_FLAGS, None
        if exact is not None:
            found = list(exact)
            if ctx_tokens is not None:
                found = self._with_context(found, ctx_tokens, lang, ctx, memo)
            return found, flags, None
        for rif in rifs:
            found, _ = self._phonetic_lookup(rif, lang, ctx, memo)
            found = [c for c in found if self.places[c.pid].level == Level.GOVERNORATE]
            if found:
                return found, (flags[0], False, flags[2]), None
        found, near = self._phonetic_lookup(core, lang, ctx, memo, flags=flags, keys=keys)
        return found, flags, near

    def _strip(self, tokens: list[str], words: PlaceWords, roles: tuple[str, ...]) -> tuple[list[str], _FlagTuple]:
        """Remove qualifier phrases of ``roles`` from either end (longest first); the words left
        and the flags the phrases set."""
        return _strip_phrases(tokens, self._phrase_table(words, roles), _NO_FLAGS)

    def _strip_tables(self, words: PlaceWords) -> tuple[_PhraseTable, _PhraseTable]:
        """The phrase tables of the qualifier roles and of all roles (looked up by language:
        hashing the roles' tuple for every analysis cost more than the look-up)."""
        out = self._strip_by_lang.get(words.lang)
        if out is None:
            out = self._strip_by_lang[words.lang] = (
                self._phrase_table(words, _QUALIFIER_ROLES), self._phrase_table(words, _ALL_ROLES)
            )
        return out

    def _phrase_table(self, words: PlaceWords, roles: tuple[str, ...]) -> _PhraseTable:
        """The phrases of ``roles`` by length (longest first), with their first and last words."""
        entry = self._phrase_tables.get((words.lang, roles))
        if entry is None:
            by_len: dict[int, dict[tuple[str, ...], str]] = {}
            for phrase, phrase_role in words.phrases(*roles):
                by_len.setdefault(len(phrase), {}).setdefault(phrase, phrase_role)
            table = [
                (n, ps, frozenset(p[0] for p in ps), frozenset(p[-1] for p in ps))
                for n, ps in sorted(by_len.items(), reverse=True)
            ]
            firsts = frozenset(w for _, _, fs, _ in table for w in fs)
            lasts = frozenset(w for _, _, _, ls in table for w in ls)
            entry = self._phrase_tables[(words.lang, roles)] = (table, firsts, lasts)
        return entry


    def _in_context(self, found: Sequence[_Cand], ctx: _Context) -> bool:
        places, admin1 = self.places, ctx.admin1
        for c in found:  # noqa: SIM110 (a loop: no generator per call)
            if places[c.pid].admin1_pcode in admin1 or c.pid in admin1:
                return True
        return False

    def _with_context(
        self, found: list[_Cand], tokens: Sequence[str], lang: str, ctx: _Context, memo: _Memo | None = None
    ) -> list[_Cand]:
        """Exact candidates, plus phonetic ones inside the context's areas when no exact
        candidate lies there (a spelling of a local place can equal a name elsewhere)."""
        if not ctx.areas or self._in_context(found, ctx):
            return found
        extra, _ = self._phonetic_lookup(tokens, lang, ctx, memo, local_only=True)
        return found + extra

    def _phonetic_exact_memo(
        self, vq: str, cq: str, ctx: _Context, flags: tuple[str | None, bool, bool], memo: _Memo
    ) -> dict[str, tuple[float, int]] | None:
        """:meth:`_phonetic_exact`, memoised in ``memo``."""
        key = (vq, cq, id(ctx), flags)
        try:
            return memo.exact[key]
        except KeyError:
            out = memo.exact[key] = self._phonetic_exact(vq, cq, ctx, flags)
            return out

    def _phonetic_exact(self, vq: str, cq: str, ctx: _Context, flags: _FlagTuple) -> dict[str, tuple[float, int]] | None:
        """The places whose names have exactly the query's phonetic keys (at no penalty), when
        no other phonetic candidate could outrank them; else ``None`` (search as usual).

        Any other candidate is at least 4.75 points less similar after
        :data:`PHONETIC_SCALE` (one vowel-key letter of a six-letter key), more than the level
        and size bonuses of :meth:`_rank` can add (3.5 at most with OCHA's importance); the
        context bonuses are equal when an exact place lies in the context's most specific area
        (sub-district, else district, else governorate) or when there is no context. A level
        hint that no exact place meets, or "countryside", is left to the full search."""
        hint, countryside, _ = flags
        if countryside:
            return None
        entries = self._phon.exact_entries(vq, cq)
        if not entries:
            return None
        places = self.places
        phon_pids = self._phon.pids
        hit = [places[phon_pids[i]] for i in entries]
        # (loops, not any() of a generator: this runs for most queries of a call)
        if hint is not None:
            levels = _HINT_LEVELS[hint]
            for p in hit:
                if p.level in levels:
                    break
            else:
                return None
        if ctx.pcodes:
            if ctx.admin3:
                area_of, areas = _ADMIN3_OF, ctx.admin3
            elif ctx.admin2:
                area_of, areas = _ADMIN2_OF, ctx.admin2
            elif ctx.admin1:
                area_of, areas = _ADMIN1_OF, ctx.admin1
            else:
                return None  # the context names places but no area: their bonus is uneven
            for p in hit:
                if area_of(p) in areas:
                    break
            else:
                return None
        return self._phon.exact_candidates(vq, cq, entries)

    def _phonetic_lookup(
        self,
        tokens: Sequence[str],
        lang: str,
        ctx: _Context,
        memo: _Memo | None = None,
        *,
        local_only: bool = False,
        flags: tuple[str | None, bool, bool] | None = None,
        keys: tuple[str, str] | None = None,
    ) -> tuple[list[_Cand], tuple[str, float] | None]:
        """Phonetic candidates (:mod:`hudna.gazetteer.phonetic`) that pass the thresholds:
        :data:`PHONETIC_THRESHOLD` anywhere, lower ones inside a district or governorate named
        by the context. Also returns the best rejected (name, similarity).

        When places have exactly the query's keys where no other phonetic candidate could
        outrank them (:meth:`_phonetic_exact`, under the qualifier ``flags``), they are the
        candidates and the fuzzy search is not made. ``keys``: the words' query keys, when
        known."""
        memo = memo or _Memo()
        vq, cq = memo.query_keys(tokens, lang) if keys is None else keys
        if not _usable(vq, cq):
            return [], None
        qkey = (vq, cq, ctx.areas)
        scored = None
        if not local_only and flags is not None:  # decided first, as the plan decides it
            scored = self._phonetic_exact_memo(vq, cq, ctx, flags, memo)
        if scored is None:
            scored = memo.cands.get(qkey)
        if scored is None:
            scored = memo.cands[qkey] = self._phon.candidates(vq, cq, ctx.areas, memo.hits, min_local=_MIN_LOCAL)
        if not scored:
            return [], None
        key = " ".join(tokens)
        out: list[_Cand] = []
        rejected: tuple[str, float] | None = None
        static = self._rank_static
        admin1, admin2 = ctx.admin1, ctx.admin2
        if local_only:
            elsewhere = math.inf
        elif ctx.areas:
            elsewhere = PHONETIC_THRESHOLD_OUTSIDE_CONTEXT
        else:
            elsewhere = PHONETIC_THRESHOLD
        # candidates come best first: below the lowest threshold nothing more can pass, and the
        # first rejected one is the closest
        lowest = PHONETIC_THRESHOLD_DISTRICT
        rounded = memo.rounded
        for pid, (sim, _) in scored.items():
            _, a1, a2, _, _ = static[pid]
            if a2 in admin2 or pid in admin2:
                need = PHONETIC_THRESHOLD_DISTRICT
            elif a1 in admin1 or pid in admin1:
                need = PHONETIC_THRESHOLD_GOVERNORATE
            elif local_only:
                if sim < lowest:
                    break
                continue
            else:
                need = elsewhere
            if sim >= need:
                x = sim * PHONETIC_SCALE
                score = rounded.get(x)
                if score is None:
                    score = rounded[x] = round(x, 1)
                out.append(_Cand(pid, score, "phonetic", key))
            else:
                if rejected is None:
                    rejected = (self.places[pid].name_en, sim)
                if sim < lowest:
                    break
        return out, (None if out else rejected)

    # -- ranking -------------------------------------------------------------------------------
    def _context(self, context: str, memo: _Memo | None = None) -> _Context:
        """Places and admin areas named in a context (cached per context text)."""
        cached = self._context_cache.get(context)
        if cached is None:
            cached = self._resolve_context(context, memo or _Memo())
            if len(self._context_cache) >= 4096:
                self._context_cache.clear()
            self._context_cache[context] = cached
        return cached

    @staticmethod
    def _segments(context: str) -> list[str]:
        """The short comma-separated segments of a context, geocoded on their own."""
        out = []
        for seg in _SEGMENTS.split(context):
            seg = seg.strip()
            if seg and len(seg) <= 60:
                out.append(seg)
        return out

    def _resolve_context(self, context: str, memo: _Memo) -> _Context:
        """P-codes named in a context.

        Short comma-separated segments that name an admin area ("Ar Raqqah Governorate",
        "Tall Abyad district") are geocoded on their own and give that area (and its
        parents); the rest of the context is scanned for names. A scan hit inside a segment
        that already named its area is ignored ("Tall" of "Tall Abyad district" is not At
        Tall).
        """
        out: set[str] = set()
        unresolved: list[str] = []
        segments = self._segments(context)
        for seg in segments:
            named = memo.segments.get(seg)
            if named is None:
                named = self._admin_segment(seg, memo)
                memo.segments[seg] = named
            if named:
                out.update(named)
            else:
                unresolved.append(seg)
        scan_text = context if len(unresolved) == len(segments) else ", ".join(unresolved)
        if scan_text.strip():
            for hit in self.scan(scan_text):
                for pid in hit.place_ids:
                    p = self.places.get(pid)
                    if p is None:
                        continue
                    out.add(pid)
                    if p.level in (Level.GOVERNORATE, Level.DISTRICT) or len(hit.place_ids) == 1:
                        out.update(x for x in (p.admin1_pcode, p.admin2_pcode) if x)
        places = self.places
        admin1 = frozenset(x for x in out if x in places and places[x].level == Level.GOVERNORATE)
        admin2 = frozenset(x for x in out if x in places and places[x].level == Level.DISTRICT)
        admin3 = frozenset(x for x in out if x in places and places[x].level == Level.SUBDISTRICT)
        areas = tuple(sorted(admin2)) if admin2 else tuple(sorted(admin1))
        strict = bool(segments) and not unresolved and bool(admin1)
        return _Context(frozenset(out), admin1, admin2, areas, admin3, strict)

    def _admin_segment(self, seg: str, memo: _Memo) -> tuple[str, ...]:
        """P-codes of a context segment that names an admin area with its level word, else ().

        A "district" that is a sub-district or a town in this gazetteer (UCDP's districts are
        GADM's: "Dayr Hafir district", "Atarib district") gives that sub-district and its
        district; "Markaz X district" ("centre of X", GADM's name of a governorate's central
        district: "Markaz Rif Dimashq") gives X's centre district.
        """
        cands, flags, _ = self._match(seg, resolve_lang(seg, "auto"), _NO_CONTEXT, memo)
        hint = flags[0]
        if not cands or hint not in ("governorate", "district", "subdistrict"):
            return ()
        _, place, _, _ = self._top(cands, flags, _NO_CONTEXT)  # the answer's place, without the answer
        named = [place.place_id, place.admin1_pcode, place.admin2_pcode]
        if hint == "district" and place.level == Level.GOVERNORATE:
            centre = self.centre_district(place.place_id)
            if centre is not None:
                named.append(centre)
        elif hint in ("district", "subdistrict") and place.level in (Level.COMMUNITY, Level.SUBDISTRICT):
            named.append(place.admin3_pcode)
        return tuple(x for x in dict.fromkeys(named) if x)

    def centre_district(self, admin1: str) -> str | None:
        """The central ("markaz") district of a governorate: the district of its capital
        (the governorate's most important community, when one is marked as its capital),
        else its lowest-numbered district (OCHA numbers the central district first)."""
        cached = self._centre.get(admin1)
        if cached is not None or admin1 in self._centre:
            return cached
        districts = sorted(p.place_id for p in self.places.values() if p.level == Level.DISTRICT and p.admin1_pcode == admin1)
        capitals = [
            p for p in self.places.values()
            if p.level == Level.COMMUNITY and p.admin1_pcode == admin1 and p.importance >= 4 and p.admin2_pcode
        ]
        centre = capitals[0].admin2_pcode if len(capitals) == 1 else (districts[0] if districts else None)
        self._centre[admin1] = centre
        return centre

    def _static_ranks(self) -> dict[str, tuple[Level, str | None, str | None, dict[float, float], str | None]]:
        """Per place: level, admin1, admin2, the context-free part of :meth:`_rank` for each
        hint/countryside bonus (0, 1, 4, 5), summed in :meth:`_rank_slow`'s order, and admin3."""
        out = {}
        for pid, p in self.places.items():
            by_base = {}
            for base in (0.0, 1.0, 4.0, 5.0):
                bonus = base
                bonus += _LEVEL_PREF.get(p.level, 0.0) * 0.5
                bonus += min(p.importance, 5) * 0.4
                if p.population:
                    bonus += min(math.log10(max(p.population, 1)), 7.0) * 0.2
                by_base[base] = bonus
            out[pid] = (p.level, p.admin1_pcode, p.admin2_pcode, by_base, p.admin3_pcode)
        return out

    def _rank(self, c: _Cand, flags: _FlagTuple, ctx: _Context) -> float:
        """Ranking score of a candidate: its match score plus hint, level, size and context
        bonuses (equal to :meth:`_rank_slow`, from per-place values computed at load)."""
        return self._ranks([c], flags, ctx)[0]

    def _ranks(self, cands: Sequence[_Cand], flags: _FlagTuple, ctx: _Context) -> list[float]:
        """:meth:`_rank` of each candidate (what depends on the flags and the context alone is
        looked up once)."""
        static = self._rank_static
        hint, countryside, _ = flags
        hint_levels = _HINT_LEVELS[hint] if hint is not None else ()
        pcodes, admin3 = ctx.pcodes, ctx.admin3
        out = []
        for c in cands:
            level, a1, a2, by_base, a3 = static[c.pid]
            base = 4.0 if level in hint_levels else 0.0
            if countryside and level == Level.GOVERNORATE:
                base += 1.0
            bonus = by_base[base]
            if pcodes:
                if a1 in pcodes:
                    bonus += CONTEXT_BONUS_GOVERNORATE
                if a2 in pcodes:
                    bonus += CONTEXT_BONUS_DISTRICT
                if admin3 and a3 in admin3:
                    bonus += CONTEXT_BONUS_SUBDISTRICT
                if c.pid in pcodes:
                    bonus += 1.0
            out.append(c.score + bonus)
        if hint in _ADMIN_HINTS and pcodes:
            # the admin level the query names wins over the context among equally good
            # matches: "Homs province" beside "Homs" is the governorate, not the city the
            # context names ("village"/"town" do not: the context picks among communities)
            best = max(c.score for c in cands)
            for i, c in enumerate(cands):
                if c.score >= best and static[c.pid][0] in hint_levels:
                    out[i] += HINT_OVER_CONTEXT
        return out

    def _rank_slow(self, c: _Cand, flags: _FlagTuple, ctx: _Context, best: float | None = None) -> float:
        """The ranking score computed from the place (reference for :meth:`_rank`; ``best``:
        the best match score among the candidates, ``c``'s own by default)."""
        p = self.places[c.pid]
        bonus = 0.0
        hint, countryside, _ = flags
        if hint is not None:
            bonus += 4.0 if p.level in _HINT_LEVELS[hint] else 0.0
            if (hint in _ADMIN_HINTS and ctx.pcodes and p.level in _HINT_LEVELS[hint]
                    and c.score >= (c.score if best is None else best)):
                bonus += HINT_OVER_CONTEXT
        if countryside and p.level == Level.GOVERNORATE:
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
            if ctx.admin3 and p.admin3_pcode in ctx.admin3:
                bonus += CONTEXT_BONUS_SUBDISTRICT
            if p.place_id in pcodes:
                bonus += 1.0
        return c.score + bonus

    def _answer(
        self,
        query: str,
        cands: list[_Cand],
        flags: _FlagTuple,
        ctx: _Context,
        *,
        warn: bool = True,
        ranks: list[float] | None = None,
        outside: Sequence[_Cand] = (),
        memo: _Memo | None = None,
    ) -> GeocodeResult:
        """The best candidate as the answer, the next three as alternatives (then, under a
        strict context, the best of the ``outside`` candidates it did not allow)."""
        ranked, place, method, tied = self._top(cands, flags, ctx, ranks, query=query)
        top = ranked[0][0]
        info = self._alt_info
        alt_cands = [c for c, _ in ranked[1:4] if c.pid != place.place_id]
        if outside:
            seen = {place.place_id, *(c.pid for c in alt_cands)}
            alt_cands += [c for c in _best_per_place(outside) if c.pid not in seen]
        alts = tuple([_alternative(c.pid, *info[c.pid], c.score) for c in alt_cands[:3]])
        if warn and tied:
            warnings.warn(
                f"{query!r} matches {len(ranked)} places equally well; answering {place.place_id}",
                AmbiguousPlaceWarning,
                stacklevel=3,
            )
        fields, as_found, near = self._place_answer(place.place_id)
        geo, where = near if flags[2] else as_found
        score = min(top.score, 100.0)
        score = round(score, 1) if memo is None else memo.round1(score)
        # every field, in the order of _RESULT_FIELDS
        return _make_result(query, *fields, geo, where, score, alts, None, top.matched, method, self.version)

    def _top(
        self,
        cands: list[_Cand],
        flags: _FlagTuple,
        ctx: _Context,
        ranks: list[float] | None = None,
        *,
        query: str | None = None,
    ) -> tuple[list[tuple[_Cand, float]], Place, str, bool]:
        """Each place's best candidate with its rank, best first; the answer's place (the
        governorate of a "countryside" answer), its method, and whether the answer is still
        tied with the next place after :meth:`_break_tie` (``query``: the name as asked)."""
        if ranks is None:
            ranks = self._ranks(cands, flags, ctx)
        if len(cands) == 1:
            ranked = [(cands[0], ranks[0])]
        else:
            best_by_pid: dict[str, tuple[_Cand, float]] = {}
            for c, r in zip(cands, ranks, strict=True):
                prev = best_by_pid.get(c.pid)
                if prev is None or c.score > prev[0].score:
                    best_by_pid[c.pid] = (c, r)
            ranked = sorted(best_by_pid.values(), key=_SECOND, reverse=True)
        tied = False
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            ranked, tied = self._break_tie(ranked, query)
        top = ranked[0][0]
        places = self.places
        place = places[top.pid]
        method = top.method
        if flags[1]:
            gov = places.get(place.admin1_pcode or "")
            if gov is not None and gov.level == Level.GOVERNORATE:
                place = gov
                method += "+countryside"
        return ranked, place, method, tied

    def _break_tie(
        self, ranked: list[tuple[_Cand, float]], query: str | None
    ) -> tuple[list[tuple[_Cand, float]], bool]:
        """The places tied at the top rank, ordered by how close their written names are to
        the query's (``fuzz.ratio`` with the names of the words' script): first the words
        matched, in the language's ``spelling_key`` (vowels kept, spelling variants folded),
        then as written, then the whole query (its direction and qualifier words); else as
        they were. Phonetic keys keep only where vowels are, so "Naamer" ties Nimer and Namer;
        the written vowels tell them apart. Returns the new order and whether the top two are still tied."""
        best = ranked[0][1]
        n = 1
        while n < len(ranked) and ranked[n][1] == best:
            n += 1
        cand0 = ranked[0][0]
        lang = resolve_lang(cand0.matched, "auto")
        spell = self._lang_mods[lang].spelling_key
        whole = match_key(query, lang) if query else ""
        names = self._names

        def closeness(item: tuple[_Cand, float]) -> tuple[float, float, float]:
            c = item[0]
            q = spell(c.matched)
            spelt = words = whole_best = 0.0
            for nm in names.get(c.pid, ()):
                if nm.lang != lang or nm.kind == "truncated":
                    continue
                spelt = max(spelt, fuzz.ratio(q, spell(nm.match_key)))
                words = max(words, fuzz.ratio(c.matched, nm.match_key))
                if whole:
                    whole_best = max(whole_best, fuzz.ratio(whole, nm.match_key))
            return spelt, words, whole_best

        close = [closeness(item) for item in ranked[:n]]
        order = sorted(range(n), key=close.__getitem__, reverse=True)  # stable among equals
        head = [ranked[i] for i in order]
        return head + ranked[n:], close[order[0]] == close[order[1]]

    def _place_answer(self, pid: str) -> tuple[_PlaceFields, tuple[int, int], tuple[int, int]]:
        """What every answer landing on a place says of it: its fields (P-code, names, level,
        admin P-codes, coordinates: the values of ``_RESULT_FIELDS[1:10]``), and its precision
        codes (ACLED, UCDP) as found and "near" (:func:`precision_codes`). Built once per
        place, when an answer first lands on it."""
        out = self._answer_fields.get(pid)
        if out is None:
            p = self.places[pid]
            fields = (p.place_id, p.name_en, p.name_ar, p.level, p.admin1_pcode, p.admin2_pcode, p.admin3_pcode, p.lat, p.lon)
            codes = []
            for near in (False, True):
                # a point known only "around a location" (learned from events coded so) stays near
                geo, where = precision_codes(p.level, near=near or (p.where_prec or 0) >= 2)
                codes.append((geo, max(where, p.where_prec or 0)))  # a region wider than 25 km: 3
            out = self._answer_fields[pid] = (fields, codes[0], codes[1])
        return out

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


def _strip_phrases(tokens: list[str], entry: _PhraseTable, flags: _FlagTuple) -> tuple[list[str], _FlagTuple]:
    """:meth:`Gazetteer._strip` with the phrase table of its roles, from the flags ``flags``:
    the words left (``tokens`` itself when none is removed; never changed in place) and the
    flags."""
    table, firsts, lasts = entry
    toks = tokens
    while len(toks) > 1:
        role = None
        # a phrase at the start begins with a first word, one at the end ends with a last word
        # (of the phrases of its length: only those lengths are looked up)
        first, last = toks[0], toks[-1]
        head, tail = first in firsts, last in lasts
        if head or tail:
            size = len(toks)
            for n, phrases, n_firsts, n_lasts in table:
                if n >= size:
                    continue
                if head and first in n_firsts:
                    role = phrases.get(tuple(toks[:n]))
                    if role is not None:
                        toks = toks[n:]
                        break
                if tail and last in n_lasts:
                    role = phrases.get(tuple(toks[-n:]))
                    if role is not None:
                        toks = toks[:-n]
                        break
            if role is not None:
                hint, countryside, near = flags
                if role in _HINT_LEVELS and hint is None:
                    flags = (role, countryside, near)
                elif role == "countryside":
                    flags = (hint, True, near)
                elif role in ("near", "feature"):
                    flags = (hint, countryside, True)
        while len(toks) > 1 and toks[0] in ("of", "the"):
            toks = toks[1:]
        if role is None:
            break
    return toks, flags


def _best_score(cands: Iterable[_Cand]) -> float:
    """The highest score of some candidates (``max(c.score for c in cands)``, without a
    generator)."""
    best = -math.inf
    for c in cands:
        if c.score > best:
            best = c.score
    return best


def _best_per_place(cands: Iterable[_Cand]) -> list[_Cand]:
    """Each place's best candidate, best first (equal scores in their given order)."""
    best: dict[str, _Cand] = {}
    for c in sorted(cands, key=_SCORE, reverse=True):  # stable: equal scores keep their order
        best.setdefault(c.pid, c)
    return list(best.values())


def _exact_prep(
    flags: _FlagTuple, pids: list[str], method: str, tokens: list[str], ctx_tokens: tuple[str, ...] | None
) -> _Prep:
    """The :data:`_Prep` of an exact stage's answer: the candidates of the places ``pids``
    (those of the words ``tokens`` in the exact index) at the stage's score."""
    score, key = STAGE_SCORE[method], " ".join(tokens)
    return (flags, [_Cand(p, score, method, key) for p in pids], ctx_tokens, (), (), ("", ""), False)


def _add(index: dict[str, list[str]], key: str, pid: str) -> None:
    lst = index.setdefault(key, [])
    if pid not in lst:
        lst.append(pid)



