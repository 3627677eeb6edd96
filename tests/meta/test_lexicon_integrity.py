"""Lexicon integrity (DESIGN.md §4): presentation forms, NFC, unique forms, concepts, meta, regexes."""

import re
import time
import unicodedata
from collections import defaultdict
from importlib import resources

import pytest
import yaml

from hudna.text.lexicon import (
    CONTEXT_LISTS,
    META_FIELDS,
    concept_exists,
    iter_lexicon_files,
    load_concepts,
    load_lexicon,
)
from hudna.text.normalize import match_key

LANGS = ("ar", "en")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _allowed() -> dict[tuple[str, str], frozenset[str]]:
    data = yaml.safe_load((resources.files("hudna.lexicons") / "ambiguous.yaml").read_text("utf-8"))
    assert set(META_FIELDS) <= set(data["meta"])
    return {
        (a["lang"], match_key(a["form"], a["lang"])): frozenset(a["concepts"]) for a in data["allowed"]
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_file_has_meta(lang: str) -> None:
    files = list(iter_lexicon_files(lang))
    assert files
    for path, text in files:
        meta = yaml.safe_load(text).get("meta")
        assert isinstance(meta, dict), path
        assert set(META_FIELDS) <= set(meta), path


@pytest.mark.parametrize("lang", LANGS)
def test_no_presentation_forms_and_nfc(lang: str) -> None:
    for e in load_lexicon(lang).entries:
        assert not _PRESENTATION.search(e.form), (e.path, e.form)
        assert unicodedata.normalize("NFC", e.form) == e.form, (e.path, e.form)


@pytest.mark.parametrize("lang", LANGS)
def test_no_form_maps_to_two_concepts_unless_whitelisted(lang: str) -> None:
    allowed = _allowed()
    by_key: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, str] = {}
    for e in load_lexicon(lang).entries:
        if e.family in ("gazetteer", "morph", "text") or e.concept in CONTEXT_LISTS:
            continue
        key = e.key or e.form  # a regex form has no match key: it is its own form
        by_key[key].add(e.concept)
        forms.setdefault(key, e.form)
    bad = {
        forms[k]: sorted(c)
        for k, c in by_key.items()
        if len(c) > 1 and not c <= allowed.get((lang, k), frozenset())
    }
    assert not bad


@pytest.mark.parametrize("lang", LANGS)
def test_concepts_exist(lang: str) -> None:
    concepts = load_concepts()
    missing = {e.concept for e in load_lexicon(lang).entries if not concept_exists(e.concept, concepts)}
    assert not missing


def test_concepts_have_gloss() -> None:
    for cid, body in load_concepts().items():
        assert body.get("gloss"), cid


@pytest.mark.parametrize("lang", LANGS)
def test_regexes_are_tested_and_fast(lang: str) -> None:
    regexes = [e for e in load_lexicon(lang).entries if e.kind == "regex"]
    for e in regexes:
        assert e.note and "test:" in e.note, f"regex {e.form!r} needs a 'test:' example in its note"
        sample = e.note.split("test:", 1)[1].strip()
        assert re.search(e.form, sample), e.form
        adversarial = ("ا" * 5000 + "!") if lang == "ar" else ("a" * 5000 + "!")
        t0 = time.perf_counter()
        re.search(e.form, adversarial)
        assert time.perf_counter() - t0 < 0.05, e.form


def test_dual_entries_carry_their_count() -> None:
    lex = load_lexicon("ar")
    assert [e.value for e in lex.lookup("طفلان")] == [2.0]
    assert [e.value for e in lex.lookup("قتيلين")] == [2.0]
