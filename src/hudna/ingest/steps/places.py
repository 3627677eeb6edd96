"""Places step: gazetteer scan of the whole text, filtering, geocoding in context (issue #4).

Rules (all driven by lexicon lists, see ``src/hudna/lexicons/README.md``):

- a hit inside a word ("زارة" in "وزارة") is dropped: only proclitics may be attached before it;
- a hit inside a lexicon match of another kind (actor, incident word ...) or a foreign place is
  dropped; a hit right after an organisation word ("حركة حزم", "جيش الإسلام") is dropped;
- a governorate name or a notable town is a place on its own; a small community, a district name
  or a common word that is also a village name ("الثورة", "صور", ``place.common_word``) needs a
  cue word right before it ("في", "بلدة", "near", or an attached preposition "ب"/"ل");
- a governorate name answers its capital city ("حلب" = Aleppo city, SY02); "ريف X" / "X
  countryside" answers the governorate (P-code null, admin1 precision); an ambiguous name goes to
  the governorate the article names most, then to the geocoder with the article as context;
- a place that only locates the one before it ("أريحا بريف إدلب", "Ariha in Idlib province")
  is a *qualifier*: it is not a separate incident place;
- an unknown name introduced by a feature noun ("بلدة الصواغية", "the village of X") or followed by
  an apposition ("الليرمون، الضاحية ... لمدينة حلب") is a place without P-code whose governorate
  comes from the next gazetteer place in the sentence;
- ``place.foreign`` names (countries and cities outside Syria) are kept as foreign mentions so
  the claim builder can skip incidents located abroad.
"""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, NamedTuple

from hudna.domain.claim import ClaimPlace
from hudna.gazetteer.core import Gazetteer
from hudna.gazetteer.scan import load_scan_stopwords, scan_text
from hudna.geo.admin import distance_m
from hudna.ingest.pipeline import Doc, Step
from hudna.ingest.steps.text import key_slice, sentence_index
from hudna.text.lexicon import load_lexicon, short_key
from hudna.text.normalize import lang_module
from hudna.text.slots import slot_builder

__all__ = ["PlaceMention", "extract_places", "make_places_step"]

logger = logging.getLogger(__name__)
#: Lexicon families whose words are never place names (a hit inside one is dropped).
_NOT_PLACES = frozenset(
    {
        "actor",
        "role",
        "regime",
        "status",
        "incident",
        "source",
        "time",
        "casualty",
        "person",
        "attribution",
        "negation",
        "num",
        "approx",
        "hedge",
        "calm",
        "tally",
    }
)
#: Families of the lexicon words that make a sentence able to give a claim (an incident, a
#: casualty figure, a regime's status, calm): press spellings are looked for in such sentences.
_CLAIM_FAMILIES = frozenset({"incident", "casualty", "clash", "status", "regime", "calm"})
#: Communities at least this important are accepted without a cue word (cities, towns).
MIN_IMPORTANCE = 2
#: Words between a place and the next one for the next to be read as its qualifier.
_QUALIFIER_GAP = 8
#: Words between an unknown place and the gazetteer place that locates it ("X، الضاحية ... لمدينة حلب").
_UNKNOWN_GAP = 12


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in the text with its geocoding; ``place`` carries pcode and admin1.

    ``qualifier``: the mention only locates the place before it ("بريف إدلب" after "أريحا").
    ``foreign``: a place outside Syria (``place.foreign``); ``place.pcode`` is then ``None``.
    """

    start: int
    end: int
    place: ClaimPlace
    sentence: int
    qualifier: bool = False
    foreign: bool = False


#: The places and mentions of the hot paths are built through their slots (:func:`slot_builder`,
#: positional, in field order): a few thousand of each per article set, and a frozen dataclass's
#: ``__init__`` sets every field through ``object.__setattr__``. Neither class has a
#: ``__post_init__`` check.
_new_place: Callable[..., ClaimPlace] = slot_builder(
    ClaimPlace,
    (
        "text",
        "start",
        "end",
        "pcode",
        "level",
        "admin1_pcode",
        "admin2_pcode",
        "lat",
        "lon",
        "score",
        "reason",
    ),
)
_new_mention: Callable[..., PlaceMention] = slot_builder(
    PlaceMention, ("start", "end", "place", "sentence", "qualifier", "foreign")
)


@functools.lru_cache(maxsize=20000)
def _geocode_in_context(
    gazetteer: Any, surface: str, lang: str, context: str | None
) -> _Geo | None:
    # a tie is in the answer's alternatives; the pipeline reads them, warnings would repeat
    r = gazetteer.geocode(surface, lang=lang, context=context, warn=False)
    if r.pcode is None:
        return None
    level = getattr(r.level, "value", r.level)
    admin1 = r.admin1_pcode or (r.pcode if level == "governorate" else None)
    return _Geo(r.pcode, level, admin1, r.admin2_pcode, r.lat, r.lon, float(r.score), r.reason)


def _level(place: Any) -> str:
    """The level of a gazetteer place as a plain string ("governorate", "community" ...)."""
    lv = place.level
    name = _LEVEL_NAMES.get(lv)
    if name is None:
        # an enum's ``value`` is a Python-level property: read once per level, not per place
        name = _LEVEL_NAMES[lv] = str(getattr(lv, "value", lv))
    return name


#: Level (enum member or string) -> its name; a handful of entries (the admin levels).
_LEVEL_NAMES: dict[Any, str] = {}


class _Geo(NamedTuple):
    """The geocoding :func:`_choose` gives a hit: the fields of a :class:`ClaimPlace` without
    its span (a tuple: the mention's place is built once, after)."""

    pcode: str | None
    level: str
    admin1_pcode: str | None
    admin2_pcode: str | None
    lat: float | None
    lon: float | None
    score: float
    reason: str | None


def _from_place(place: Any, reason: str) -> _Geo:
    level = _level(place)
    return _Geo(
        place.place_id,
        level,
        place.admin1_pcode or (place.place_id if level == "governorate" else None),
        place.admin2_pcode,
        place.lat,
        place.lon,
        1.0,
        reason,
    )


@dataclass(frozen=True, slots=True)
class _Words:
    """The word lists of the rules, as match keys. The lists a rule reads through a word's
    proclitic variants ("بريف" is "ريف" after "ب": cues, organisations, countryside, feature,
    linking, reference, site and rural words) hold each word also with every proclitic attached
    (:func:`_with_proclitics`), so that a word is checked by one set look-up."""

    cues: frozenset[str]
    common: frozenset[str]
    proclitics: frozenset[str]
    preps: frozenset[str]
    orgs: frozenset[str]
    countryside: frozenset[str]
    features: frozenset[str]
    #: words between a feature word and its name ("the village of X")
    feature_links: frozenset[str]
    appositions: frozenset[str]
    linkers: frozenset[str]
    references: frozenset[str]
    sites: frozenset[str]
    conjunctions: frozenset[str]
    rural: frozenset[str]
    #: the dual of the countryside word ("ريفي إدلب وحماة"), with its proclitics
    rural_duals: frozenset[str]
    modifiers: frozenset[str]
    directions: frozenset[str]
    continuations: frozenset[str]
    heads: frozenset[str]
    #: The feature words a direction phrase may have after it, and the phrases' first words
    #: (:func:`_direction_before`).
    direction_fillers: frozenset[str]
    direction_firsts: frozenset[str]
    #: words naming a road between two places ("طريق حلب - دمشق", "the Aleppo-Damascus highway")
    roads: frozenset[str]


@functools.lru_cache(maxsize=4)
def _words(lang: str) -> _Words:
    lex = load_lexicon(lang)
    procl = lex.keys_of("morph.proclitic")
    countryside = lex.keys_of("gazetteer.qualifier.countryside") | lex.keys_of(
        "gazetteer.qualifier.governorate"
    )

    def attached(words: frozenset[str]) -> frozenset[str]:
        return _with_proclitics(words, procl)

    cues = attached(lex.keys_of("place.cue") | lex.keys_of("gazetteer.qualifier"))
    common = lex.keys_of("place.common_word")
    features = attached(lex.keys_of("place.feature"))
    sites = attached(
        lex.keys_of("gazetteer.feature") | lex.keys_of("gazetteer.qualifier.neighbourhood")
    )
    directions = lex.keys_of("place.reference_direction")
    return _Words(
        cues=cues,
        common=common,
        proclitics=procl,
        preps=lex.keys_of("place.attached_preposition"),
        orgs=attached(lex.keys_of("place.org_word")),
        countryside=attached(countryside),
        features=features,
        feature_links=lex.keys_of("place.feature_link"),
        appositions=lex.keys_of("place.apposition"),
        linkers=attached(
            lex.keys_of("place.qualifier_link")
            | lex.keys_of("gazetteer.direction")
            | countryside
            | lex.keys_of("gazetteer.qualifier")
        ),
        references=attached(lex.keys_of("place.reference")),
        sites=sites,
        conjunctions=lex.keys_of("morph.conjunction"),
        rural=attached(lex.keys_of("gazetteer.qualifier.countryside")),
        rural_duals=attached(lex.keys_of("place.countryside_dual")),
        modifiers=lex.keys_of("place.modifier_after"),
        directions=directions,
        continuations=lex.keys_of("place.name_continuation"),
        heads=lex.keys_of("place.name_head"),
        direction_fillers=features | sites | common | cues,
        direction_firsts=frozenset(d.split(" ")[0] for d in directions),
        roads=attached(lex.keys_of("place.road_word")),
    )


def _with_proclitics(words: frozenset[str], proclitics: frozenset[str]) -> frozenset[str]:
    """``words`` and every word of two letters or more with a proclitic before it: a key is in
    the result exactly when one of its variants (the key, and the key without a proclitic it
    starts with, leaving two letters or more) is one of ``words``.

    Examples
    --------
    >>> sorted(_with_proclitics(frozenset({"ريف", "x"}), frozenset({"ب", "و"})))
    ['x', 'بريف', 'ريف', 'وريف']
    """
    return words | {p + w for p in proclitics for w in words if len(w) >= 2}


class _Kept(NamedTuple):
    """A credible gazetteer hit: its places, whether a countryside word or a cue word comes
    before it, and that word (its start and key; no word: ``prev == ""``)."""

    hit: Any
    countryside: bool
    cued: bool
    cands: list[Any]
    prev_start: int
    prev: str


#: A punctuation mark between two places: the second does not qualify the first.
_QUALIFIER_BREAK = re.compile("[.،,;؛:\n]")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-'\u2019"


def _token_start(text: str, i: int) -> int:
    # (the test of _is_word_char written out: these loops run over every hit's context)
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "-'\u2019"):
        i -= 1
    return i


