"""Finding exclusion claims ("counter-terrorism") in a report's text (issue #5).

A party that admits an act but says it struck an excluded group ("مكافحة التهديد الإرهابي")
contests the verdict without denying the facts. The phrases are data
(``hudna/data/justifications.yaml``), matched on match keys, so this module has no word of any
language; the claimant is the first actor the sentence names (actor lexicon).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hudna.corroborate.model import Contest
from hudna.text.lexicon import get_matcher
from hudna.text.normalize import match_key
from hudna.text.sentences import split_sentences

__all__ = ["find_justifications"]


def find_justifications(
    text: str,
    lang: str,
    report_id: str,
    forms: Mapping[str, Sequence[str]],
) -> list[Contest]:
    """Sentences of ``text`` that justify an act by an exclusion, as :class:`Contest` values.

    Parameters
    ----------
    forms
        Concept id -> surface forms in ``lang`` (display form).

    Examples
    --------
    >>> found = find_justifications("Russia said the strikes were counter-terrorism.", "en", "r1",
    ...                             {"justification.counter_terrorism": ["counter-terrorism"]})
    >>> [(c.kind, c.claimant, c.concept, c.text) for c in found]
    [('justification', 'russia', 'justification.counter_terrorism', 'counter-terrorism')]
    """
    keyed_forms = [
        (concept, f" {match_key(f, lang)} ") for concept, fs in forms.items() for f in fs if f.strip()
    ]
    if not keyed_forms:
        return []
    matcher = None
    out: list[Contest] = []
    for sent in split_sentences(text):
        raw = text[sent.start : sent.end]
        key = f" {match_key(raw, lang)} "
        hit = next(((c, f) for c, f in keyed_forms if f in key), None)
        if hit is None:
            continue
        concept, form_key = hit
        if matcher is None:
            matcher = get_matcher(lang)
        actors = [m for m in matcher.match(raw) if m.entry.family == "actor"]
        claimant = actors[0].concept.split(".", 1)[1] if actors else None
        start, end = _locate(raw, form_key.strip(), lang)
        out.append(
            Contest(
                kind="justification",
                claimant=claimant,
                text=raw[start:end] if end > start else form_key.strip(),
                report_id=report_id,
                start=sent.start + start,
                end=sent.start + end,
                concept=concept,
            )
        )
    return out


def _locate(raw: str, form_key: str, lang: str) -> tuple[int, int]:
    """Span of ``raw`` whose match key is ``form_key`` (shortest window of words)."""
    words = _word_spans(raw)
    n = len(form_key.split())  # a hyphen may join words the key splits
    for i in range(len(words)):
        for j in range(i, min(len(words), i + n + 2)):
            s, e = words[i][0], words[j][1]
            if match_key(raw[s:e], lang) == form_key:
                while s < e and not raw[s].isalnum():
                    s += 1
                while e > s and not raw[e - 1].isalnum():
                    e -= 1
                return s, e
    return 0, 0


def _word_spans(raw: str) -> list[tuple[int, int]]:
    spans = []
    start = None
    for i, ch in enumerate(raw):
        if ch.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(raw)))
    return spans
