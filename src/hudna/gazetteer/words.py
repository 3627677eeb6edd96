"""Generic words around place names (qualifiers, facilities, directions), loaded from lexicons.

The words are data (``hudna/lexicons/<lang>/gazetteer_*.yaml``); this module only loads them and
turns each form into a tuple of match-key words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from hudna.text.normalize import lang_module, match_key

__all__ = ["PlaceWords", "load_name_heads", "load_place_words", "with_compound_spellings"]

_FILES = ("gazetteer_qualifiers.yaml", "gazetteer_features.yaml", "gazetteer_directions.yaml")


@dataclass(frozen=True)
class PlaceWords:
    """Word lists of one language: role → phrases (each a tuple of match-key words)."""

    lang: str
    roles: dict[str, tuple[tuple[str, ...], ...]]
    meta: dict[str, dict[str, object]]

    def phrases(self, *roles: str) -> list[tuple[tuple[str, ...], str]]:
        """(phrase, role) pairs of the given roles, longest phrase first."""
        out = [(p, r) for r in roles for p in self.roles.get(r, ())]
        return sorted(out, key=lambda x: -len(x[0]))

    @functools.cached_property
    def all_words(self) -> frozenset[str]:
        """Every single-word phrase of every role (used by the scanner's common-word filter)."""
        return frozenset(p[0] for ps in self.roles.values() for p in ps if len(p) == 1)


@functools.cache
def load_place_words(lang: str) -> PlaceWords:
    """Load the gazetteer word lists of ``lang`` ("ar" or "en").

    Examples
    --------
    >>> w = load_place_words("en")
    >>> ("village",) in w.roles["community"], ("countryside",) in w.roles["countryside"]
    (True, True)
    >>> ("ريف",) in load_place_words("ar").roles["countryside"]
    True
    """
    roles: dict[str, list[tuple[str, ...]]] = {}
    metas: dict[str, dict[str, object]] = {}
    base = resources.files("hudna.lexicons").joinpath(lang)
    for fname in _FILES:
        res = base.joinpath(fname)
        if not res.is_file():
            continue
        data = yaml.safe_load(res.read_text(encoding="utf-8")) or {}
        metas[fname] = data.get("meta", {})
        for concept, forms in data.items():
            if concept == "meta":
                continue
            role = concept.rsplit(".", 1)[-1]
            for form in forms:
                key = tuple(match_key(str(form), lang).split())
                if key:
                    roles.setdefault(role, []).append(key)
    return PlaceWords(lang, {r: tuple(dict.fromkeys(v)) for r, v in roles.items()}, metas)


@functools.cache
def load_name_heads(lang: str, concept: str = "gazetteer.name_head") -> frozenset[str]:
    """Gazetteer-folded keys of the words of ``lexicons/<lang>/gazetteer_name_heads.yaml``:
    the generic first words of place names (``gazetteer.name_head``: "tal", "عين") or the
    words an admin area's name may open with (``gazetteer.area_prefix``: "مركز").

    Examples
    --------
    >>> "tal" in load_name_heads("en"), "عين" in load_name_heads("ar")
    (True, True)
    >>> "مركز" in load_name_heads("ar", "gazetteer.area_prefix")
    True
    """
    res = resources.files("hudna.lexicons").joinpath(lang, "gazetteer_name_heads.yaml")
    if not res.is_file():
        return frozenset()
    data = yaml.safe_load(res.read_text(encoding="utf-8")) or {}
    fold = lang_module(lang).fold_name
    return frozenset(k for k in (fold(match_key(str(f), lang)) for f in data.get(concept) or ()) if k)


def with_compound_spellings(keys: list[str], lang: str) -> list[str]:
    """``keys`` and the other spelling of each name opening with a head its writers join to the
    next word or not (``gazetteer.glued_head``: "كفر نبل" / "كفرنبل"; the language module's
    ``compound_variants``), for the exact index and the text scanner alike.

    Examples
    --------
    >>> with_compound_spellings(["كفر نبل"], "ar"), with_compound_spellings(["kafr nabl"], "en")
    (['كفر نبل', 'كفرنبل'], ['kafr nabl'])
    """
    heads = load_name_heads(lang, "gazetteer.glued_head")
    mod = lang_module(lang)
    return keys + [v for k in keys for v in mod.compound_variants(k, heads) if v not in keys]