def _prev_token(text: str, i: int) -> tuple[int, int]:
    """Span of the word before offset ``i`` (skipping spaces and punctuation)."""
    j = i
    while j > 0 and not (text[j - 1].isalnum() or text[j - 1] in "-'\u2019"):
        j -= 1
    return _token_start(text, j), j


def _next_token_key(text: str, i: int, lang: str) -> tuple[str, int, int]:
    j = i
    while j < len(text) and not _is_word_char(text[j]):
        if text[j] in ".!?\n":
            return "", j, j
        j += 1
    k = j
    while k < len(text) and _is_word_char(text[k]):
        k += 1
    return short_key(text[j:k], lang), j, k


def _modifier(text: str, end: int, lang: str, w: _Words) -> bool:
    """Whether the name ending at ``end`` is joined by a hyphen to a ``place.modifier_after`` word
    ("Damascus-backed National Defense Forces", "an Aleppo-based activist"): an adjective of who
    backs or hosts someone, not where anything happened."""
    if not w.modifiers or end >= len(text) or text[end] != "-":
        return False
    k = end + 1
    while k < len(text) and _is_word_char(text[k]) and text[k] != "-":
        k += 1
    return short_key(text[end + 1 : k], lang) in w.modifiers


def _continued(text: str, end: int, lang: str, w: _Words) -> bool:
    """Whether the name ending at ``end`` runs on into a next word opening with an article joined
    by a hyphen (``place.name_continuation``: "al" in "Khan al-Assal", "Tal al-Sheikh Hussein")."""
    if end >= len(text) or text[end] != " ":
        return False
    k = end + 1
    while k < len(text) and text[k].isalpha():
        k += 1
    return (
        k < len(text)
        and text[k] == "-"
        and k > end + 1
        and short_key(text[end + 1 : k], lang) in w.continuations
    )


def _headed(text: str, hit: Any, lang: str, w: _Words) -> bool:
    """Whether a hit is only a generic first word of place names (``place.name_head``: "Khan",
    "Wadi") followed by a capitalised word: the head of a longer name ("Khan Touman", "Wadi
    Dahab") the gazetteer does not know, not the village named "Khan"."""
    if short_key(hit.surface, lang) not in w.heads:
        return False
    k = hit.end
    if k >= len(text) or text[k] != " ":
        return False
    return k + 1 < len(text) and text[k + 1].isupper()


#: What :func:`extract_places` does with a lexicon match, by its concept (:func:`_match_kind`).
_OTHER, _BLOCKED, _CLAIM_WORD, _TRIGGER, _FOREIGN, _ALIAS = range(6)
#: The kinds of the matches of :data:`_NOT_PLACES` families.
_NOT_PLACE_KINDS = frozenset({_BLOCKED, _CLAIM_WORD, _TRIGGER})
#: Concept -> :func:`_match_kind` (filled as concepts are met: a few hundred lexicon concepts,
#: and a function of the concept's name alone; the families and prefix tests ran for each of a
#: text's hundred matches).
_MATCH_KINDS: dict[str, int] = {}


def _match_kind(concept: str, family: str) -> int:
    """The kind of a lexicon match of ``concept`` (its ``family``) for the places step: a
    foreign place, a word no place overlaps (:data:`_NOT_PLACES`; also a claim word
    (:data:`_CLAIM_FAMILIES`), also an incident trigger), a spelling of a place
    (``place.in.syNN``), or none of these.

    Examples
    --------
    >>> _match_kind("incident.shelling", "incident") == _TRIGGER
    True
    >>> _match_kind("place.foreign", "place") == _FOREIGN, _match_kind("place.cue", "place") == _OTHER
    (True, True)
    """
    if concept == "place.foreign":
        return _FOREIGN
    if family in _NOT_PLACES:
        if family == "incident":
            return _TRIGGER
        return _CLAIM_WORD if family in _CLAIM_FAMILIES else _BLOCKED
    return _ALIAS if concept.startswith("place.in.") else _OTHER


def make_places_step(gazetteer: Any) -> Step:
    """The ``extract_places`` step bound to a gazetteer (``None``: no places are found)."""

    def extract_places_step(doc: Doc) -> None:
        extract_places(doc, gazetteer)

    return Step(
        "extract_places",
        extract_places_step,
        requires=("matches", "sentences"),
        assigns=("places", "gazetteer_version"),
    )


