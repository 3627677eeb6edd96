"""Finding gazetteer names in running text (issue #3, item 6).

One Aho-Corasick automaton (pyahocorasick) holds the match keys of every usable name, each
wrapped in spaces so that a hit always covers whole words. The text's match key (with its map
back to original offsets, :func:`hudna.text.normalize.keyed_text`) is scanned once; hits are
mapped back to the original text.

Arabic names are also stored behind their proclitics (و ب ل ف ك and pairs such as وب, and
لل for li- + al-), so ``بريف حلب`` and ``وحلب`` find ``حلب``; the hit's span covers the name
without the proclitic. Filters against common-word false hits:

* names that are qualifier, facility or direction words, or listed in
  ``lexicons/<lang>/gazetteer_scan_stopwords.yaml`` (common words that are also village
  names), are not in the automaton;
* names shorter than three characters are not in the automaton;
* a Latin-script hit must start with a capital letter, unless the text has no capitals at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

import ahocorasick
import numpy as np
import yaml

from hudna.gazetteer.model import ScanHit
from hudna.gazetteer.words import with_compound_spellings
from hudna.text.normalize import LANGS, keyed_text, lang_module, match_key
from hudna.text.slots import slot_builder

if TYPE_CHECKING:
    from hudna.gazetteer.core import Gazetteer
    from hudna.text.normalize import KeyedText

__all__ = ["build_automaton", "load_scan_stopwords", "scan_text"]

_MIN_LEN = 3
# Proclitic sequences written before a name (one or two letters).


@functools.cache
def load_scan_stopwords(lang: str) -> frozenset[str]:
    """Match keys of common words that are also place names (never reported by the scanner)."""
    res = resources.files("hudna.lexicons").joinpath(lang, "gazetteer_scan_stopwords.yaml")
    if not res.is_file():
        return frozenset()
    data = yaml.safe_load(res.read_text(encoding="utf-8")) or {}
    out: set[str] = set()
    for concept, forms in data.items():
        if concept == "meta":
            continue
        out.update(match_key(str(f), lang) for f in forms)
    return frozenset(out)


def _surface_forms(key: str, lang: str) -> list[tuple[str, int]]:
    """(automaton key, prefix length) pairs of one name key (language rules in text/lang/)."""
    forms: list[tuple[str, int]] = lang_module(lang).scan_surface_forms(key)
    return forms


def build_automaton(gaz: Gazetteer) -> Any:
    """The automaton of a gazetteer's names (built once per gazetteer)."""
    auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    entries: dict[str, tuple[int, int, str, set[str], str]] = {}
    skip: dict[str, frozenset[str]] = {
        lang: load_scan_stopwords(lang) | gaz.words(lang).all_words for lang in LANGS
    }
    for pid in gaz.places:
        for n in gaz.names_of(pid):
            # learned names (coded event strings, :mod:`hudna.gazetteer.learn`) are geocoded
            # but not looked for in running text: many are common words ("Sugar factory");
            # nor are region names (:mod:`hudna.gazetteer.regions`): in "قرية جوزف في منطقة
            # جبل الزاوية" the region qualifies the village, and the extraction step reads
            # regions through its own place_aliases lexicon
            if n.kind in ("truncated", "learned", "region") or n.lang not in skip:
                continue
            # "كفر نبل" also as "كفرنبل", "تلكلخ" as "تل كلخ"
            for key in with_compound_spellings(lang_module(n.lang).scan_keys(n.match_key), n.lang):
                if len(key.replace(" ", "")) < _MIN_LEN or key in skip[n.lang]:
                    continue
                for form, plen in _surface_forms(key, n.lang):
                    akey = f" {form} "
                    e = entries.get(akey)
                    if e is None:
                        entries[akey] = (plen, len(form) - plen, key, {pid}, n.lang)
                    else:
                        e[3].add(pid)
    for akey, (plen, blen, key, pids, lang) in entries.items():
        auto.add_word(akey, (len(akey), plen, blen, key, tuple(sorted(pids)), lang))
    auto.make_automaton()
    return auto


#: Hits are built through their slots (:func:`slot_builder`; ``ScanHit`` has no
#: ``__post_init__``): a frozen dataclass's ``__init__`` sets each field through
#: ``object.__setattr__``, and a text has a hit every few hundred characters.
_new_hit: Callable[..., ScanHit] = slot_builder(ScanHit, ("start", "end", "surface", "key", "lang", "place_ids"))


def scan_text(gaz: Gazetteer, text: str, lang: str = "auto", *, keyed: KeyedText | None = None) -> list[ScanHit]:
    """Gazetteer names in ``text`` (see the module docstring); longest match wins on overlap.

    ``keyed``: ``keyed_text(text, lang)`` when the caller already has it (the news pipeline's
    ``normalise`` step), so the text is not keyed twice; it must be the key of this very text in
    this language (a key of another text is ignored).

    Per-hit Python work is kept small: raw hits are collected as plain tuples, overlaps are
    resolved on sorted tuples, and the offsets of all kept hits are mapped back to the original
    text in one vectorised look-up.
    """
    if gaz._automaton is None:
        gaz._automaton = build_automaton(gaz)
    auto = gaz._automaton
    if keyed is not None and keyed.text is text:
        kt = keyed
    else:
        kt = keyed_text(text, "auto" if lang == "auto" else lang)
    s = f" {kt.key} "
    # value = (alen, plen, blen, key, pids, lang); key start = end - alen + 1 + plen (pad and
    # leading space cancel out).
    raw = [(end - v[0] + 1 + v[1], v) for end, v in auto.iter(s)]
    if not raw:
        return []
    raw.sort(key=lambda r: (r[0], -r[1][2]))
    n = len(raw)
    ks = np.fromiter((k for k, _ in raw), dtype=np.int64, count=n)
    ke = ks + np.fromiter((v[2] for _, v in raw), dtype=np.int64, count=n)
    starts = kt.starts[ks].tolist()
    ends = kt.ends[ke - 1].tolist()
    kends = ke.tolist()
    any_upper = not text.islower()
    hits: list[ScanHit] = []
    last_end = -1
    for (kstart, v), kend, start, end in zip(raw, kends, starts, ends, strict=True):
        if kstart < last_end:
            continue
        surface = text[start:end]
        if any_upper and v[5] == "en" and not surface[:1].isupper():
            continue
        hits.append(_new_hit(start, end, surface, v[3], v[5], v[4]))
        last_end = kend
    return hits
