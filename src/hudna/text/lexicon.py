"""Lexicons: language data files (``hudna.lexicons``) loaded into a matcher (issue #4).

DESIGN.md §4: entries live in YAML files per language, keyed by concept id, each file with a
``meta:`` block; match keys are computed at load time with :func:`hudna.text.normalize.match_key`,
the same function applied to incoming text. The matcher runs one Aho-Corasick pass over the key
of a text and maps every hit back to a span of the *original* text (house rule 4).

Attached particles are data too: ``morph.proclitic`` / ``morph.enclitic`` entries of a language
say which letters may be glued before or after a lexicon form (Arabic ``و``/``ب``/``ال``...), so
the matcher itself has no language-specific code.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from hudna.errors import DataError
from hudna.text.normalize import KeyedText, keyed_text, lang_module, match_key
from hudna.text.slots import slot_builder

__all__ = [
    "short_key",
    "Entry",
    "Lexicon",
    "LexiconMatch",
    "Matcher",
    "get_matcher",
    "iter_lexicon_files",
    "load_concepts",
    "load_lexicon",
]

logger = logging.getLogger(__name__)

META_FIELDS = ("source", "licence", "curators", "version", "updated_on")
ENTRY_KINDS = ("literal", "prefix", "regex")
_ENTRY_FIELDS = {"form", "kind", "note", "value"}
#: Concepts that are lists of context words, read with :meth:`Lexicon.keys_of` and not matched
#: in text (function words such as "on", "في" would flood the matcher).
CONTEXT_LISTS = frozenset(
    {"place.cue", "place.common_word", "time.filler", "approx.range_joiner", "text.abbreviation",
     "place.attached_preposition", "place.org_word", "place.feature", "place.apposition",
     "place.qualifier_link", "clause.contrast", "clause.topic_shift", "clause.concurrent",
     "clash.symmetric", "crash.word", "attribution.complementizer", "place.reference",
     "role.target_after", "role.passive_aux", "role.victim_head", "role.agent_position",
     "attribution.relay_proclitic", "text.dateline_word", "text.tag_marker",
     "text.sentence_opener", "place.origin", "role.sponsor_after", "text.caption_credit",
     "place.modifier_after", "casualty.agentive", "casualty.among_after", "incident.government_weapon",
     "casualty.toll_rise", "text.counter_word", "incident.device", "incident.air_dropped",
     "status.announce_verb", "role.resumptive_pronoun", "clause.coordinate_subject", "place.countryside_dual", "incident.capture_word", "incident.captured_people",
     "place.reference_direction",
     "text.related_marker", "place.name_continuation", "place.name_head", "place.feature_link", "regime.compound_noun",
     "incident.participle", "place.spelling_stopword", "duration.marker", "duration.attached_marker",
     "duration.skip", "duration.singular", "duration.lookback", "duration.lookback_after",
     "actor.owner_link", "incident.intent", "place.anaphor", "num.unit_link", "duration.adjective_after",
     "place.road_word", "text.abbreviation_continued", "incident.reference_word"}
)


#: Letters of a form up to which it takes no enclitic and only short-form proclitics.
_SHORT_FORM = 2


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form of a concept, as written in a lexicon file (display form, NFC)."""

    concept: str
    form: str
    lang: str
    kind: str = "literal"
    value: float | None = None
    note: str | None = None
    path: str = ""
    key: str = ""
    #: The concept namespace (``"incident"`` for ``"incident.shelling"``).
    family: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "family", self.concept.split(".", 1)[0])


@dataclass(slots=True, unsafe_hash=True, init=False)
class LexiconMatch:
    """A lexicon hit: ``text[start:end]`` of the original text is a form of ``entry.concept``.

    ``prefix``/``suffix`` are the attached particles (in match-key letters) that were skipped.
    Treat it as immutable (hashed by value); it is not declared frozen because a frozen
    dataclass's ``__init__`` costs three times as much, and a text has hundreds of hits (for
    the same reason ``__init__`` is written out: it sets ``concept`` without a
    ``__post_init__`` call, and :meth:`Matcher.match_keyed` builds matches through the slots,
    :data:`_make_match`: a field added here is added there too).
    """

    start: int
    end: int
    text: str
    entry: Entry
    key_start: int
    key_end: int
    prefix: str = ""
    suffix: str = ""
    #: ``entry.concept``, stored (rules read it many times per match).
    concept: str = field(init=False, repr=False, compare=False)

    def __init__(self, start: int, end: int, text: str, entry: Entry, key_start: int, key_end: int,
                 prefix: str = "", suffix: str = "") -> None:
        self.start = start
        self.end = end
        self.text = text
        self.entry = entry
        self.key_start = key_start
        self.key_end = key_end
        self.prefix = prefix
        self.suffix = suffix
        self.concept = entry.concept

    @property
    def value(self) -> float | None:
        return self.entry.value


