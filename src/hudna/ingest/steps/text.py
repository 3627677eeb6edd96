"""Text steps of the news pipeline: language, keys, sentences, lexicon, dates, numbers (issue #4)."""

from __future__ import annotations

import functools
import itertools
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from datetime import date

from hudna.errors import DataError
from hudna.ingest.pipeline import Doc, Step
from hudna.text.dates import TimeExpression, find_time_expressions
from hudna.text.detect import detect_language
from hudna.text.lexicon import Lexicon, LexiconMatch, get_matcher, load_lexicon
from hudna.text.normalize import keyed_text, match_key
from hudna.text.numbers import find_quantities
from hudna.text.sentences import split_sentences

__all__ = [
    "detect_language_step",
    "extract_dates",
    "extract_numbers",
    "key_slice",
    "match_lexicon",
    "normalise",
    "SentenceMatches",
    "sentence_index",
    "sentence_matches",
    "split_sentences_step",
]

logger = logging.getLogger(__name__)
SUPPORTED = ("ar", "en")
_CLOCKISH = re.compile(r"\d[:.\u066b]\d")
_CLOCKISH_A = re.compile(_CLOCKISH.pattern, re.ASCII)  # for ASCII texts: same matches, faster


def detect_language_step(doc: Doc) -> None:
    """Assign ``lang`` (``ar``/``en``) and ``detection``; a given ``lang_hint`` wins (and then
    only the script shares are read, not the language-id model)."""
    detection = detect_language(doc.text, use_model=doc.lang_hint not in SUPPORTED)
    doc["detection"] = detection
    lang = doc.lang_hint if doc.lang_hint in SUPPORTED else detection.lang
    if lang not in SUPPORTED:
        raise DataError(
            f"cannot tell the language of the text (detected {detection.lang!r}); pass --lang",
            field="lang",
        )
    doc["lang"] = lang


def normalise(doc: Doc) -> None:
    """Assign ``keyed``: the match key of the text with offsets back to the original."""
    doc["keyed"] = keyed_text(doc.text, doc["lang"])


def split_sentences_step(doc: Doc) -> None:
    """Assign ``sentences`` (offsets into the original text)."""
    lex = load_lexicon(doc["lang"])
    doc["sentences"] = split_sentences(doc.text, abbreviations=_abbreviations(lex),
                                       tag_markers=lex.keys_of("text.tag_marker"),
                                       openers=lex.keys_of("text.sentence_opener"),
                                       credits=lex.keys_of("text.caption_credit"),
                                       related=lex.keys_of("text.related_marker"),
                                       continued=_forms(lex, "text.abbreviation_continued"))


@functools.lru_cache(maxsize=16)
def _forms(lexicon: Lexicon, concept: str) -> frozenset[str]:
    """The case-folded forms of a concept as written (dots kept: "p.m")."""
    return frozenset(e.form.casefold() for e in lexicon.forms_of(concept))


@functools.lru_cache(maxsize=8)
def _abbreviations(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(e.key for e in lexicon.forms_of("text.abbreviation"))


def match_lexicon(doc: Doc) -> None:
    """Assign ``matches`` (all lexicon hits) and ``lexicon_version``.

    A word of a truce's name is no actor ("regime" of "the regime of calm"): actor matches inside
    a ``regime.truce`` match are dropped (matches of other families overlap freely); so is an
    actor owned by the next one (``actor.owner_link``: "الطيران الحربي التابع للتحالف الدولي" is the
    coalition's)."""
    matcher = get_matcher(doc["lang"])
    ms = matcher.match_keyed(doc["keyed"])
    truces = [(m.start, m.end) for m in ms if m.concept == "regime.truce"]
    if truces:
        ms = [m for m in ms if m.entry.family != "actor"
              or not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in truces)]
    actors = [m for m in ms if m.entry.family == "actor"]
    # (most texts have no owner word)
    links = present_phrases(doc, load_lexicon(doc["lang"]).keys_of("actor.owner_link")) if len(actors) > 1 else frozenset()
    if links:
        owned = {id(a) for a, b in itertools.pairwise(actors)
                 if a.end <= b.start and b.start - a.end <= 20
                 and key_slice(doc, a.end, b.start).strip() in links}
        if owned:
            ms = [m for m in ms if id(m) not in owned]
    doc["matches"] = ms
    doc["lexicon_version"] = matcher.lexicon.version


def present_phrases(doc: Doc, phrases: frozenset[str]) -> frozenset[str]:
    """``phrases``, or none when the text's key has none of their first words as a word (rules
    whose words most texts lack skip their work)."""
    padded = doc.fields.get("_padded_key")
    if padded is None:
        padded = doc.fields["_padded_key"] = f" {doc['keyed'].key} "
    if any(f" {w} " in padded for w in first_words(phrases)):
        return phrases
    return frozenset()


