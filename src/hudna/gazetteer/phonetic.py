"""Spelling-independent lookup of place names (issue #3): phonetic keys, an index, similarity.

Every usable name of a place gets phonetic keys (:func:`hudna.text.lang.en.phonetic_keys` for
Latin names, :func:`hudna.text.lang.ar.latin_consonant_key` for Arabic names, so an English
transliteration is compared with the Arabic original too):

* the **vowel key** keeps consonants and where vowels are (``Muzayrib`` → ``mazarab``,
  ``Mzeireb`` → ``mzarab``);
* the **consonant key** keeps consonants only (both → ``mzrb``; ``المزيريب`` → ``mzrb``).

A multi-word name is also indexed without its last one or two words, at a penalty: OCHA adds a
disambiguating word to many names ("Madamiyet Elqalmun" is al-Muaddamiyah of the Qalamun).

Candidates of a query come from (1) equal keys, (2) consonant keys one deletion apart on either
side (a symmetric-deletion index: edit distance ≤ 2 with substitutions, pure dictionary
look-ups, never a scan of all names) and (3) when the context names districts, a rapidfuzz
``process.extract`` over the keys of those districts only (vowel keys of their Latin names for a
Latin query, consonant keys of all their names for an Arabic one). Each candidate is scored by
:func:`similarity` (0–100); ties are broken by entry index (the order names were indexed), so
answers do not depend on hash seeds.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from hudna.domain.place import Level
from hudna.gazetteer.model import Place, PlaceName
from hudna.text.normalize import lang_module

__all__ = ["PhoneticIndex", "query_keys", "similarity"]

#: Penalty of a key made by dropping the last word(s) of a name (per dropped word count).
PREFIX_PENALTY = {1: 6.0, 2: 9.0}
#: Penalty of a key made by dropping the first word of a name ("Qetet Elbuleil" as "Buleil").
SUFFIX_PENALTY = 8.0
#: Penalty of a key made by dropping a name's qualifying words ("Western Tiba" as "Tiba").
QUALIFIER_PENALTY = 5.0
#: Consonant-key-only evidence (an Arabic name, or no vowel key) is coarser than the vowel key.
CONSONANT_ONLY_PENALTY = 6.0
#: Consonant keys shorter than this are looked up as they are (their one-deletion neighbours
#: would be most of the gazetteer); the context's areas still give fuzzy candidates.
MIN_DELETE_LEN = 4
#: The area search keeps this many best keys per query and key kind, at or above the cutoffs.
AREA_LIMIT = 6
AREA_CUTOFF_VOWEL = 60.0
AREA_CUTOFF_CONSONANT = 66.0
#: rapidfuzz ``cdist`` threads of the area search (1: the batches are small; more threads cost
#: more to start than they save here).
CDIST_WORKERS = 1
#: Places kept per query, best first (plus every place found by the context's area search).
TOP_PLACES = 6
_INDEXED_LEVELS = frozenset(
    {Level.COUNTRY, Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT, Level.REGION, Level.COMMUNITY, Level.NEIGHBOURHOOD,
     Level.POINT}
)


def query_keys(tokens: list[str], lang: str) -> tuple[str, str]:
    """(vowel key, consonant key) of a query's match-key words (Arabic: no vowel key).

    Examples
    --------
    >>> query_keys(["al", "muzayrib"], "en")
    ('mazarab', 'mzrb')
    >>> query_keys(["المزيريب"], "ar")
    ('', 'mzrb')
    """
    keys: tuple[str, str] = lang_module(lang).phonetic_query_keys(" ".join(tokens))
    return keys


def similarity(vq: str, cq: str, ve: str, ce: str) -> float:
    """Spelling similarity (0–100) of a query's keys and a name's keys.

    With both vowel keys: 60 % vowel-key ratio + 40 % consonant-key ratio (rapidfuzz Indel
    normalised similarity); otherwise the consonant-key ratio less
    :data:`CONSONANT_ONLY_PENALTY`.

    Examples
    --------
    >>> round(similarity("mazarab", "mzrb", "mzarab", "mzrb"), 1)
    95.4
    >>> similarity("", "mzrb", "", "mzrb")
    94.0
    """
    if not cq or not ce:
        return 0.0
    rc = Indel.normalized_similarity(cq, ce) * 100.0
    if vq and ve:
        return 0.6 * Indel.normalized_similarity(vq, ve) * 100.0 + 0.4 * rc
    return rc - CONSONANT_ONLY_PENALTY


#: ``similarity(vq, cq, vq, cq)`` of any keys (with a vowel key, without): equal keys have an
#: Indel similarity of exactly 1 (a test checks the constants on the gazetteer's keys).
_EQUAL_SIMILARITY = {True: similarity("a", "b", "a", "b"), False: similarity("", "b", "", "b")}


def _usable(vq: str, cq: str) -> bool:
    """Whether query keys can be looked up: two consonants, or one with a vowel key (a short
    Latin name such as "Al-Rai" = "Ar-Ra'ee"; one Arabic consonant says too little)."""
    return len(cq) >= 2 or (len(cq) == 1 and bool(vq))


@functools.lru_cache(maxsize=65536)
def _deletions(key: str) -> frozenset[str]:
    return frozenset(key[:i] + key[i + 1 :] for i in range(len(key)))


def _query_deletions(key: str) -> list[str]:
    """The one-letter deletions of a query key, repeats kept (:meth:`PhoneticIndex._pool`
    unites their postings in a set: a repeat adds nothing; queries seldom repeat in a call, so
    no memo either)."""
    return [key[:i] + key[i + 1 :] for i in range(len(key))]


@dataclass
class _District:
    idx: list[int] = field(default_factory=list)
    vkeys: list[str] = field(default_factory=list)
    vidx: list[int] = field(default_factory=list)
    ckeys: list[str] = field(default_factory=list)
    arrays: dict[str, _AreaKeys] | None = None


@dataclass(frozen=True)
class _AreaKeys:
    """The keys of one kind inside an area, for :meth:`PhoneticIndex.area_search`: each
    distinct key once (many names of an area share a key: a sixth of the vowel keys, half of
    the consonant keys) for the search of one query, every entry's for the batched search
    (``cdist`` scores cheaply; spreading a matrix of distinct keys back cost more)."""

    #: every entry's key, in index order
    entry_keys: list[str]
    #: the distinct keys, in the order they first occur among the area's entries
    keys: list[str]
    #: for each distinct key, the positions of its entries (ascending)
    members: list[tuple[int, ...]]
    #: the entries' indexes (global), as an array and as a list
    gidx: npt.NDArray[np.int64]
    gidx_list: list[int]
    cutoff: float


def _area_keys(keys: list[str], gidx: list[int], cutoff: float) -> _AreaKeys:
    index: dict[str, int] = {}
    members: list[list[int]] = []
    for pos, k in enumerate(keys):
        j = index.setdefault(k, len(index))
        if j == len(members):
            members.append([])
        members[j].append(pos)
    return _AreaKeys(
        keys, list(index), [tuple(m) for m in members], np.asarray(gidx, dtype=np.int64), list(gidx), cutoff
    )


class PhoneticIndex:
    """Phonetic keys of every usable name of a gazetteer, with the look-up structures."""

    def __init__(self, places: dict[str, Place], names: Iterable[PlaceName]) -> None:
        self.pids: list[str] = []
        self.vkeys: list[str] = []
        self.ckeys: list[str] = []
        self.penalty: list[float] = []
        self._by_v: dict[str, list[int]] = {}
        self._by_del: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        #: entries at no penalty by (vowel key, consonant key), and by consonant key alone
        self._exact_vc: dict[tuple[str, str], list[int]] = {}
        self._exact_c: dict[str, list[int]] = {}
        self._districts: dict[str, _District] = {}
        # one entry per (place, keys), at the lowest penalty of the names giving them: a joined
        # name's half ("Ein Issa" of "Ein Issa - Ein Bnar") is a name in its own right, not the
        # whole name without its last words
        best: dict[tuple[str, str, str], float] = {}
        for n in names:
            p = places.get(n.place_id)
            if p is None or p.level not in _INDEXED_LEVELS or n.lang not in ("en", "ar"):
                continue
            for vk, ck, pen in self._name_keys(n):
                if len(ck) < (1 if pen == 0.0 and vk else 2):
                    continue
                k = (n.place_id, vk, ck)
                if k not in best or pen < best[k]:
                    best[k] = pen
        for (pid, vk, ck), pen in best.items():
            self._add(places[pid], vk, ck, pen)
        self.freeze()

    @staticmethod
    def _name_keys(n: PlaceName) -> list[tuple[str, str, float]]:
        """Keys of a name: whole; without its qualifying words; without its last one or two
        other words (each at its penalty)."""
        parts: list[tuple[str, str, bool]] = lang_module(n.lang).phonetic_name_parts(n.match_key)
        core = [p for p in parts if not p[2]]
        quals = [p for p in parts if p[2]]

        def keys(ps: list[tuple[str, str, bool]]) -> tuple[str, str]:
            return "".join(p[0] for p in ps), "".join(p[1] for p in ps)

        out = [(*keys(parts), 0.0)]
        if quals and core:
            out.append((*keys(core), QUALIFIER_PENALTY))
        for drop in (1, 2):
            if len(core) - drop < 1:
                break
            vk, ck = keys(core[:-drop] + quals)
            if len(ck) >= 2 and len(vk) != 1:
                out.append((vk, ck, PREFIX_PENALTY[drop]))
        if len(core) > 1:
            vk, ck = keys(core[1:] + quals)
            if len(ck) >= 3:
                out.append((vk, ck, SUFFIX_PENALTY))
        return out

    def _add(self, p: Place, vk: str, ck: str, pen: float) -> None:
        i = len(self.pids)
        self.pids.append(p.place_id)
        self.vkeys.append(vk)
        self.ckeys.append(ck)
        self.penalty.append(pen)
        if vk:
            self._by_v.setdefault(vk, []).append(i)
        self._by_del.setdefault(ck, []).append(i)
        self._by_key.setdefault(ck, []).append(i)
        if pen == 0.0:
            self._exact_c.setdefault(ck, []).append(i)
            if vk:
                self._exact_vc.setdefault((vk, ck), []).append(i)
        if len(ck) >= MIN_DELETE_LEN:
            for d in _deletions(ck):
                self._by_del.setdefault(d, []).append(i)
        for area in (p.admin2_pcode, p.admin1_pcode):
            if not area or area == p.place_id:
                continue
            dist = self._districts.setdefault(area, _District())
            dist.idx.append(i)
            dist.ckeys.append(ck)
            if vk:
                dist.vidx.append(i)
                dist.vkeys.append(vk)

    def place_similarity(self, vq: str, cq: str, pid: str) -> float:
        """Best :func:`similarity` (less the entry's penalty) of query keys and one place's
        names; 0 when the place has no entry."""
        if not hasattr(self, "_by_pid"):
            by_pid: dict[str, list[int]] = {}
            for i, p in enumerate(self.pids):
                by_pid.setdefault(p, []).append(i)
            self._by_pid = by_pid
        best = 0.0
        for i in self._by_pid.get(pid, ()):
            best = max(best, similarity(vq, cq, self.vkeys[i], self.ckeys[i]) - self.penalty[i])
        return best

    def exact_entries(self, vq: str, cq: str) -> list[int]:
        """Entries at no penalty whose keys equal the query's: both keys for a Latin query, the
        consonant key for an Arabic one (it has no vowel key)."""
        if vq:
            return list(self._exact_vc.get((vq, cq), ()))
        return list(self._exact_c.get(cq, ()))

    def exact_candidates(self, vq: str, cq: str, entries: list[int]) -> dict[str, tuple[float, int]]:
        """:meth:`candidates`' answer made of ``entries`` only (each place at its best entry,
        best first, ties by entry index), for the entries of :meth:`exact_entries`.

        Those all score ``similarity(vq, cq, vq, cq)``: no penalty, and the query's keys (an
        Arabic query, without a vowel key, is scored on the consonant key alone whatever the
        entry's vowel key). So each place is at its first entry, in entry order; the similarity
        of equal keys is one of two constants (:data:`_EQUAL_SIMILARITY`)."""
        sim = _EQUAL_SIMILARITY[bool(vq)]
        pids = self.pids
        best: dict[str, tuple[float, int]] = {}
        for i in sorted(entries):
            best.setdefault(pids[i], (sim, i))
        return best

    def freeze(self) -> None:
        """Per-area index arrays (numpy) for the batched area search, and the postings as
        tuples; called once at load.

        Tuples of ints are untracked by the garbage collector once it has seen them: the
        ~80,000 posting lists would otherwise be walked by every full collection (about 100 ms
        each with the bundled gazetteer, one every few geocoding calls)."""
        for table in (self._by_v, self._by_del, self._by_key, self._exact_c):
            for k, v in table.items():
                table[k] = tuple(v)  # type: ignore[assignment]
        for kk, vv in self._exact_vc.items():
            self._exact_vc[kk] = tuple(vv)  # type: ignore[assignment]
        for dist in self._districts.values():
            dist.arrays = {
                "v": _area_keys(dist.vkeys, dist.vidx, AREA_CUTOFF_VOWEL),
                "c": _area_keys(dist.ckeys, dist.idx, AREA_CUTOFF_CONSONANT),
            }

    def area_search(self, area: str, kind: str, queries: list[str]) -> list[tuple[int, ...]]:
        """Entry indexes of the :data:`AREA_LIMIT` best keys of ``kind`` inside ``area`` for
        each query (best first, ties in index order; only those at or above the kind's
        cutoff): what a rapidfuzz ``process.extract(q, keys, scorer=fuzz.ratio, limit=6,
        score_cutoff=...)`` per query returns, computed for all queries with one ``cdist``.

        ``kind``: ``"v"`` (vowel keys of Latin names, for Latin queries) or ``"c"`` (consonant
        keys of all names, for Arabic queries).
        """
        n = len(queries)
        dist = self._districts.get(area)
        if dist is None or not n:
            return [()] * n
        if dist.arrays is None:
            self.freeze()
        ak = dist.arrays[kind]  # type: ignore[index]
        choices, cutoff = ak.keys, ak.cutoff
        if not choices:
            return [()] * n
        if n == 1:  # one query: rapidfuzz's own top-k is cheaper than a matrix
            # the best distinct keys hold the best entries: an entry outside them has six
            # entries ahead of it (the first entries of six keys scoring more, or as much and
            # occurring earlier); their entries, by score then index, are the answer
            res = process.extract(queries[0], choices, scorer=fuzz.ratio, limit=AREA_LIMIT, score_cutoff=cutoff)
            members, gidx_list = ak.members, ak.gidx_list
            if all(len(members[j]) == 1 for _, _, j in res):  # already in that order
                return [tuple([gidx_list[members[j][0]] for _, _, j in res])]
            pairs = sorted([(-score, pos) for _, score, j in res for pos in members[j]])
            return [tuple([gidx_list[pos] for _, pos in pairs[:AREA_LIMIT]])]
        scores = process.cdist(
            queries, ak.entry_keys, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float64, workers=CDIST_WORKERS
        )
        gidx = ak.gidx
        rows, cols = np.nonzero(scores >= cutoff)
        if not len(rows):
            return [()] * n
        # by row, best score first, then key order: nonzero gives the pairs by row, then key,
        # and a score is in [0, 100], so one stable sort on row * 128 - score orders them (a
        # float key, exact: distinct ratios differ by far more than its rounding)
        order = np.argsort(rows * 128.0 - scores[rows, cols], kind="stable")
        rows, cols = rows[order], cols[order]
        first = np.searchsorted(rows, np.arange(n + 1))
        rank = np.arange(len(rows)) - first[rows]
        keep = rank < AREA_LIMIT
        rows, picked = rows[keep], gidx[cols[keep]].tolist()
        bounds = np.searchsorted(rows, np.arange(n + 1)).tolist()
        return [tuple(picked[bounds[i] : bounds[i + 1]]) for i in range(n)]

    def prefetch(self, requests: dict[tuple[str, str], dict[str, None]], hits: dict[tuple[str, str, str], tuple[int, ...]]) -> None:
        """Run the area searches of many queries at once (:meth:`area_search`, one ``cdist``
        per area and key kind) into ``hits`` ((area, kind, query) → entry indexes)."""
        for (area, kind), qs in requests.items():
            todo = [q for q in qs if (area, kind, q) not in hits]
            if todo:
                for q, res in zip(todo, self.area_search(area, kind, todo), strict=True):
                    hits[(area, kind, q)] = res

    def _area_hits(
        self, area: str, kind: str, q: str, hits: dict[tuple[str, str, str], tuple[int, ...]] | None
    ) -> tuple[int, ...]:
        if hits is None:
            return self.area_search(area, kind, [q])[0]
        key = (area, kind, q)
        res = hits.get(key)
        if res is None:
            res = hits[key] = self.area_search(area, kind, [q])[0]
        return res

    def _arrays(self) -> None:
        """Entry arrays for :meth:`candidates_many` (built on first use)."""
        codes: dict[str, int] = {}
        self._a_pidcode = np.asarray([codes.setdefault(p, len(codes)) for p in self.pids], dtype=np.int64)
        self._a_pids = np.asarray(self.pids, dtype=object)
        # each entry's key as an index among the distinct keys (many names share a key)
        self._v_vocab, self._a_vid = _distinct(self.vkeys)
        self._c_vocab, self._a_cid = _distinct(self.ckeys)
        self._a_hasv = np.asarray([bool(v) for v in self.vkeys], dtype=bool)
        self._a_penalty = np.asarray(self.penalty, dtype=np.float64)
        self._n_pidcodes = len(codes)

    def _postings(
        self, vq: str, cq: str, areas: Iterable[str], hits: dict[tuple[str, str, str], tuple[int, ...]] | None,
        into: list[Sequence[int]], local: list[Sequence[int]],
    ) -> None:
        """The posting lists :meth:`_pool` unites, appended to ``into`` (the area searches also
        to ``local``): overlapping and unsorted, for :meth:`candidates_many` to unite with one
        numpy sort for all its queries."""
        into.append(self._by_del.get(cq, ()))
        if vq:
            into.append(self._by_v.get(vq, ()))
        if len(cq) >= MIN_DELETE_LEN:
            get = self._by_key.get
            into += [get(d, ()) for d in _query_deletions(cq)]
        districts = self._districts
        kind, q = ("v", vq) if vq else ("c", cq)
        for area in areas:
            if area in districts:
                found = self._area_hits(area, kind, q, hits)
                into.append(found)
                local.append(found)

    def _pool(
        self, vq: str, cq: str, areas: Iterable[str], hits: dict[tuple[str, str, str], tuple[int, ...]] | None
    ) -> tuple[list[int], set[int]]:
        """Entries that may be the query, sorted: equal vowel key, consonant keys one deletion
        apart, and the area searches of ``areas`` (also returned alone: the *local* entries)."""
        # consonant keys one edit apart: the query's key among the names' keys and their
        # one-letter deletions, and the query's deletions among the names' keys
        idxs: set[int] = set(self._by_del.get(cq, ()))
        if vq:
            idxs.update(self._by_v.get(vq, ()))
        if len(cq) >= MIN_DELETE_LEN:
            get = self._by_key.get
            idxs.update(*[get(d, ()) for d in _query_deletions(cq)])
        local: set[int] = set()
        districts = self._districts
        # a Latin query: the vowel keys of the area's Latin names (its Arabic names' consonant
        # keys are reached through the deletion index; searching them too changed none of the
        # 976 UCDP answers and cost 10 % of the time); an Arabic one: consonant keys
        kind, q = ("v", vq) if vq else ("c", cq)
        for area in areas:
            if area in districts:
                local.update(self._area_hits(area, kind, q, hits))
        idxs |= local
        return sorted(idxs), local

    def candidates(
        self,
        vq: str,
        cq: str,
        areas: Iterable[str] = (),
        hits: dict[tuple[str, str, str], tuple[int, ...]] | None = None,
        min_local: float = 0.0,
    ) -> dict[str, tuple[float, int]]:
        """Place id → (best similarity, entry index) of the names that may be the query.

        ``areas`` (P-codes of districts or governorates named by the context) add a fuzzy
        search over the names inside them (:meth:`area_search`; ``hits`` holds the searches
        already made, e.g. by :meth:`prefetch`). Every pooled entry is scored by
        :func:`similarity` less its penalty; each place keeps its best entry (ties: the lowest
        entry index), and the :data:`TOP_PLACES` best places are kept (ties: the lowest entry
        index), plus every place found by the area search that scores at least ``min_local``
        (the context's candidates are judged by the context's thresholds, whatever else scores
        higher). Ordered best first. Equal to :meth:`candidates_many` of one query (this is the
        scalar form, cheaper for one query).
        """
        if not _usable(vq, cq):
            return {}
        pool, local = self._pool(vq, cq, areas, hits)
        vkeys, ckeys, pids, penalty = self.vkeys, self.ckeys, self.pids, self.penalty
        best: dict[str, tuple[float, int, bool]] = {}
        for i in pool:
            sim = similarity(vq, cq, vkeys[i], ckeys[i]) - penalty[i]
            pid = pids[i]
            prev = best.get(pid)
            is_local = i in local
            if prev is None:
                best[pid] = (sim, i, is_local)
            elif sim > prev[0]:
                best[pid] = (sim, i, prev[2] or is_local)
            elif is_local and not prev[2]:
                best[pid] = (prev[0], prev[1], True)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
        return {
            pid: (sim, i)
            for rank, (pid, (sim, i, loc)) in enumerate(ranked)
            if rank < TOP_PLACES or (loc and sim >= min_local)
        }

    def candidates_many(
        self,
        queries: Sequence[tuple[str, str, tuple[str, ...]]],
        hits: dict[tuple[str, str, str], tuple[int, ...]] | None = None,
        min_local: float = 0.0,
    ) -> list[dict[str, tuple[float, int]]]:
        """:meth:`candidates` of many (vowel key, consonant key, areas) queries, vectorised:
        the pools are gathered in Python, then every (query, entry) pair is scored at once
        with rapidfuzz ``cpdist`` and numpy (the same floating-point operations as
        :func:`similarity`), and the best place per query and entry, the ranking and the cut
        are numpy sorts with :meth:`candidates`' tie order."""
        if not hasattr(self, "_a_pidcode"):
            self._arrays()
        n = len(queries)
        outs: list[dict[str, tuple[float, int]]] = [{} for _ in range(n)]
        # every query's posting lists (:meth:`_pool`'s), then one numpy sort unites them: the
        # distinct (query, entry) pairs, by query, then entry, as :meth:`_pool` sorts each pool
        # (uniting them in Python sets, then sorting each, cost more than the scoring)
        postings: list[Sequence[int]] = []
        owners: list[int] = []
        local: list[Sequence[int]] = []
        local_owners: list[int] = []
        gather = self._postings
        for qi, (vq, cq, areas) in enumerate(queries):
            if not _usable(vq, cq):
                continue
            before, before_local = len(postings), len(local)
            gather(vq, cq, areas, hits, postings, local)
            owners += [qi] * (len(postings) - before)
            local_owners += [qi] * (len(local) - before_local)
        n_entries = len(self.pids)
        pair = _united(postings, owners, n_entries)
        if not len(pair):
            return outs
        job, idx = np.divmod(pair, n_entries)
        # the local entries of each pool (a subset of it): found among the sorted pairs by a
        # binary search
        loc = np.zeros(len(pair), dtype=bool)
        if local:
            loc[np.searchsorted(pair, _united(local, local_owners, n_entries))] = True
        # each distinct (query, key) pair is scored once, then spread back to its entries
        qc = np.asarray([cq for _, cq, _ in queries], dtype=object)
        rc = _pair_scores(qc, self._c_vocab, job, self._a_cid[idx]) * 100.0
        sim = rc - CONSONANT_ONLY_PENALTY
        has_qv = np.asarray([bool(vq) for vq, _, _ in queries], dtype=bool)
        both = has_qv[job] & self._a_hasv[idx]
        if both.any():
            qv = np.asarray([vq for vq, _, _ in queries], dtype=object)
            rv = _pair_scores(qv, self._v_vocab, job[both], self._a_vid[idx[both]])
            sim[both] = 0.6 * rv * 100.0 + 0.4 * rc[both]
        sim = sim - self._a_penalty[idx]
        # best entry per (query, place): highest similarity, then lowest entry index; a place
        # is local when any of its pooled entries is
        # (the pairs come by query, then entry: a stable sort by (query, place) keeps the entries
        # of each place in index order, so its best is the first at its highest similarity)
        key = job * (self._n_pidcodes + 1) + self._a_pidcode[idx]
        order = np.argsort(key, kind="stable")
        k_sorted, s_sorted = key[order], sim[order]
        new_key = _run_starts(k_sorted)
        starts = np.flatnonzero(new_key)
        group = np.cumsum(new_key) - 1
        at_max = np.flatnonzero(s_sorted == np.maximum.reduceat(s_sorted, starts)[group])
        best = order[at_max[_run_starts(group[at_max])]]
        best_loc = np.maximum.reduceat(loc[order].astype(np.int8), starts).astype(bool)
        # rank the places of each query: best first, ties by entry index; keep the top ones and
        # the local ones
        # (one sort of unique integer keys, the entry last: a place's best entry is its own, so
        # no two keys are equal and any sort gives lexsort((bi, -bs, bj))'s order; the
        # similarity enters as its rank among the distinct values, so exactly)
        bj, bi, bs = job[best], idx[best], sim[best]
        distinct, sim_rank = np.unique(-bs, return_inverse=True)
        order2 = np.argsort((bj * (len(distinct) + 1) + sim_rank.reshape(-1)) * (n_entries + 1) + bi)
        bj, bi, bs, bl = bj[order2], bi[order2], bs[order2], best_loc[order2]
        first = np.searchsorted(bj, bj, side="left")
        rank = np.arange(len(bj)) - first
        keep = (rank < TOP_PLACES) | (bl & (bs >= min_local))
        kj, kept = bj[keep], bi[keep]
        ki, kp = kept.tolist(), self._a_pids[kept].tolist()
        vals = list(zip(bs[keep].tolist(), ki, strict=True))
        bounds = np.searchsorted(kj, np.arange(n + 1)).tolist()
        for qi in range(n):
            a, b = bounds[qi], bounds[qi + 1]
            if a < b:
                outs[qi] = dict(zip(kp[a:b], vals[a:b], strict=True))
        return outs


