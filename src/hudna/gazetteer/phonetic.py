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

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from hudna.domain.place import Level
from hudna.gazetteer.model import Place, PlaceName
from hudna.text.lang import ar as ar_lang
from hudna.text.lang import en as en_lang

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
#: Candidates scored one by one at most (more are first shortlisted with rapidfuzz).
SHORTLIST = 16
_INDEXED_LEVELS = frozenset(
    {Level.COUNTRY, Level.GOVERNORATE, Level.DISTRICT, Level.SUBDISTRICT, Level.COMMUNITY, Level.NEIGHBOURHOOD}
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
    key = " ".join(tokens)
    if lang == "ar":
        return "", ar_lang.latin_consonant_key(key)
    return en_lang.phonetic_keys(key)


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
        seen: set[tuple[str, str, str]] = set()
        for n in names:
            p = places.get(n.place_id)
            if p is None or p.level not in _INDEXED_LEVELS or n.lang not in ("en", "ar"):
                continue
            for vk, ck, pen in self._name_keys(n):
                if len(ck) < 2 or (n.place_id, vk, ck) in seen:
                    continue
                seen.add((n.place_id, vk, ck))
                self._add(p, vk, ck, pen)

    @staticmethod
    def _name_keys(n: PlaceName) -> list[tuple[str, str, float]]:
        """Keys of a name: whole; without its qualifying words; without its last one or two
        other words (each at its penalty)."""
        if n.lang == "ar":
            parts = [("", c, q) for c, q in ar_lang.latin_consonant_parts(n.match_key)]
        else:
            parts = en_lang.phonetic_parts(n.match_key)
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

    def candidates(self, vq: str, cq: str, areas: Iterable[str] = ()) -> dict[str, tuple[float, int]]:
        """Place id → (best similarity, entry index) of the names that may be the query.

        ``areas`` (P-codes of districts or governorates named by the context) add a fuzzy
        search over the names inside them. The pooled candidates are shortlisted by one
        rapidfuzz ``process.extract`` per key kind before :func:`similarity` scores them.
        """
        if len(cq) < 2:
            return {}
        vkeys, ckeys = self.vkeys, self.ckeys
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
        for area in areas:
            dist = self._districts.get(area)
            if dist is None:
                continue
            if vq:  # a Latin query: vowel keys of Latin names, consonant keys of the others
                for _, _, j in process.extract(vq, dist.vkeys, scorer=fuzz.ratio, limit=6, score_cutoff=60):
                    idxs.add(dist.vidx[j])
                for _, _, j in process.extract(cq, dist.ckeys_only, scorer=fuzz.ratio, limit=6, score_cutoff=66):
                    idxs.add(dist.cidx_only[j])
            else:
                for _, _, j in process.extract(cq, dist.ckeys, scorer=fuzz.ratio, limit=6, score_cutoff=66):
                    idxs.add(dist.idx[j])
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