def _choose(
    gazetteer: Any,
    hit: Any,
    cands: list[Any],
    lang: str,
    gov_counts: Counter[str],
    context: str,
    within: str | None = None,
) -> _Geo | None:
    """The place a hit names (``cands``: its gazetteer places); ``within``: the governorate a
    qualifier right after it gives ("الغارية الغربية بريف درعا", "حي الخالدية شمال حلب"): a
    candidate there, else a place of that governorate missing from the gazetteer (no P-code)."""
    if not cands:
        return None
    if within is not None and not any(_level(p) == "governorate" for p in cands):
        inside = [p for p in cands if p.admin1_pcode == within and _level(p) == "community"]
        if inside:
            top = max(p.importance for p in inside)
            return _from_place(next(p for p in inside if p.importance == top), "qualified")
        if all(p.admin1_pcode != within for p in cands):
            return _Geo(None, "unknown", within, None, None, None, 0.0, "qualified")
    govs = [p for p in cands if _level(p) == "governorate"]
    if govs:
        # "حلب" names both the governorate and its capital: answer the capital city.
        city = [p for p in cands if _level(p) == "community" and p.admin1_pcode == govs[0].place_id]
        if city:
            return _from_place(max(city, key=lambda p: p.importance), "governorate capital")
        return _from_place(govs[0], "governorate")
    if len(cands) == 1:
        return _from_place(cands[0], "unique")
    admin1s = {p.admin1_pcode for p in cands}
    if len(admin1s) > 1 and gov_counts:
        # The governorate the article names most; a tie is no answer (and must not depend on
        # set order, which made results vary between runs).
        ranked = sorted(admin1s, key=lambda a: (-gov_counts.get(a or "", 0), a or ""))
        best = ranked[0]
        tied = gov_counts.get(ranked[1] or "", 0) == gov_counts.get(best or "", 0)
        if not tied and gov_counts.get(best or "", 0) > 0:
            inside = [p for p in cands if p.admin1_pcode == best]
            comm = [p for p in inside if _level(p) == "community"] or inside
            top = max(p.importance for p in comm)
            tops = [p for p in comm if p.importance == top]
            if len(tops) == 1:
                return _from_place(tops[0], "article governorate")
    comm = [p for p in cands if _level(p) == "community"]
    if comm:
        top = max(p.importance for p in comm)
        tops = [p for p in comm if p.importance == top]
        if len(tops) == 1 and top >= MIN_IMPORTANCE:
            return _from_place(tops[0], "most important")
    return _geocode_in_context(gazetteer, hit.surface, lang, context)


def extract_places(doc: Doc, gazetteer: Any) -> None:
    """Assign ``places`` (list of :class:`PlaceMention` in text order) and ``gazetteer_version``."""
    if gazetteer is None:
        doc["places"] = []
        doc["gazetteer_version"] = ""
        return
    lang = doc["lang"]
    text = doc.text
    w = _words(lang)
    matches = doc["matches"]
    # one pass over the lexicon matches: spans no place may overlap, foreign places, aliases
    # (below) and incident triggers (for the qualifier rules)
    blocked: list[tuple[int, int]] = []
    foreign: list[Any] = []
    aliases: list[Any] = []
    triggers: list[int] = []
    trigger_ends: list[int] = []
    claim_words: list[int] = []
    kinds = _MATCH_KINDS
    for m in matches:
        kind = kinds.get(m.concept)
        if kind is None:
            kind = kinds[m.concept] = _match_kind(m.concept, m.entry.family)
        if kind == _BLOCKED:
            blocked.append((m.start, m.end))
        elif kind == _CLAIM_WORD:
            blocked.append((m.start, m.end))
            claim_words.append(m.start)
        elif kind == _TRIGGER:
            blocked.append((m.start, m.end))
            triggers.append(m.start)
            trigger_ends.append(m.end)
            claim_words.append(m.start)
        elif kind == _FOREIGN:
            foreign.append(m)
            blocked.append((m.start, m.end))
        elif kind == _ALIAS:
            aliases.append(m)
    blocked.sort()
    triggers.sort()
    if foreign:
        # a country inside a longer name of another kind ("Islamic State of Iraq and the Levant")
        # locates nothing (the spans of ``blocked`` but foreign places')
        not_places = [(m.start, m.end) for m in matches if kinds[m.concept] in _NOT_PLACE_KINDS]
        inside = _Spans.of(not_places)
        foreign = [m for m in foreign if not inside.overlaps(m.start, m.end)]
    if isinstance(gazetteer, Gazetteer):
        # the text's match key is the pipeline's (``normalise``): not keyed a second time
        hits = scan_text(gazetteer, text, lang, keyed=doc.get("keyed"))
    else:
        hits = gazetteer.scan(text, lang)
    # spellings the gazetteer misses (place.in.syNN): a hit strictly inside one gives way to it;
    # a hit of the same span wins when one of its places lies in the alias's governorate, else
    # it is a namesake elsewhere ("Golan", half of a joined village name in Aleppo) and gives way
    # (a hit that wins over an alias is a press name: credible without a cue word, and in the
    # alias's governorate, as the alias)
    alias_backed: dict[tuple[int, int], str] = {}
    if aliases:
        hit_at = {(h.start, h.end): h for h in hits}
        kept_aliases, namesakes = [], set()
        for m in aliases:
            same = hit_at.get((m.start, m.end))
            gov = m.concept.rsplit(".", 1)[1].upper()
            if same is not None and any(
                (p := gazetteer.find(pid)) is not None and (p.admin1_pcode or p.place_id) == gov
                for pid in same.place_ids
            ):
                alias_backed[(same.start, same.end)] = gov
                continue
            kept_aliases.append(m)
            if same is not None:
                namesakes.add((same.start, same.end))
        aliases = kept_aliases
        hits = [h for h in hits if (h.start, h.end) not in namesakes]
    if w.modifiers:
        hits = [h for h in hits if not _modifier(text, h.end, lang, w)]
        aliases = [m for m in aliases if not _modifier(text, m.end, lang, w)]
    if aliases:
        spans = [(a.start, a.end) for a in aliases]
        hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]

    # 1. keep credible hits
    kept: list[_Kept] = []
    j = 0
    n_blocked = len(blocked)
    last_end = -1  # end of the last kept hit: "في منطقتي سلمى وكباني" cues both names
    dual_end = -1  # end of the last hit after a dual countryside word ("ريفي إدلب وحماة")
    dual_word = ""
    for hit in hits:
        while j < n_blocked and blocked[j][1] <= hit.start:
            j += 1
        if j < n_blocked and blocked[j][0] < hit.end:
            continue
        tok0 = _token_start(text, hit.start)
        prefix = short_key(text[tok0 : hit.start], lang) if tok0 < hit.start else ""
        if prefix and prefix not in w.proclitics:
            continue  # inside a word
        ps, pe = _prev_token(text, tok0)
        prev = short_key(text[ps:pe], lang) if pe > ps else ""  # the word before (no word: "")
        if prev in w.orgs:
            continue
        # an attached preposition alone ("بحلول", "للدجاج") does not make a small village: ب/ل
        # attach to any noun, and many common nouns are also village names
        # ... and a cue before a name carrying its own preposition governs another word
        # ("على لسان", "in" + "bX"): two prepositions do not stack on one name
        cued = (prev in w.cues and prefix not in w.preps) or (hit.start, hit.end) in alias_backed
        if (
            not cued
            and prefix in w.conjunctions
            and last_end >= 0
            and not text[last_end:tok0].strip()
        ):
            cued = True  # a name coordinated with the place right before it
        featured = prev in w.features
        countryside = prev in w.countryside and not featured
        if prev in w.rural_duals:
            dual_end, dual_word = hit.end, prev
        elif dual_end >= 0 and prefix in w.conjunctions and not text[dual_end:tok0].strip():
            # "ريفي إدلب وحماة": Hama's countryside too (the mention is the name itself)
            countryside, ps, prev = True, hit.start, dual_word
            dual_end = hit.end
        key = short_key(hit.surface, lang)
        if (
            key in w.common or (prefix and short_key(text[tok0 : hit.end], lang) in w.common)
        ) and not featured:
            continue  # a common word, also with its particle ("فرقة" is not "ف" + "رقة")
        cands = [p for p in map(gazetteer.find, hit.place_ids) if p is not None]
        notable = _notable(cands)
        if not cued and not notable:
            continue
        if (not notable or key != hit.key) and (
            w.continuations
            and _continued(text, hit.end, lang, w)
            or w.heads
            and _headed(text, hit, lang, w)
        ):
            # "the attack in Khan al-Assal": a small place's name is the first word of a longer
            # name the gazetteer does not know ("Aleppo al-Halk area" stays Aleppo); so is a
            # town's name without its article ("Bab al-Nayrab", "Bab Touma" are no Al-Bab)
            continue
        kept.append(_Kept(hit, countryside, cued, cands, ps, prev))
        last_end = hit.end

    # 2. governorates the article names (for ambiguous names)
    gov_counts: Counter[str] = Counter()
    for k in kept:
        admin1s = {p.admin1_pcode or p.place_id for p in k.cands}
        if len(admin1s) == 1:
            gov_counts[next(iter(admin1s))] += 1
    context = " ".join(sorted({k.hit.surface for k in kept if len(k.hit.place_ids) == 1}))

    out: list[PlaceMention] = []
    within = _qualified_by(doc, kept, w)
    if alias_backed:
        within = [alias_backed.get((k.hit.start, k.hit.end), g) if g is None else g for k, g in zip(kept, within, strict=True)]
    _sentence_governorate(doc, kept, within)
    for n, k in enumerate(kept):
        hit, countryside = k.hit, k.countryside
        geo = _choose(gazetteer, hit, k.cands, lang, gov_counts, context, within[n])
        if geo is None:
            continue
        start = hit.start
        level, pcode, reason = geo.level, geo.pcode, geo.reason
        ps = k.prev_start
        if countryside and geo.admin1_pcode:
            # "ريف حلب" / "Aleppo countryside": the governorate, without a community P-code
            # ("countryside": outside the governorate's capital, unlike "محافظة حلب")
            rural = k.prev in w.rural
            start, level, pcode = ps, "governorate", geo.admin1_pcode
            reason = "countryside" if rural else "governorate"
            if (
                rural
                and geo.level == "community"
                and geo.reason != "governorate capital"
                and geo.admin2_pcode
            ):
                # "ريف جسر الشغور": the countryside of a town, inside its district
                level, pcode = "district", geo.admin2_pcode
        elif level != "governorate" and k.prev in w.sites:
            # "مطار أبو الظهور", "مخيم درعا", "حي الخالدية": a site named after the place, not the
            # community itself (ANNOTATION-GUIDE.md: airports, camps, neighbourhoods -> no P-code)
            start, level, pcode, reason = ps, "site", None, "site"
        place = _new_place(
            text[start : hit.end],
            start,
            hit.end,
            pcode,
            level,
            geo.admin1_pcode,
            geo.admin2_pcode,
            geo.lat,
            geo.lon,
            geo.score,
            reason,
        )
        out.append(
            _new_mention(start, hit.end, place, sentence_index(doc, hit.start), False, False)
        )
    for m in aliases:
        admin1 = m.concept.rsplit(".", 1)[1].upper()
        start = _after_particle(text, m, lang)
        surface = text[start : m.end]
        place = ClaimPlace(
            text=surface,
            start=start,
            end=m.end,
            level="region",
            admin1_pcode=admin1,
            reason="alias",
        )
        if w.linkers.isdisjoint(short_key(surface, lang).split()):
            # the alias names one town ("Saraqeb", not "Idlib province" nor "eastern Ghouta"):
            # the geocoder finds it in the alias's governorate when it is sure (regions,
            # neighbourhoods and bases keep no P-code, ANNOTATION-GUIDE.md); that governorate is
            # its context ("Douma" is a town of Rif Dimashq, not one of its namesakes elsewhere)
            gov_context = _governorate_context(gazetteer, admin1)
            sure = _sure_places(gazetteer, [surface], lang, gov_context, within=admin1)[surface]
            base = lang_module(lang).possessive_base(surface)
            if sure is None and base:
                # "Aleppos western edges": the possessive of Aleppo, its apostrophe dropped
                sure = _sure_places(gazetteer, [base], lang, gov_context, within=admin1)[base]
            if (sure is not None and sure.admin1_pcode == admin1 and sure.level == "community"
                    and not _shortened(gazetteer, sure, surface, lang)):
                place = ClaimPlace(
                    text=surface,
                    start=start,
                    end=m.end,
                    pcode=sure.pcode,
                    level=sure.level,
                    admin1_pcode=admin1,
                    admin2_pcode=sure.admin2_pcode,
                    lat=sure.lat,
                    lon=sure.lon,
                    score=sure.score,
                    reason="alias",
                )
        out.append(PlaceMention(start, m.end, place, sentence_index(doc, start)))
    for m in foreign:
        place = ClaimPlace(text=text[m.start : m.end], start=m.start, end=m.end, level="foreign")
        out.append(PlaceMention(m.start, m.end, place, sentence_index(doc, m.start), foreign=True))
    if _spelling_regexes(lang) is not None:  # names the press spells otherwise (capitalised names)
        govs = set(gov_counts) | {m.concept.rsplit(".", 1)[1].upper() for m in aliases}
        out += _spelled_places(
            doc, gazetteer, out, blocked, context, frozenset(govs), w, trigger_ends, claim_words
        )
    out += _unknown_places(doc, out, matches, w)
    out.sort(key=lambda p: p.start)
    doc["places"] = _mark_qualifiers(doc, out, w, triggers, _capitals(gazetteer))
    doc["gazetteer_version"] = getattr(gazetteer, "version", "")