def _distinct(keys: list[str]) -> tuple[npt.NDArray[Any], npt.NDArray[np.int64]]:
    """The distinct keys of a list (object array, first-seen order) and each position's index
    among them."""
    index: dict[str, int] = {}
    of = [index.setdefault(k, len(index)) for k in keys]
    return np.asarray(list(index), dtype=object), np.asarray(of, dtype=np.int64)


def _united(postings: list[Sequence[int]], owners: list[int], n_entries: int) -> npt.NDArray[np.int64]:
    """The distinct (owner, entry) pairs of posting lists (``owners``: each list's query) as
    ``owner * n_entries + entry``, sorted."""
    counts = np.fromiter(map(len, postings), dtype=np.int64, count=len(postings))
    total = int(counts.sum())
    idx = np.fromiter(itertools.chain.from_iterable(postings), dtype=np.int64, count=total)
    pairs = np.repeat(np.asarray(owners, dtype=np.int64), counts) * n_entries + idx
    pairs.sort()  # then the first of each run (np.unique hashes the values first: dearer)
    out: npt.NDArray[np.int64] = pairs[_run_starts(pairs)]
    return out


def _run_starts(values: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Whether each value of a sorted array is the first of its run of equal values
    (``np.r_[True, values[1:] != values[:-1]]``, without ``np.r_``'s index parsing)."""
    out = np.empty(len(values), dtype=bool)
    out[:1] = True
    np.not_equal(values[1:], values[:-1], out=out[1:])
    return out


def _pair_scores(
    queries: npt.NDArray[Any], vocab: npt.NDArray[Any], qpos: npt.NDArray[np.int64], kid: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Indel normalised similarity of each pair (``queries[qpos[i]]``, ``vocab[kid[i]]``), each
    distinct pair computed once (rapidfuzz ``cpdist``, given lists: it reads a list's strings
    in well under half the instructions it takes for an object array's)."""
    n = len(vocab)
    pairs, back = np.unique(qpos * n + kid, return_inverse=True)
    scores = process.cpdist(
        queries[pairs // n].tolist(), vocab[pairs % n].tolist(), scorer=Indel.normalized_similarity, dtype=np.float64
    )
    out: npt.NDArray[np.float64] = scores[back.reshape(-1)]
    return out


def clear_caches() -> None:
    """Forget the memoised deletion neighbourhoods of query keys."""
    _deletions.cache_clear()
