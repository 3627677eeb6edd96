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
``process.extract`` over the keys of those districts only. Each candidate is scored by
:func:`similarity` (0–100).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
#: Candidates scored one by one at most (more are first shortlisted with rapidfuzz).
SHORTLIST = 16
_INDEXED_LEVELS = frozenset(
    {Level.COUNTRY, Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT, Level.COMMUNITY, Level.NEIGHBOURHOOD, Level.POINT}
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


def _usable(vq: str, cq: str) -> bool:
    """Whether query keys can be looked up: two consonants, or one with a vowel key (a short
    Latin name such as "Al-Rai" = "Ar-Ra'ee"; one Arabic consonant says too little)."""
    return len(cq) >= 2 or (len(cq) == 1 and bool(vq))


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


@dataclass
class _District:
    idx: list[int] = field(default_factory=list)
    vkeys: list[str] = field(default_factory=list)
    vidx: list[int] = field(default_factory=list)
    ckeys: list[str] = field(default_factory=list)
    cidx_only: list[int] = field(default_factory=list)
    ckeys_only: list[str] = field(default_factory=list)
    arrays: dict[str, tuple[list[str], npt.NDArray[np.int64], float]] | None = None


class PhoneticIndex:
    """Phonetic keys of every usable name of a gazetteer, with the look-up structures."""

    def __init__(self, places: dict[str, Place], names: Iterable[PlaceName]) -> None:
        self.pids: list[str] = []
        self.vkeys: list[str] = []
        self.ckeys: list[str] = []
        self.penalty: list[float] = []
        self._by_v: dict[str, list[int]] = {}
        self._by_del: dict[str, list[int]] = {}
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
            else:
                dist.cidx_only.append(i)
                dist.ckeys_only.append(ck)

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

    def freeze(self) -> None:
        """Per-area index arrays (numpy) for the batched area search; called once at load."""
        for dist in self._districts.values():
            dist.arrays = {
                "v": (dist.vkeys, np.asarray(dist.vidx, dtype=np.int64), AREA_CUTOFF_VOWEL),
                "c_only": (dist.ckeys_only, np.asarray(dist.cidx_only, dtype=np.int64), AREA_CUTOFF_CONSONANT),
                "c": (dist.ckeys, np.asarray(dist.idx, dtype=np.int64), AREA_CUTOFF_CONSONANT),
            }

    def area_search(self, area: str, kind: str, queries: list[str]) -> list[tuple[int, ...]]:
        """Entry indexes of the :data:`AREA_LIMIT` best keys of ``kind`` inside ``area`` for
        each query (best first, ties in index order; only those at or above the kind's
        cutoff): what a rapidfuzz ``process.extract(q, keys, scorer=fuzz.ratio, limit=6,
        score_cutoff=...)`` per query returns, computed for all queries with one ``cdist``.

        ``kind``: ``"v"`` (vowel keys of Latin names), ``"c_only"`` (consonant keys of names
        without a vowel key) or ``"c"`` (consonant keys of all names).
        """
        n = len(queries)
        dist = self._districts.get(area)
        if dist is None or not n:
            return [()] * n
        if dist.arrays is None:
            self.freeze()
        choices, gidx, cutoff = dist.arrays[kind]  # type: ignore[index]
        if not choices:
            return [()] * n
        if n == 1:  # one query: rapidfuzz's own top-k is cheaper than a matrix
            res = process.extract(queries[0], choices, scorer=fuzz.ratio, limit=AREA_LIMIT, score_cutoff=cutoff)
            return [tuple(int(gidx[j]) for _, _, j in res)]
        scores = process.cdist(
            queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float64, workers=CDIST_WORKERS
        )
        rows, cols = np.nonzero(scores >= cutoff)
        if not len(rows):
            return [()] * n
        vals = scores[rows, cols]
        order = np.lexsort((cols, -vals, rows))  # by row, best score first, then key order
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
        self._a_vkeys = np.asarray(self.vkeys, dtype=object)
        self._a_ckeys = np.asarray(self.ckeys, dtype=object)
        self._a_hasv = np.asarray([bool(v) for v in self.vkeys], dtype=bool)
        self._a_penalty = np.asarray(self.penalty, dtype=np.float64)

    def _pool(
        self, vq: str, cq: str, areas: Iterable[str], hits: dict[tuple[str, str, str], tuple[int, ...]] | None
    ) -> set[int]:
        """Entries that may be the query: equal vowel key, consonant keys one deletion apart,
        and the area searches of ``areas``."""
        idxs: set[int] = set()
        if vq:
            idxs.update(self._by_v.get(vq, ()))
        by_del = self._by_del
        idxs.update(by_del.get(cq, ()))
        if len(cq) >= MIN_DELETE_LEN:
            for d in _deletions(cq):
                posting = by_del.get(d)
                if posting:
                    idxs.update(posting)
        districts = self._districts
        for area in areas:
            if area not in districts:
                continue
            if vq:  # a Latin query: vowel keys of Latin names, consonant keys of the others
                idxs.update(self._area_hits(area, "v", vq, hits))
                idxs.update(self._area_hits(area, "c_only", cq, hits))
            else:
                idxs.update(self._area_hits(area, "c", cq, hits))
        return idxs

    def candidates(
        self,
        vq: str,
        cq: str,
        areas: Iterable[str] = (),
        hits: dict[tuple[str, str, str], tuple[int, ...]] | None = None,
    ) -> dict[str, tuple[float, int]]:
        """Place id → (best similarity, entry index) of the names that may be the query.

        ``areas`` (P-codes of districts or governorates named by the context) add a fuzzy
        search over the names inside them (:meth:`area_search`; ``hits`` holds the searches
        already made, e.g. by :meth:`prefetch`). More than :data:`SHORTLIST` pooled entries
        are first shortlisted by their ``fuzz.ratio`` to the query (per key kind), then
        :func:`similarity` scores them. Equal to :meth:`candidates_many` of one query (this is
        the scalar form, cheaper for one query).
        """
        if not _usable(vq, cq):
            return {}
        idxs = self._pool(vq, cq, areas, hits)
        vkeys, ckeys = self.vkeys, self.ckeys
        if len(idxs) > SHORTLIST:
            pool = list(idxs)
            if vq:
                with_v = [i for i in pool if vkeys[i]]
                without_v = [i for i in pool if not vkeys[i]]
                res = process.extract(vq, [vkeys[i] for i in with_v], scorer=fuzz.ratio, limit=SHORTLIST)
                keep = [with_v[j] for _, _, j in res]
                res = process.extract(cq, [ckeys[i] for i in without_v], scorer=fuzz.ratio, limit=SHORTLIST // 2)
                keep += [without_v[j] for _, _, j in res]
            else:
                res = process.extract(cq, [ckeys[i] for i in pool], scorer=fuzz.ratio, limit=SHORTLIST)
                keep = [pool[j] for _, _, j in res]
            idxs = set(keep)
        out: dict[str, tuple[float, int]] = {}
        pids, penalty = self.pids, self.penalty
        for i in idxs:
            s = similarity(vq, cq, vkeys[i], ckeys[i]) - penalty[i]
            pid = pids[i]
            prev = out.get(pid)
            if prev is None or s > prev[0]:
                out[pid] = (s, i)
        return out

    def candidates_many(
        self,
        queries: Sequence[tuple[str, str, tuple[str, ...]]],
        hits: dict[tuple[str, str, str], tuple[int, ...]] | None = None,
    ) -> list[dict[str, tuple[float, int]]]:
        """:meth:`candidates` of many (vowel key, consonant key, areas) queries, vectorised.

        The pools are Python sets (their iteration order decides ties, as it always has);
        the shortlist and the similarities are computed for all queries at once with
        rapidfuzz ``cpdist`` and numpy, with the same floating-point operations as
        :func:`similarity` and the same tie order as ``process.extract``.
        """
        if not hasattr(self, "_a_pidcode"):
            self._arrays()
        n = len(queries)
        pools: list[set[int] | None] = [None] * n
        big: list[int] = []
        for qi, (vq, cq, areas) in enumerate(queries):
            if not _usable(vq, cq):
                continue
            pool = self._pool(vq, cq, areas, hits)
            pools[qi] = pool
            if len(pool) > SHORTLIST:
                big.append(qi)
        if big:
            self._shortlist(queries, pools, big)
        return self._score(queries, pools)

    def _shortlist(
        self, queries: Sequence[tuple[str, str, tuple[str, ...]]], pools: list[set[int] | None], big: list[int]
    ) -> None:
        """Replace each big pool by the set of its best entries: :data:`SHORTLIST` by vowel-key
        ratio and ``SHORTLIST // 2`` of the entries without a vowel key by consonant-key
        ratio (Latin queries), or :data:`SHORTLIST` by consonant-key ratio (Arabic queries);
        ties in pool order, as ``process.extract`` breaks them."""
        lists = [list(pools[qi]) for qi in big]  # type: ignore[arg-type]
        counts = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        idx = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
        job = np.repeat(np.arange(len(big)), counts)
        latin = np.fromiter((bool(queries[qi][0]) for qi in big), dtype=bool, count=len(big))
        qv = np.asarray([queries[qi][0] for qi in big], dtype=object)
        qc = np.asarray([queries[qi][1] for qi in big], dtype=object)
        by_v = latin[job] & self._a_hasv[idx]
        group = job * 2 + (~by_v)
        score = np.empty(len(idx), dtype=np.float64)
        if by_v.any():
            score[by_v] = process.cpdist(qv[job[by_v]], self._a_vkeys[idx[by_v]], scorer=fuzz.ratio, dtype=np.float64)
        by_c = ~by_v
        if by_c.any():
            score[by_c] = process.cpdist(qc[job[by_c]], self._a_ckeys[idx[by_c]], scorer=fuzz.ratio, dtype=np.float64)
        # best score first within each group, ties in pool order (a stable sort on one key:
        # ratios are multiples of 100/n for small n, far apart at this scale)
        order = np.argsort(group * 128.0 + (100.0 - score), kind="stable")
        g_sorted = group[order]
        first = np.searchsorted(g_sorted, g_sorted, side="left")
        rank = np.arange(len(order)) - first
        limit = np.where(latin[job[order]] & (g_sorted % 2 == 1), SHORTLIST // 2, SHORTLIST)
        kept = order[rank < limit]
        kept_idx = idx[kept].tolist()
        bounds = np.searchsorted(job[kept], np.arange(len(big) + 1)).tolist()
        for k, qi in enumerate(big):
            pools[qi] = set(kept_idx[bounds[k] : bounds[k + 1]])

    def _score(
        self, queries: Sequence[tuple[str, str, tuple[str, ...]]], pools: list[set[int] | None]
    ) -> list[dict[str, tuple[float, int]]]:
        """Best :func:`similarity` (less the entry's penalty) per place, in pool order."""
        n = len(queries)
        counts = np.fromiter((len(p) if p else 0 for p in pools), dtype=np.int64, count=n)
        total = int(counts.sum())
        outs: list[dict[str, tuple[float, int]]] = [{} for _ in range(n)]
        if not total:
            return outs
        idx = np.fromiter(itertools.chain.from_iterable(p for p in pools if p), dtype=np.int64, count=total)
        job = np.repeat(np.arange(n), counts)
        qv = np.asarray([q[0] for q in queries], dtype=object)[job]
        qc = np.asarray([q[1] for q in queries], dtype=object)[job]
        rc = process.cpdist(qc, self._a_ckeys[idx], scorer=Indel.normalized_similarity, dtype=np.float64) * 100.0
        sim = rc - CONSONANT_ONLY_PENALTY
        both = (qv != "") & self._a_hasv[idx]
        if both.any():
            rv = process.cpdist(qv[both], self._a_vkeys[idx[both]], scorer=Indel.normalized_similarity, dtype=np.float64)
            sim[both] = 0.6 * rv * 100.0 + 0.4 * rc[both]
        sim = sim - self._a_penalty[idx]
        # best per (query, place): highest similarity, the first such entry on ties; places
        # in the order of their first entry (a dict filled entry by entry does the same).
        key = job * (int(self._a_pidcode.max()) + 1) + self._a_pidcode[idx]
        pos = np.arange(total)
        order = np.lexsort((pos, -sim, key))
        k_sorted = key[order]
        starts = np.flatnonzero(np.r_[True, k_sorted[1:] != k_sorted[:-1]])
        best = order[starts]
        first_seen = np.minimum.reduceat(order, starts)
        best = best[np.argsort(first_seen, kind="stable")]
        pids = self.pids
        for qi, i, s in zip(job[best].tolist(), idx[best].tolist(), sim[best].tolist(), strict=True):
            outs[qi][pids[i]] = (s, i)
        return outs