#: Words allowed between a place and the governorate that qualifies it ("X بريف Y الشرقي").
_QUALIFIED_GAP = 3


def _qualified_by(doc: Doc, kept: list[_Kept], w: _Words) -> list[str | None]:
    """Per hit, the governorate of a qualifier right after it: a governorate name or "ريف X"
    with only linking words between ("أريحا بريف إدلب", "الغارية الغربية بريف درعا الشرقي",
    "حي الخالدية شمال حلب")."""
    text = doc.text
    out: list[str | None] = [None] * len(kept)
    for n in range(len(kept) - 1):
        cur, nxt = kept[n].hit, kept[n + 1].hit
        # a punctuation mark between them first: the gap (often long) is then not keyed
        if _QUALIFIER_BREAK.search(text, cur.end, nxt.start):
            continue
        gap = key_slice(doc, cur.end, nxt.start).split()
        if not gap or len(gap) > _QUALIFIED_GAP or not w.linkers.issuperset(gap):
            continue
        cands = kept[n + 1].cands
        govs = [p for p in cands if _level(p) == "governorate"]
        if govs:
            out[n] = govs[0].place_id
        elif kept[n + 1].countryside:
            admin1s = {p.admin1_pcode for p in cands}
            if len(admin1s) == 1:
                out[n] = next(iter(admin1s))
    return out


def _sentence_governorate(doc: Doc, kept: list[_Kept], within: list[str | None]) -> None:
    """A small village (accepted only by its cue) takes the governorate its sentence names when
    the sentence names only one ("في منطقتي الكوم وكتف الغدر وقرية غمام بريف اللاذقية"): small
    village names recur across governorates and the gazetteer may miss the one meant."""
    by_sent: dict[int, set[str]] = {}
    for k in kept:
        govs = {p.place_id for p in k.cands if _level(p) == "governorate"}
        if not govs and k.countryside:
            govs = {p.admin1_pcode for p in k.cands if p.admin1_pcode}
        if len(govs) == 1:
            by_sent.setdefault(sentence_index(doc, k.hit.start), set()).update(govs)
    for n, k in enumerate(kept):
        if within[n] is not None or not k.cued or _notable(k.cands):
            continue
        govs = by_sent.get(sentence_index(doc, k.hit.start), set())
        if len(govs) == 1:
            within[n] = next(iter(govs))