@functools.cache
def first_words(phrases: frozenset[str]) -> frozenset[str]:
    """The first words of a set of phrase keys."""
    return frozenset(k.split()[0] for k in phrases)


def sentence_index(doc: Doc, offset: int) -> int:
    """Index of the sentence containing ``offset`` (or the one before it)."""
    # (the fields read directly: this runs for every place mention, the accessors are calls)
    starts = doc.fields.get("_sentence_starts")
    if starts is None:
        starts = [s.start for s in doc["sentences"]]
        doc["_sentence_starts"] = starts
    return max(0, bisect_right(starts, offset) - 1)


def key_slice(doc: Doc, start: int, end: int) -> str:
    """The match key of ``doc.text[start:end]``, cut from the text's key (``keyed``) rather than
    computed again: keys are made character by character, so the key characters that come from
    ``text[start:end]`` are that slice's key (up to spaces at its ends; split it into words).

    Examples
    --------
    >>> doc = Doc("Shelling hit Deir-ez-Zor, then Aleppo.")
    >>> doc["lang"] = "en"; normalise(doc)
    >>> key_slice(doc, 13, 31).split()
    ['deir', 'ez', 'zor', 'then']

    An ASCII slice (most English gaps and windows, the spaces between Arabic words) is keyed
    at once instead: its key is one byte translation, cheaper than the two bisections (the same
    words, by the same argument).
    """
    piece = doc.text[start:end]
    if piece.isascii():
        return match_key(piece, doc.fields["lang"])
    kt = doc.fields["keyed"]
    # bisection over a memoryview of the offsets: a numpy search on two scalars costs three
    # times as much, and converting the whole array to a list per text more still
    starts = memoryview(kt.starts)
    key: str = kt.key
    return key[bisect_left(starts, start):bisect_left(starts, end)]


_NONE: list[LexiconMatch] = []


class SentenceMatches:
    """The lexicon matches of one sentence, indexed once by concept and by family.

    Rules ask a sentence many questions ("its casualty words", "its actors", "any truce word?");
    one pass here answers them all. Lists keep text order; treat them as read-only.
    """

    __slots__ = ("by_concept", "by_family", "has", "matches")

    #: ``has(concept)``: whether the sentence has a match of ``concept``; the index's own ``in``,
    #: bound once per sentence (the rules ask it tens of thousands of times per article set,
    #: and a method would be a Python call each time).
    has: Callable[[str], bool]

    def __init__(self, matches: list[LexiconMatch]) -> None:
        self.matches = matches
        by_concept: dict[str, list[LexiconMatch]] = {}
        by_family: dict[str, list[LexiconMatch]] = {}
        for m in matches:
            # setdefault: two calls per index, cheaper than a look-up and a branch in Python
            by_concept.setdefault(m.concept, []).append(m)
            by_family.setdefault(m.entry.family, []).append(m)
        self.by_concept = by_concept
        self.by_family = by_family
        self.has = by_concept.__contains__

    def of(self, concept: str) -> list[LexiconMatch]:
        """Matches of ``concept``."""
        return self.by_concept.get(concept, _NONE)

    def family(self, family: str) -> list[LexiconMatch]:
        """Matches of every concept of ``family`` ("actor", "incident" ...)."""
        return self.by_family.get(family, _NONE)

    def of_any(self, concepts: Collection[str]) -> list[LexiconMatch]:
        """Matches of any of ``concepts``, in text order."""
        bc = self.by_concept
        for c in concepts:  # (a loop, not any(): most sentences have none of them)
            if c in bc:
                return [m for m in self.matches if m.concept in concepts]
        return _NONE


def sentence_matches(doc: Doc) -> list[SentenceMatches]:
    """:class:`SentenceMatches` of each sentence (of ``matches_by_sentence``), built once per doc.

    Examples
    --------
    >>> from hudna.ingest.pipeline import build_pipeline
    >>> doc = build_pipeline(with_places=False)(Doc("Air strikes on Aleppo. Rebels said so.", lang_hint="en"))
    >>> [[m.text for m in s.family("incident")] for s in sentence_matches(doc)]
    [['Air strikes'], []]
    >>> [m.text for m in sentence_matches(doc)[1].of("attribution.said")]
    ['said']
    """
    by_sentence = doc["matches_by_sentence"]
    cached = doc.get("_sentence_matches")
    if cached is not None and cached[0] is by_sentence:
        out: list[SentenceMatches] = cached[1]
        return out
    out = [SentenceMatches(ms) for ms in by_sentence]
    doc["_sentence_matches"] = (by_sentence, out)
    return out