#: :meth:`Matcher.match_keyed` makes its matches through their slots (every field, in order).
_make_match: Callable[..., LexiconMatch] = slot_builder(LexiconMatch, (
    "start", "end", "text", "entry", "key_start", "key_end", "prefix", "suffix", "concept"))


def as_concept(m: LexiconMatch, concept: str) -> LexiconMatch:
    """The same words read as another concept (a rule's reading of a match in its context: the
    verb "أعلن" of "أعلن الجيش هدنة" is the truce's announcement); ``entry`` stays the matched one."""
    return _make_match(m.start, m.end, m.text, m.entry, m.key_start, m.key_end, m.prefix, m.suffix, concept)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All entries of one language plus the provenance of the files they came from."""

    lang: str
    entries: tuple[Entry, ...]
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str = ""
    _index: dict[str, list[Entry]] = field(default_factory=dict, compare=False, repr=False)

    def forms_of(self, concept: str) -> list[Entry]:
        """Entries of ``concept`` (or of every concept under ``concept + '.'``).

        Examples
        --------
        >>> lex = load_lexicon("ar")
        >>> any(e.form == "داعش" for e in lex.forms_of("actor.isis"))
        True
        """
        cached = self._index.get(concept)
        if cached is None:
            cached = [
                e for e in self.entries
                if e.concept == concept or e.concept.startswith(concept + ".")
            ]
            self._index[concept] = cached
        return cached

    def keys_of(self, concept: str) -> frozenset[str]:
        """Match keys of the forms of ``concept``."""
        return _keys_of(self, concept)

    def lookup(self, text: str) -> list[Entry]:
        """Entries whose match key equals the key of ``text`` (exact, whole form).

        Examples
        --------
        >>> [e.concept for e in load_lexicon("ar").lookup("قوات النظام")]
        ['actor.syrian-government']
        >>> [e.concept for e in load_lexicon("en").lookup("Air Strikes")]
        ['incident.air_strike']
        """
        key = match_key(text, self.lang)
        return [e for e in self.entries if e.key == key]


@functools.lru_cache(maxsize=65536)
def short_key(text: str, lang: str) -> str:
    """:func:`~hudna.text.normalize.match_key` of a short string (gaps between words), cached.

    Examples
    --------
    >>> short_key(" ، و", "ar")
    'و'
    """
    return match_key(text, lang)


@functools.lru_cache(maxsize=512)
def _keys_of(lexicon: Lexicon, concept: str) -> frozenset[str]:
    return frozenset(e.key for e in lexicon.forms_of(concept) if e.key)


def _lexicon_root() -> Traversable:
    return resources.files("hudna.lexicons")


def iter_lexicon_files(lang: str, extra_dirs: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """Yield ``(path, text)`` of every YAML file of ``lang``: packaged first, then ``extra_dirs``.

    Examples
    --------
    >>> any(p.endswith("incident_types.yaml") for p, _ in iter_lexicon_files("en"))
    True
    """
    base = _lexicon_root() / lang
    if base.is_dir():
        for item in sorted(base.iterdir(), key=lambda t: t.name):
            if item.name.endswith(".yaml"):
                yield f"hudna.lexicons/{lang}/{item.name}", item.read_text(encoding="utf-8")
    for extra in extra_dirs:
        folder = Path(extra) / lang
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                yield str(path), path.read_text(encoding="utf-8")


def _parse_entry(concept: str, raw: Any, *, lang: str, path: str) -> Entry:
    if isinstance(raw, str):
        return Entry(concept=concept, form=raw, lang=lang, path=path, key=match_key(raw, lang))
    if isinstance(raw, dict):
        unknown = set(raw) - _ENTRY_FIELDS
        if unknown or "form" not in raw:
            raise DataError(
                f"entry needs 'form' and only {sorted(_ENTRY_FIELDS)}", path=path, field=concept
            )
        kind = str(raw.get("kind", "literal"))
        if kind not in ENTRY_KINDS:
            raise DataError(f"unknown entry kind {kind!r}", path=path, field=concept)
        form = str(raw["form"])
        value = raw.get("value")
        return Entry(
            concept=concept,
            form=form,
            lang=lang,
            kind=kind,
            value=float(value) if value is not None else None,
            note=raw.get("note"),
            path=path,
            key=match_key(form, lang) if kind != "regex" else "",
        )
    raise DataError(f"entry must be a string or a mapping, got {raw!r}", path=path, field=concept)


def parse_lexicon_file(text: str, *, lang: str, path: str) -> tuple[dict[str, Any], list[Entry]]:
    """Parse one lexicon file into its ``meta`` block and entries.

    Examples
    --------
    >>> meta, entries = parse_lexicon_file(
    ...     "meta: {source: x, licence: MIT, curators: [a], version: '1', updated_on: '2026-01-01'}\\n"
    ...     "incident.shelling: [قذائف, {form: هاون, note: mortar}]\\n", lang="ar", path="t.yaml")
    >>> [(e.concept, e.key) for e in entries]
    [('incident.shelling', 'قذائف'), ('incident.shelling', 'هاون')]
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(
            f"invalid YAML: {exc}", path=path, line=(mark.line + 1) if mark else None
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
        raise DataError("a lexicon file needs a 'meta:' block", path=path, field="meta")
    meta = data["meta"]
    missing = [f for f in META_FIELDS if f not in meta]
    if missing:
        raise DataError(f"meta block lacks {missing}", path=path, field="meta")
    entries: list[Entry] = []
    for concept, raws in data.items():
        if concept == "meta":
            continue
        if concept == "allowed" or raws is None:
            continue
        if not isinstance(raws, list):
            raise DataError("a concept must hold a list of entries", path=path, field=str(concept))
        entries.extend(_parse_entry(str(concept), r, lang=lang, path=path) for r in raws)
    return meta, entries


@functools.cache
def _load(lang: str, extra_dirs: tuple[str, ...], digest: str) -> Lexicon:
    del digest  # part of the cache key only: a changed file gives a new lexicon
    metas: dict[str, dict[str, Any]] = {}
    entries: list[Entry] = []
    seen: set[tuple[str, str, str]] = set()
    for path, text in iter_lexicon_files(lang, extra_dirs):
        meta, file_entries = parse_lexicon_file(text, lang=lang, path=path)
        metas[path] = meta
        for e in file_entries:
            ident = (e.concept, e.form, e.kind)
            if ident not in seen:
                seen.add(ident)
                entries.append(e)
    version = hashlib.sha256(
        "".join(f"{p}:{m.get('version')}" for p, m in sorted(metas.items())).encode()
    ).hexdigest()[:12]
    logger.debug("lexicon %s: %d entries from %d files", lang, len(entries), len(metas))
    return Lexicon(lang=lang, entries=tuple(entries), meta=metas, version=f"{lang}-{version}")


def _digest(lang: str, extra_dirs: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for path, text in iter_lexicon_files(lang, extra_dirs):
        h.update(path.encode())
        h.update(text.encode())
    return h.hexdigest()


def load_lexicon(lang: str, extra_dirs: Sequence[str] = ()) -> Lexicon:
    """Load the lexicon of ``lang`` (``"ar"``/``"en"``), cached by (language, dirs, file hash).

    Examples
    --------
    >>> lex = load_lexicon("ar")
    >>> lex.lang, lex.version.startswith("ar-")
    ('ar', True)
    """
    dirs = tuple(extra_dirs)
    return _load(lang, dirs, _digest(lang, dirs) if dirs else "packaged")


@functools.cache
def load_concepts() -> dict[str, dict[str, Any]]:
    """The language-neutral concept ids of ``concepts.yaml`` with their gloss.

    Examples
    --------
    >>> "incident.air_strike" in load_concepts()
    True
    """
    path = "hudna.lexicons/concepts.yaml"
    data = yaml.safe_load((_lexicon_root() / "concepts.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "meta" not in data:
        raise DataError("concepts.yaml needs a meta block", path=path, field="meta")
    return {k: v for k, v in data.items() if k != "meta"}


def concept_exists(concept: str, concepts: Iterable[str]) -> bool:
    """Whether ``concept`` is declared, directly or by a ``namespace.*`` declaration.

    Examples
    --------
    >>> concept_exists("gazetteer.feature", ["gazetteer.*"])
    True
    >>> concept_exists("incident.foo", ["incident.air_strike"])
    False
    """
    names = set(concepts)
    if concept in names:
        return True
    parts = concept.split(".")
    return any(".".join(parts[:i]) + ".*" in names for i in range(1, len(parts)))


class Matcher:
    """Finds lexicon forms in text; one automaton per language, built once.

    Parameters
    ----------
    lexicon
        The lexicon to match.
    families
        Concept namespaces to include (``None``: all except ``morph`` and ``gazetteer``).
    """

    def __init__(self, lexicon: Lexicon, families: Iterable[str] | None = None) -> None:
        self.lexicon = lexicon
        fams = set(families) if families is not None else None
        self.proclitics = lexicon.keys_of("morph.proclitic")
        self.enclitics = lexicon.keys_of("morph.enclitic")
        # forms of one or two letters ("لم", "لا", "آب", "on") take no enclitic and only the
        # particles of ``morph.short_form_proclitic`` ("ولم"): "سلمى" is no "س" + "لم" + "ى",
        # "أبي" no "آب" + "ي"
        short_pros = lexicon.keys_of("morph.short_form_proclitic") & self.proclitics
        # verbs carry no preposition or article (``morph.verb_proclitic``, ``morph.verb_concept``)
        verb_pros = lexicon.keys_of("morph.verb_proclitic") & self.proclitics
        verb_concepts = frozenset(e.form for e in lexicon.forms_of("morph.verb_concept"))

        def allowed(pro: str, entries: list[Entry]) -> tuple[Entry, ...]:
            if not pro or not verb_concepts or pro in verb_pros:
                return tuple(entries)
            return tuple(e for e in entries if e.concept not in verb_concepts)

        self._auto = ahocorasick.Automaton()
        by_key: dict[str, list[Entry]] = {}
        regexes: list[tuple[re.Pattern[str], Entry]] = []
        for e in lexicon.entries:
            if e.family in ("morph", "gazetteer") or e.concept in CONTEXT_LISTS:
                continue
            if fams is not None and e.family not in fams:
                continue
            if e.kind == "regex":
                regexes.append((re.compile(e.form), e))
            elif e.key:
                by_key.setdefault(e.key, []).append(e)
        # Every form is added once per allowed proclitic, behind a space: hits then only start
        # at word starts, which keeps the Python work per text small (issue #4 speed goal).
        words: dict[str, list[tuple[int, str, tuple[Entry, ...]]]] = {}
        # language-specific spellings of a particle before the form ("ل" + "ال" = "لل")
        assimilated = getattr(lang_module(lexicon.lang), "article_assimilated_forms", None)
        for key, entries in by_key.items():
            short = len(key.replace(" ", "")) <= _SHORT_FORM
            for pro in ("", *sorted(short_pros if short else self.proclitics)):
                es = allowed(pro, entries)
                if es:
                    words.setdefault(" " + pro + key, []).append((len(key), pro, es))
            if assimilated is not None and not short:
                for surface, pro in assimilated(key):
                    es = allowed(pro, entries)
                    if pro in self.proclitics and es:
                        words.setdefault(" " + surface, []).append((len(surface) - len(pro), pro, es))
        for word, payload in words.items():
            # last: whether any entry may end inside a word (``kind: prefix``); a hit followed by
            # letters that are no enclitic is skipped at once when none may
            any_prefix = any(e.kind == "prefix" for _, _, es in payload for e in es)
            bare = all(n <= _SHORT_FORM for n, _, _ in payload)
            # one flat tuple per entry, in payload order: (proclitic, its length, entry, family,
            # whether the entry may end inside a word)
            flat = tuple((pro, len(pro), e, e.family, e.kind == "prefix") for _, pro, es in payload for e in es)
            self._auto.add_word(word, (len(word), flat, any_prefix, bare))
        self._regexes = regexes
        self._empty = not by_key
        if not self._empty:
            self._auto.make_automaton()

    def match_keyed(self, kt: KeyedText) -> list[LexiconMatch]:
        """Matches in an already keyed text (see :func:`hudna.text.normalize.keyed_text`).

        Hits are collected as plain tuples and overlaps resolved on them; only the kept ones
        become :class:`LexiconMatch` objects (a text has many more hits than matches).
        """
        key = kt.key
        n = len(key)
        text = kt.text
        found: list[_Hit] = []
        # rank of each concept family by its first hit: the tie order of the overlap rules
        ranks: dict[str, int] = {}
        if not self._empty:
            enclitics = self.enclitics
            # key offsets -> original offsets: indexing the memoryviews of the offset arrays
            # gives Python ints directly (no numpy scalars, no conversion of whole arrays)
            o_starts = kt.starts.data
            o_ends = kt.ends.data
            add = found.append
            for last, (wlen, flat, any_prefix, bare) in self._auto.iter(" " + key):
                # ``last`` indexes the padded key; key index = padded index - 1, so ``last`` is
                # the key index just after the form, and its first letter (after the space):
                start = last - wlen + 1
                o_start = o_starts[start]
                if last < n and key[last] != " ":
                    we = key.find(" ", last)
                    we = n if we < 0 else we
                    suffix = key[last:we]
                    bad_suffix = bare or suffix not in enclitics
                    if bad_suffix and not any_prefix:
                        continue
                    neg_end = -o_ends[we - 1]
                    slen = len(suffix)
                    for prefix, plen, e, fam, may_end_inside in flat:
                        if bad_suffix and not may_end_inside:
                            continue
                        rank = ranks.get(fam)
                        if rank is None:
                            rank = ranks[fam] = len(ranks)
                        add((o_start, neg_end, rank, plen + slen, e, start, we, prefix, suffix))
                else:
                    neg_end = -o_ends[last - 1]
                    for prefix, plen, e, fam, _ in flat:
                        rank = ranks.get(fam)
                        if rank is None:
                            rank = ranks[fam] = len(ranks)
                        add((o_start, neg_end, rank, plen, e, start, last, prefix, ""))
        for pattern, e in self._regexes:
            for m in pattern.finditer(text):
                rank = ranks.get(e.family)
                if rank is None:
                    rank = ranks[e.family] = len(ranks)
                found.append((m.start(), -m.end(), rank, 0, e, -1, -1, "", ""))
        # through the slots (a text has hundreds of matches, a few ten thousand per article set)
        make = _make_match
        return [make(s, -ne, text[s:-ne], e, ks, ke, p, sx, e.concept)
                for s, ne, _r, _a, e, ks, ke, p, sx in _resolve_overlaps(found, len(ranks))]

    def match(self, text: str) -> list[LexiconMatch]:
        """All lexicon matches in ``text``, longest per concept family, in text order.

        Examples
        --------
        >>> m = get_matcher("ar").match("وأدت نحو ثلاثين غارة شنها النظام")
        >>> [(x.text, x.concept) for x in m if x.entry.family in ("incident", "actor")]
        [('غارة', 'incident.air_strike'), ('النظام', 'actor.syrian-government')]
        >>> [(x.text, x.concept) for x in get_matcher("en").match("Government forces launched air strikes")]
        [('Government forces', 'actor.syrian-government'), ('air strikes', 'incident.air_strike')]
        """
        return self.match_keyed(keyed_text(text, self.lexicon.lang))


#: A raw hit: (start, -end, family rank, affix length, entry, key start, key end, prefix,
#: suffix). The family rank is the order of the family's first hit in the text's hits.
_Hit = tuple[int, int, int, int, Entry, int, int, str, str]
#: Text order (leftmost, longest first), then family, then most literal.
_ORDER = operator.itemgetter(0, 1, 2, 3)


def _resolve_overlaps(found: list[_Hit], n_families: int | None = None) -> list[_Hit]:
    """Within a concept family keep leftmost-longest (then most literal) matches.

    Forms of different concepts on the very same span are all kept (whitelisted ambiguity).
    The result is in text order (start, then longest first), then by family (in the order of
    their first hits), then most literal first, then in the order found.

    One stable sort by that order serves both the rules and the result: each family's hits,
    read in it, come leftmost-longest then most literal (what the rules need), and the hits kept
    are already in the result's order.
    """
    found.sort(key=_ORDER)
    kept: list[_Hit] = []
    # per family (ranks are 0, 1, ... n - 1): the last hit kept by the overlap rule, its end,
    # and the family's kept hits, in lists indexed by rank (no dict look-up, no state tuple
    # built per hit)
    n = n_families if n_families is not None else 1 + max((m[2] for m in found), default=-1)
    lasts: list[_Hit | None] = [None] * n
    last_ends = [-1] * n
    fam_kepts: list[list[_Hit]] = [[] for _ in range(n)]
    keep = kept.append
    for m in found:
        r = m[2]
        last = lasts[r]
        if last is not None and m[0] == last[0] and m[1] == last[1]:
            fam_kept = fam_kepts[r]
            if (
                m[3] == last[3]
                and m[4].concept != last[4].concept
                and all(k[4].concept != m[4].concept for k in fam_kept[-3:] if k[0] == m[0])
            ):
                keep(m)
                fam_kept.append(m)
            continue
        if m[0] < last_ends[r]:
            continue
        keep(m)
        fam_kepts[r].append(m)
        lasts[r] = m
        last_ends[r] = -m[1]
    return kept


@functools.cache
def _matcher(lang: str, extra_dirs: tuple[str, ...], version: str) -> Matcher:
    del version
    return Matcher(load_lexicon(lang, extra_dirs))


def get_matcher(lang: str, extra_dirs: Sequence[str] = ()) -> Matcher:
    """The cached matcher of ``lang`` over every concept family.

    Examples
    --------
    >>> get_matcher("en") is get_matcher("en")
    True
    """
    lex = load_lexicon(lang, extra_dirs)
    return _matcher(lang, tuple(extra_dirs), lex.version)