def _notable(cands: list[Any]) -> bool:
    """Whether a hit with these gazetteer places is a place on its own (no cue word needed)."""
    for place in cands:
        level = _level(place)
        if level == "governorate" or (level == "community" and place.importance >= MIN_IMPORTANCE):
            return True
    return False


class _Spans:
    """Spans sorted by start with the running maximum of their ends: whether any span overlaps
    ``[a, b)`` is one bisection (the latest end among the spans starting before ``b``)."""

    __slots__ = ("starts", "max_ends")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        """``starts`` sorted, ``ends[i]`` the end of the span starting at ``starts[i]``."""
        self.starts = starts
        self.max_ends: list[int] = list(accumulate(ends, max))

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Spans:
        spans = sorted(spans)
        return cls([s for s, _ in spans], [e for _, e in spans])

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, b)  # spans [0, k) start before b
        return k > 0 and self.max_ends[k - 1] > a


@functools.lru_cache(maxsize=4)
def _frame_words(lang: str) -> tuple[list[str], list[str], list[str]]:
    """Apposition nouns, proclitics and feature nouns of :func:`_frame_regex`, longest first."""
    lex = load_lexicon(lang)
    feats = sorted({e.form for e in lex.forms_of("place.feature")}, key=len, reverse=True)
    apps = sorted({e.form for e in lex.forms_of("place.apposition")}, key=len, reverse=True)
    procl = sorted({e.form for e in lex.forms_of("morph.proclitic")}, key=len, reverse=True)
    return apps, procl, feats