def _by_sentence(doc: Doc, items: list, attr: str = "start") -> list[list]:  # type: ignore[type-arg]
    out: list[list] = [[] for _ in doc["sentences"]]  # type: ignore[type-arg]
    if not out:
        return out
    starts = doc.get("_sentence_starts")
    if starts is None:
        starts = [s.start for s in doc["sentences"]]
        doc["_sentence_starts"] = starts
    n = len(starts)
    k = 0
    last = -1
    for it in items:
        pos = getattr(it, attr)
        if pos < last:  # not in text order: look it up
            out[max(0, bisect_right(starts, pos) - 1)].append(it)
            continue
        last = pos
        while k + 1 < n and starts[k + 1] <= pos:
            k += 1
        out[k].append(it)
    return out


def _matches_by_sentence(doc: Doc, matches: list[LexiconMatch]) -> list[list[LexiconMatch]]:
    """:func:`_by_sentence` for lexicon matches, which come in text order: each sentence's
    matches are one slice, found by bisection."""
    sents = doc["sentences"]
    if not sents:
        return []
    mstarts = [m.start for m in matches]
    if mstarts != sorted(mstarts):
        return _by_sentence(doc, matches)
    cuts = [0] + [bisect_left(mstarts, s.start) for s in sents[1:]] + [len(matches)]
    return [matches[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


#: Sentences of the lead searched for the writer's "today (weekday)".
_ANCHOR_SENTENCES = 3
#: How many days before publication the writer's stated today may lie.
_ANCHOR_MAX_DAYS = 3


def extract_dates(doc: Doc) -> None:
    """Assign ``times``: time expressions per sentence, resolved against ``published_on``.

    When the lead states the writer's today with its weekday ("اليوم (الخميس)", "today
    (Thursday)") and that day lies a few days before publication, relative expressions of the
    whole article ("أمس", "الأربعاء") are resolved against that day (``reference_on``): the
    article was written then and published or collected later.

    Without a publication date nothing relative can be resolved: ``times`` stays empty per
    sentence and a warning is recorded on the doc.
    """
    doc["matches_by_sentence"] = _matches_by_sentence(doc, doc["matches"])
    if doc.published_on is None:
        doc.warnings.append("no publication date: relative dates not resolved")
        doc["times"] = [[] for _ in doc["sentences"]]
        doc["reference_on"] = None
        return
    # the per-sentence index the claim rules read later, built now: its families and concepts
    # answer the two questions below without a pass over each sentence's matches
    index = sentence_matches(doc)
    sentences = doc["sentences"]
    clockish = _CLOCKISH_A if doc.text.isascii() else _CLOCKISH

    def resolve(i: int, ref: date) -> list[TimeExpression]:
        sent, ix = sentences[i], index[i]
        if "time" not in ix.by_family and not clockish.search(sent.text):
            return []  # no time word and no clock: nothing to resolve
        future = ix.has("time.future") or ix.has("time.next")
        return find_time_expressions(
            doc.text, doc["lang"], published_on=ref, matches=ix.matches, future=future,
            window=(sent.start, sent.end),
        )

    ref = doc.published_on
    lead: list[list[TimeExpression]] = []  # the lead's expressions against the publication day
    for i in range(min(_ANCHOR_SENTENCES, len(doc["sentences"]))):
        lead.append(resolve(i, doc.published_on))
        stated = [t.on for t in lead[-1] if t.states_today and t.on is not None]
        if stated:
            if 0 < (doc.published_on - stated[0]).days <= _ANCHOR_MAX_DAYS:
                ref = stated[0]
            break
    doc["reference_on"] = ref
    # against the publication day, the lead is already resolved
    times = [lead[i] if ref == doc.published_on and i < len(lead) else resolve(i, ref) for i in range(len(doc["sentences"]))]
    doc["times"] = times


def extract_numbers(doc: Doc) -> None:
    """Assign ``quantities`` per sentence."""
    qs = find_quantities(doc.text, doc["lang"], doc["matches"])
    doc["quantities"] = _by_sentence(doc, qs)


STEPS = (
    Step("detect_language", detect_language_step, assigns=("lang", "detection")),
    Step("normalise", normalise, requires=("lang",), assigns=("keyed",)),
    Step("split_sentences", split_sentences_step, requires=("lang",), assigns=("sentences",)),
    Step(
        "match_lexicon",
        match_lexicon,
        requires=("keyed",),
        assigns=("matches", "lexicon_version"),
    ),
    Step(
        "extract_dates",
        extract_dates,
        requires=("matches", "sentences"),
        assigns=("times", "matches_by_sentence", "reference_on"),
    ),
    Step("extract_numbers", extract_numbers, requires=("matches", "sentences"), assigns=("quantities",)),
)