@functools.lru_cache(maxsize=4)
def _frame_regex(lang: str) -> re.Pattern[str]:
    """Feature nouns (group 1) and apposition nouns (group 2) as whole words, with the language's
    proclitics allowed before a feature noun ("بمخيم", "وبلدة")."""
    apps, procl, feats = _frame_words(lang)
    pre = f"(?:{'|'.join(map(re.escape, procl))})?" if procl else ""
    alt_f = "|".join(map(re.escape, feats)) or "(?!)"
    alt_a = "|".join(map(re.escape, apps)) or "(?!)"
    # a lookahead listing every possible first letter lets the engine skip other positions fast
    firsts = sorted(
        {f[0].lower() for f in (*feats, *apps, *procl) if f}
        | {f[0].upper() for f in (*feats, *apps, *procl) if f}
    )
    look = f"(?=[{''.join(map(re.escape, firsts))}])" if firsts else ""
    return re.compile(rf"{look}(?<!\w)(?:(?:{alt_a})|{pre}(?:{alt_f}))(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _frame_literals(lang: str) -> tuple[str, ...] | None:
    """The words :func:`_frame_regex` tries at a position, lower-cased, in the order it tries
    them: apposition nouns, then each proclitic with each feature noun, then the feature nouns
    alone; ``None`` unless all are ASCII and none is empty (then only the regex is exact)."""
    apps, procl, feats = _frame_words(lang)
    words = [*apps, *(p + f for p in procl for f in feats), *feats]
    if not all(w and w.isascii() for w in words):
        return None
    return tuple(w.lower() for w in words)


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # (an ASCII character: what \w matches)


def _frame_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``_frame_regex(lang).finditer(text)``.

    For an ASCII text and ASCII frame words (English) the words are looked for with ``str.find``
    in the lower-cased text: a case-insensitive regex gives the engine no first character to
    scan for, so it tries the pattern at every position. On ASCII, ``re.IGNORECASE`` equates two
    characters exactly when their lower cases are equal (its other equivalences, such as "ſ" for
    "s", involve non-ASCII characters) and lower-casing keeps the length and the word
    characters; at each position the regex takes the first word of its order
    (:func:`_frame_literals`) followed by no word character, and ``finditer`` goes on after
    each match: the same spans.
    """
    words = _frame_literals(lang)
    if words is None or not text.isascii():
        return [m.span() for m in _frame_regex(lang).finditer(text)]
    low = text.lower()
    n = len(low)
    best: dict[int, tuple[int, int]] = {}  # start -> (rank of the word in the order, end)
    for rank, word in enumerate(words):
        i = low.find(word)
        while i >= 0:
            end = i + len(word)
            if (
                (i == 0 or not _is_ascii_word_char(low[i - 1]))
                and (end == n or not _is_ascii_word_char(low[end]))
                and (i not in best or best[i][0] > rank)
            ):
                best[i] = (rank, end)
            i = low.find(word, i + 1)
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(best):
        if start >= pos:
            pos = best[start][1]
            out.append((start, pos))
    return out


def _unknown_places(
    doc: Doc, known: list[PlaceMention], matches: list[Any], w: _Words
) -> list[PlaceMention]:
    """Names missing from the gazetteer, recognised by their frame: a feature noun before them
    ("بلدة الصواغية", "village of X") or an apposition after them ("الليرمون، الضاحية")."""
    text, lang = doc.text, doc["lang"]
    found: list[tuple[int, int]] = []
    index: list[_Spans] = []

    def taken(a: int, b: int) -> bool:
        # known places and lexicon matches (already in text order); indexed on the first frame
        if not index:
            index.append(_Spans.of([(p.start, p.end) for p in known]))
            index.append(_Spans([m.start for m in matches], [m.end for m in matches]))
        return index[0].overlaps(a, b) or index[1].overlaps(a, b)

    for pos, end in _frame_spans(text, lang):
        key = short_key(text[pos:end], lang)
        if key in w.appositions:
            # "X، الضاحية ..." / "X, a suburb ...": the word before the comma is the name
            ps, pe = _prev_token(text, pos)
            between = text[pe:pos]
            if pe > ps and ("،" in between or "," in between):
                pk = short_key(text[ps:pe], lang)
                if _name_like(text[ps:pe], pk, lang) and not taken(ps, pe):
                    found.append((ps, pe))
        elif key in w.features and not taken(pos, end):
            nk, ns, ne = _next_token_key(text, end, lang)
            if nk in w.feature_links:  # "the village of X"
                nk, ns, ne = _next_token_key(text, ne, lang)
            if nk and _name_like(text[ns:ne], nk, lang) and not taken(ns, ne):
                found.append((ns, ne))
    out = []
    for s, e in found:
        place = ClaimPlace(text=text[s:e], start=s, end=e, level="unknown", reason="frame")
        out.append(PlaceMention(s, e, place, sentence_index(doc, s)))
    return out


#: Lowest geocoder score for a capitalised name after a cue word to be read as a place of the
#: gazetteer in another spelling ("in Saraqeb" -> Saraqab): the phonetic matcher's score for a
#: spelling differing in vowels and doubled letters is 89-95; below, unrelated names appear.
SPELLING_MIN_SCORE = 89.0
#: Words of a capitalised name after a cue word, at most ("Tal al-Sheikh Hussein").
_SPELLING_WORDS = 4


@functools.lru_cache(maxsize=4)
def _spelling_regexes(
    lang: str,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]] | None:
    """(cue word + name, coordinated name, name right after a word, words no such name has) of
    :func:`_spelled_places`, or None for a language whose script does not mark names (the
    language module's ``spelled_name_patterns``: capitalised words in English).

    The cue words are ``place.cue`` ("in", "near", "village of" ...), the articles inside a name
    ``place.name_continuation`` ("al-Numan"); the words: the scanner's stop words and
    ``place.spelling_stopword`` (capitalised words of news that are no place names: "Syrian",
    "Bashar", "Brigade")."""
    make = getattr(lang_module(lang), "spelled_name_patterns", None)
    if make is None:
        return None
    lex = load_lexicon(lang)
    cue, coord, after = make(
        lex.keys_of("place.cue"), lex.keys_of("place.name_continuation"), _SPELLING_WORDS
    )
    return cue, coord, after, load_scan_stopwords(lang) | lex.keys_of("place.spelling_stopword")


def _spelled_places(
    doc: Doc,
    gazetteer: Any,
    known: list[PlaceMention],
    blocked: list[tuple[int, int]],
    context: str,
    govs: frozenset[str],
    w: _Words,
    verbs: list[int],
    claim_words: list[int],
) -> list[PlaceMention]:
    """Capitalised names after a cue word ("in Saraqeb", "the town of Kafranbel") and the names
    coordinated with them ("Saraqeb, Sermin and Binnish") that the exact scanner missed: the
    press spells them otherwise than the gazetteer. Each is geocoded with the article's places
    as context and kept when the geocoder is sure (:func:`_sure_places`) and, when the article
    names governorates (``govs``), the place lies in one of them or is a town of note ("in
    Idlib" in an Aleppo story): a fuzzy match on a village elsewhere is most often a word that
    is no place ("Tariq al-Bab" in an Aleppo story is no village of Tartous). A longer name is
    tried before its first words ("Khan Sheikhoun" before "Khan"). Only the title, the lead and
    the sentences with a claim word (``claim_words``, offsets) are read."""
    text, lang = doc.text, doc["lang"]
    regexes = _spelling_regexes(lang)
    if regexes is None:
        return []
    cue_re, coord_re, after_re, stop = regexes
    taken = _Spans.of([(p.start, p.end) for p in known] + blocked)
    tried: set[int] = set()
    # chains are looked for in the title and lead and in the sentences that can make a claim:
    # the others' places locate nothing a monitor reads (and each reading costs a fuzzy
    # geocoding); runs of such sentences are scanned as one range
    sents = doc["sentences"]
    # (the sentence of each claim word by bisection, as ``sentence_index`` finds it: an index
    # below 0 is sentence 0, kept anyway)
    sent_starts = [s.start for s in sents]
    keep = sorted(
        {
            i
            for i in {0, 1} | {bisect_right(sent_starts, a) - 1 for a in claim_words}
            if 0 <= i < len(sents)
        }
    )
    ranges: list[list[int]] = []
    for i in keep:
        if ranges and ranges[-1][2] == i - 1:
            ranges[-1][1:] = [sents[i].end, i]
        else:
            ranges.append([sents[i].start, sents[i].end, i])
    # a chain starts after a cue word, right after a place already found ("Douma and Saqba")
    # or right after an incident word ("Bombardment targets Idlib", "jets struck Saraqeb")
    firsts = [m for a, b, _ in ranges for m in cue_re.finditer(text, a, b)]
    kept = set(keep)
    starts = [p.end for p in known if not p.foreign]
    firsts += [
        c
        for e in starts
        if (c := coord_re.match(text, e)) is not None and sentence_index(doc, c.start(1)) in kept
    ]
    firsts += [
        c
        for e in verbs
        if (c := after_re.match(text, e)) is not None and sentence_index(doc, c.start(1)) in kept
    ]
    # each name's readings, longest first; the chain goes on after the whole capitalised run
    pending: list[tuple[int, list[tuple[int, str]], int]] = []
    for first in firsts:
        m: re.Match[str] | None = first
        while m is not None and m.start(1) not in tried:
            start, end = m.span(1)
            tried.add(start)
            options = _spelling_options(text, start, end, taken, stop, lang, w)
            if options:
                pending.append((start, options, 0))
            m = coord_re.match(text, end)
    found: dict[tuple[int, int], ClaimPlace] = {}
    # the longest sure reading of each name wins: the readings are geocoded in rounds (all
    # names' longest, then the next of the names not yet placed)
    while pending:
        sure = _sure_places(gazetteer, [opts[i][1] for _, opts, i in pending], lang, context)
        later = []
        for start, opts, i in pending:
            end, surface = opts[i]
            place = sure[surface]
            if place is None:
                if i + 1 < len(opts):
                    later.append((start, opts, i + 1))
            elif not govs or place.admin1_pcode in govs or _notable([gazetteer.find(place.pcode)]):
                found[start, end] = _new_place(
                    surface,
                    start,
                    end,
                    place.pcode,
                    place.level,
                    place.admin1_pcode,
                    place.admin2_pcode,
                    place.lat,
                    place.lon,
                    place.score,
                    "spelling",
                )
        pending = later
    if not govs and found:
        # no governorate named: the names agree on one, or a strictly most frequent one wins
        # ("Tel Hamis" twice in Hasakah over "Iraq" once, a village "Arak" of Homs)
        ranked = Counter(p.admin1_pcode for p in found.values()).most_common(2)
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            found = {k: p for k, p in found.items() if p.admin1_pcode == ranked[0][0]}
    return [
        _new_mention(s, e, place, sentence_index(doc, s), False, False)
        for (s, e), place in sorted(found.items())
    ]


#: A possessive ending ("Hama's"): not part of the name.
_POSSESSIVE = re.compile("['\u2019]s$")
#: A word of a capitalised name.
_WORD_RUN = re.compile(r"\S+")


def _spelling_options(
    text: str, start: int, end: int, taken: _Spans, stop: frozenset[str], lang: str, w: _Words
) -> list[tuple[int, str]]:
    """The readings (end, surface) of the capitalised name ``text[start:end]`` to geocode, longest
    first: its first words.

    A word overlapping a place already found or a lexicon word (an actor, a weekday, a source)
    ends the name before it; no name opens with a direction or qualifier word ("Northern
    Caucasus"), has a stop word or an organisation word ("Brigade") or ends with a generic first
    word of names ("Sheikh" of "Sheikh Meskin", whose second word the geocoder did not take);
    a possessive ending is cut ("Hama's"), and a name has at least four letters of key."""
    if taken.overlaps(start, start + 1):
        return []
    words = [mm.span() for mm in _WORD_RUN.finditer(text, start, end)]
    keys = [short_key(text[a:b], lang) for a, b in words]
    if not keys or keys[0] in w.linkers:
        return []
    # the readings with a stop or organisation word: the first ``n`` words for any ``n > bad``
    bad = next((j for j, k in enumerate(keys) if k in stop or k in w.orgs), len(keys))
    out = []
    for n in range(bad, 0, -1):
        e = words[n - 1][1]
        if taken.overlaps(start, e):
            continue
        if keys[n - 1] in w.heads:
            continue
        surface = text[start:e]
        if (poss := _POSSESSIVE.search(surface)) is not None:
            surface, e = surface[: poss.start()], e - 2
        if len(short_key(surface, lang)) >= 4:
            out.append((e, surface))
    return out


#: ((gazetteer, within), surface, lang, context) -> :func:`_sure_places`'s answer; bounded
#: (cleared when full). The gazetteer is its identity and version: pipelines on other
#: gazetteers (a layer, one without some learned names) share nothing.
_SURE: dict[tuple[tuple[int, str, str | None], str, str, str | None], ClaimPlace | None] = {}
_SURE_MAX = 20000


def clear_spelling_cache() -> None:
    """Forget the answers of :func:`_sure_places` (benchmarks' cold passes)."""
    _SURE.clear()


def _after_particle(text: str, m: Any, lang: str) -> int:
    """Where the name of a lexicon match starts, after the particle glued to it ("وكوباني":
    at "كوباني"); its start when it has none or the text does not spell it as its key."""
    n = len(m.prefix)
    if n and short_key(text[m.start : m.start + n], lang) == m.prefix:
        return int(m.start + n)
    return int(m.start)


def _shortened(gazetteer: Any, sure: ClaimPlace, surface: str, lang: str) -> bool:
    """Whether the gazetteer's name of the place found for a town's alias has more words than the
    alias: the match dropped words of it ("Kafraya" for "Kafraya Elmaarra", one of two Kafrayas
    of Idlib), and an alias names the whole town."""
    place = gazetteer.find(sure.pcode) if sure.pcode else None
    if place is None or sure.score >= 100.0:  # an exact name of the place ("Kobane")
        return False
    words = len(short_key(surface, lang).split())
    names = [n.match_key for n in gazetteer.names_of(place.place_id)]
    return bool(names) and all(len(n.split()) > words for n in names)


def _governorate_context(gazetteer: Any, admin1: str) -> str | None:
    """A geocoding context naming one governorate ("Rural Damascus Governorate"), or None."""
    gov = gazetteer.find(admin1)
    return f"{gov.name_en} Governorate" if gov is not None and gov.name_en else None


def _sure_places(
    gazetteer: Any, surfaces: list[str], lang: str, context: str | None, *, within: str | None = None
) -> dict[str, ClaimPlace | None]:
    """The geocoder's answer for each name in another spelling when it is sure: a place in Syria
    (not the country itself) with a score of at least :data:`SPELLING_MIN_SCORE` and no
    runner-up as good in another governorate (``within``: the governorate the context names
    and the name is known to lie in; runners-up elsewhere do not count); else None (answers
    are kept per name, language, context and ``within``)."""
    context = context or None
    gid = (id(gazetteer), str(getattr(gazetteer, "version", "")), within)
    out: dict[str, ClaimPlace | None] = {}
    todo: list[str] = []
    for s in surfaces:
        if s not in out:
            key = (gid, s, lang, context)
            if key in _SURE:
                out[s] = _SURE[key]
            else:
                out[s] = None
                todo.append(s)
    if not todo:
        return out
    # one by one: an article's batch is a name or two, below what ``geocode_many``'s batch
    # planning pays for; ties are expected and read from the alternatives (a tie across
    # governorates is no answer), not warned of
    results = [gazetteer.geocode(s, lang=lang, context=context, warn=False) for s in todo]
    if len(_SURE) + len(todo) > _SURE_MAX:
        _SURE.clear()
    for s, r in zip(todo, results, strict=True):
        out[s] = _SURE[(gid, s, lang, context)] = _sure_answer(gazetteer, s, r, within)
    return out


def _sure_answer(gazetteer: Any, surface: str, r: Any, within: str | None = None) -> ClaimPlace | None:
    if (
        r.pcode is None
        or r.score < SPELLING_MIN_SCORE
        or getattr(r.level, "value", r.level) == "country"
    ):
        return None
    admin1 = r.admin1_pcode or r.pcode
    for alt in r.alternatives:
        if alt.score >= r.score:
            other = gazetteer.find(alt.pcode)
            if within is None and other is not None and (other.admin1_pcode or other.place_id) != admin1:
                return None
    level = getattr(r.level, "value", r.level)
    return _new_place(
        surface, 0, 0, r.pcode, level, admin1, r.admin2_pcode, r.lat, r.lon, float(r.score), None
    )


def _name_like(surface: str, key: str, lang: str) -> bool:
    """Whether a word can be an unknown place's name (the language module's ``name_like``:
    capitalised in English, with the article and five letters in Arabic)."""
    if len(key) < 3 or key.isdigit():
        return False
    return bool(lang_module(lang).name_like(surface, key))


#: Governorate capitals (the community of a governorate with its name) of each gazetteer, by
#: its identity and version.
_CAPITALS: dict[tuple[int, str], frozenset[str]] = {}


def _capitals(gazetteer: Any) -> frozenset[str]:
    """P-codes of the governorates' capitals: a governorate's community of the same English or
    Arabic name ("Idleb" of Idleb, "حلب" of حلب)."""
    gid = (id(gazetteer), str(getattr(gazetteer, "version", "")))
    hit = _CAPITALS.get(gid)
    if hit is None:
        places = getattr(gazetteer, "places", {})
        govs = {pid: p for pid, p in places.items() if _level(p) == "governorate"}
        hit = _CAPITALS[gid] = frozenset(
            pid for pid, p in places.items()
            if _level(p) == "community" and (gov := govs.get(p.admin1_pcode or "")) is not None
            and (p.name_en == gov.name_en or (p.name_ar is not None and p.name_ar == gov.name_ar))
        )
    return hit


#: Commas of both scripts.
_COMMAS = frozenset({",", "،"})


def _apposed(doc: Doc, out: list[PlaceMention], i: int, prev: PlaceMention, w: _Words) -> bool:
    """Whether ``out[i]`` follows ``prev`` after a comma alone ("Khan Sheikhoun, Idlib") and is
    not one of a list of places ("Saraqeb, Idlib and Ariha": a comma, a conjunction or nothing
    before the next place)."""
    cur = out[i]
    if doc.text[prev.end : cur.start].strip() not in _COMMAS:
        return False
    if i + 1 < len(out) and out[i + 1].sentence == cur.sentence:
        nxt = out[i + 1]
        gap = doc.text[cur.end : nxt.start]
        words = short_key(gap, doc["lang"]).split()
        if gap.strip() in _COMMAS or not words or (len(words) == 1 and words[0] in w.conjunctions):
            return False
    return True


#: Characters joining the two ends of a road ("حلب - دمشق", "Aleppo-Damascus").
_ROAD_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


def _road_end(doc: Doc, prev: PlaceMention, cur: PlaceMention, w: _Words) -> bool:
    """Whether ``cur`` is the far end of a road named from ``prev`` ("طريق حلب - دمشق", "the
    Aleppo-Damascus highway", "Homs–Salamiyah road"): the two joined by a dash only, and a road
    word right before the first or right after the second."""
    if prev.foreign or prev.sentence != cur.sentence:
        return False
    gap = doc.text[prev.end : cur.start]
    if not gap.strip() or gap.strip(" " + _ROAD_DASHES) or not any(c in _ROAD_DASHES for c in gap):
        return False
    # (the road word before the first end, or opening its mention: "طريق حلب" is a site)
    before = key_slice(doc, max(0, prev.start - 30), prev.start).split()[-1:]
    before += key_slice(doc, prev.start, prev.end).split()[:1]
    after = key_slice(doc, cur.end, min(len(doc.text), cur.end + 30)).split()[:1]
    return not w.roads.isdisjoint(before) or not w.roads.isdisjoint(after)


def _mark_qualifiers(
    doc: Doc, places: list[PlaceMention], w: _Words, triggers: list[int],
    capitals: frozenset[str] = frozenset(),
) -> list[PlaceMention]:
    """Mark places that only locate the place before them, and give unknown places the
    governorate of the place that locates them (``triggers``: starts of the incident words, in
    text order; ``capitals``: P-codes of the governorates' capitals)."""
    out = list(places)
    for i in range(len(out)):
        cur = out[i]
        if cur.foreign or cur.qualifier:
            continue
        if i > 0 and w.roads and _road_end(doc, out[i - 1], cur, w):
            # "طريق حلب - دمشق الدولي", "the Aleppo-Damascus highway": the road's other end, not a
            # second place of the incident
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
            continue
        before = key_slice(doc, max(0, cur.start - 60), cur.start).split()[-5:]
        if not w.references.isdisjoint(before):
            # "على بعد عشرة كيلومترات من بلدة عين العرب": a reference point, not the location
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
        elif (
            w.directions
            and (j := _direction_before(before, w)) >= 0
            and _located_before(doc, out, i, len(before) - j, triggers)
        ):
            # "مناطق ساحلية تسيطر عليها القوات الحكومية شمال العاصمة دمشق", "the Atmeh crossing
            # west of Aleppo": the place before is located by this one, a reference point
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
    for i in range(1, len(out)):
        cur = out[i]
        if cur.foreign and not out[i - 1].foreign and out[i - 1].sentence == cur.sentence:
            # "الحسينية، شمالي بغداد": a place located by a foreign one is abroad too
            prev = out[i - 1]
            gap = key_slice(doc, prev.end, cur.start).split()
            if len(gap) <= 3 and w.linkers.issuperset(gap):
                out[i - 1] = _new_mention(
                    prev.start, prev.end, prev.place, prev.sentence, False, True
                )
            continue
        if cur.foreign or cur.place.admin1_pcode is None:
            continue
        # nearest previous non-foreign place in the same sentence
        k = i - 1
        while k >= 0 and out[k].foreign:
            k -= 1
        if k < 0:
            continue
        prev = out[k]
        if prev.sentence != cur.sentence:
            continue
        if _trigger_between(triggers, prev.end, cur.start):
            continue
        gap_words = key_slice(doc, prev.end, cur.start).split()
        if (
            not gap_words
            and prev.place.admin1_pcode == cur.place.admin1_pcode
            and prev.place.level not in ("governorate", "region")
            and (cur.place.level in ("governorate", "region") or cur.place.pcode in capitals)
            and cur.place.pcode != prev.place.pcode
            and _apposed(doc, out, i, prev, w)
        ):
            # "Khan Sheikhoun, Idlib", "Kafr Nabl, Idlib province", "Douma, Eastern Ghouta": the
            # governorate (or a region of it) after a comma locates the place before it
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
            continue
        countryside = (
            cur.place.reason != "alias"
            and cur.place.level == "governorate"
            and cur.start < _name_start(cur)
        )
        if (not gap_words and not countryside) or len(gap_words) > max(
            _QUALIFIER_GAP, _UNKNOWN_GAP
        ):
            continue
        if (
            len(gap_words) == 2
            and gap_words[0] in w.features
            and gap_words[1] in w.feature_links
            and (
                prev.place.level == "governorate"
                or (prev.place.pcode is not None and prev.place.reason in _ADJECTIVE_REASONS)
            )
            and (prev.place.admin1_pcode == cur.place.admin1_pcode or _suburb_of(prev.place, cur.place))
            and cur.place.pcode != prev.place.pcode
            and cur.place.level != "governorate"
        ):
            # "the Idlib town of Ariha", "the Aleppo village of Tal Rifaat": a governorate (or
            # its capital's name) said as an adjective locates the place after it; a city's
            # name also across its governorate's border ("the Damascus suburb of Jaramana"
            # lies in Rif Dimashq)
            out[k] = _new_mention(prev.start, prev.end, prev.place, prev.sentence, True, False)
            continue
        unknown = prev.place.level == "unknown"
        linked = countryside or not w.linkers.isdisjoint(gap_words)
        if unknown and prev.place.admin1_pcode is None and len(gap_words) <= _UNKNOWN_GAP:
            out[k] = _new_mention(
                prev.start,
                prev.end,
                _with_admin1(prev.place, cur.place.admin1_pcode),
                prev.sentence,
                False,
                False,
            )
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
            continue
        contains = (
            cur.place.level == "governorate" or cur.place.pcode == _capital(cur) or cur.place.pcode in capitals
        ) and prev.place.admin1_pcode == cur.place.admin1_pcode
        if contains and linked and len(gap_words) <= 3:
            out[i] = _new_mention(cur.start, cur.end, cur.place, cur.sentence, True, False)
    # a name located abroad once ("بلدة الحديد غرب ديالى") is abroad again later in the article
    # ("قرية الحديد إلى الشمال من بلدة خان بني سعد")
    # (a name is keyed once a name is located abroad: before, no place is abroad again)
    abroad: dict[str, int] = {}
    lang = doc["lang"]
    for n, p in enumerate(out):
        if p.foreign:
            if p.place.level != "foreign":
                abroad.setdefault(short_key(p.place.text, lang), n)
        elif abroad and abroad.get(short_key(p.place.text, lang), n) < n:
            out[n] = _new_mention(p.start, p.end, p.place, p.sentence, False, True)
    # an unknown place still without governorate takes the one the article names most
    govs = Counter(p.place.admin1_pcode for p in out if not p.foreign and p.place.admin1_pcode)
    if govs:
        top = govs.most_common(1)[0][0]
        out = [
            _new_mention(p.start, p.end, _with_admin1(p.place, top), p.sentence, False, False)
            if p.place.level == "unknown" and p.place.admin1_pcode is None and not p.foreign
            else p
            for p in out
        ]
    return out


#: Words (keys) between a place and the direction phrase that makes a later place its reference
#: ("Maaret al-Numan a city south of Idlib", "Douma around 10km northeast of Damascus").
_DIRECTION_GAP = 4


def _direction_before(before: list[str], w: _Words) -> int:
    """Where the words before a place (``before``: their keys) end with a direction phrase
    (``place.reference_direction``: "شمال", "north of") and feature words only ("شمال العاصمة",
    "north of the city of"): the index of its first word in ``before``, else -1."""
    fillers = w.direction_fillers
    if w.direction_firsts.isdisjoint(before):
        return -1  # the common case: no direction word at all
    for j in range(len(before) - 1, -1, -1):
        for n in (4, 3, 2, 1):
            if (
                j + n <= len(before)
                and " ".join(before[j : j + n]) in w.directions
                and all(x in fillers for x in before[j + n :])
            ):
                return j
        if before[j] not in fillers:
            return -1
    return -1


def _trigger_between(triggers: Sequence[int], a: int, b: int) -> bool:
    """Whether an incident word starts in ``[a, b)`` (``triggers``: their starts, in text order)."""
    t_next = bisect_left(triggers, a)
    return t_next < len(triggers) and triggers[t_next] < b


def _located_before(
    doc: Doc, places: list[PlaceMention], i: int, words_after: int, triggers: Sequence[int] = ()
) -> bool:
    """Whether a Syrian place of the same sentence ends at most ``_DIRECTION_GAP`` words before
    the direction phrase before place ``i`` (``words_after``: words from the phrase to place
    ``i``), with no incident word between (``triggers``: their starts, in text order): the place
    the phrase locates ("the Atmeh crossing west of Aleppo", "the village of Tokhar near
    Manbij"). A common noun there ("a transit point west of Aleppo", "areas north of Aleppo")
    or another incident ("شن الطيران غارات على بنش، وقصف قرب سراقب") leaves place ``i`` the
    location: the incident is near it."""
    cur = places[i]
    for k in range(i - 1, -1, -1):
        prev = places[k]
        if prev.sentence != cur.sentence:
            return False
        if prev.foreign or prev.place.admin1_pcode is None:
            continue
        if _trigger_between(triggers, prev.end, cur.start):
            return False
        return len(key_slice(doc, prev.end, cur.start).split()) - words_after <= _DIRECTION_GAP
    return False


def _name_start(p: PlaceMention) -> int:
    """Start of the name itself in a "ريف X" mention (after the countryside word)."""
    i = p.start
    while i < p.end and not p.place.text[i - p.start].isspace():
        i += 1
    return i if i < p.end else p.start


#: How a place said as an adjective ("the Idlib town of Ariha") was found: its governorate's
#: capital, or a press name of a city (``place_aliases``).
_ADJECTIVE_REASONS = frozenset({"governorate capital", "alias"})


#: A city said as an adjective ("the Damascus suburb of X") names places this close to it, in
#: metres, across a governorate's border too.
_SUBURB_M = 25_000.0


def _suburb_of(city: ClaimPlace, place: ClaimPlace) -> bool:
    """Whether ``place`` lies within :data:`_SUBURB_M` of ``city`` (a city, not a governorate)."""
    if city.level == "governorate" or None in (city.lat, city.lon, place.lat, place.lon):
        return False
    return distance_m(lon1=city.lon, lat1=city.lat, lon2=place.lon, lat2=place.lat) <= _SUBURB_M  # type: ignore[arg-type]


def _capital(p: PlaceMention) -> str | None:
    return p.place.pcode if p.place.reason == "governorate capital" else None


def _with_admin1(place: ClaimPlace, admin1: str | None) -> ClaimPlace:
    return _new_place(
        place.text,
        place.start,
        place.end,
        None,
        "unknown",
        admin1,
        None,
        None,
        None,
        0.0,
        place.reason,
    )
