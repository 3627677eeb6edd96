"""Sentence splitting that keeps offsets into the original text (issue #4).

Sentences end at ``. ! ? ؟ ؛`` followed by white space (or the end), at line breaks and after
a photo credit closing a caption ("(AFP photo)"). A
full stop after a single capital letter (``U.S.``, ``U.N.``) or after a short abbreviation listed
in the language's lexicon (``text.abbreviation``) does not end a sentence. The text is never
changed: each :class:`Sentence` is a ``(start, end)`` slice of it with leading/trailing space
trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from hudna.text.slots import slot_builder

__all__ = ["Sentence", "split_sentences"]

_BOUNDARY = re.compile(
    # The pattern opens with a character class, which the regex engine scans for before trying
    # anything (a lookahead or a group of alternatives gives it no such prefix): each
    # alternative then checks with a lookbehind which first character it had. Alternatives:
    # "[.!?؟؛]+" closing quotes or brackets, before a space; "\n+"; a photo credit closing its
    # caption ("... in Hasakeh on Monday (AFP photo) BEIRUT ...").
    r"[.!?\u061f\u061b\n(](?:"
    r"(?<=[.!?\u061f\u061b])[.!?\u061f\u061b]*[\"'\u201d\u2019)\]]*(?=\s|$)|(?<=\n)\n*"
    r"|(?<=\()(?:[^()\n]{0,40}\s)?(?:[Pp]hotos?|PHOTO|\u0635\u0648\u0631\u0629)\)(?=\s|$)"
    r")"
)
_WORD_BEFORE = re.compile(r"(\S+)$")
#: Characters before a dot searched for the word it ends (longer words are no abbreviations).
_ABBR_WINDOW = 32


@dataclass(frozen=True, slots=True)
class Sentence:
    """``text`` is ``original[start:end]``; ``kind`` is ``"text"``, ``"tags"`` for a page's
    keyword list cut off the sentence it ran into, ``"caption"`` for a photo caption closed by
    an agency credit ("... on September 10 2016. (TRT World and Agencies)"), or ``"related"``
    for the headlines of other articles a page lists after the story ("... 01 Related Daesh
    Shells Syrias Deir ez-Zor Injures 10 People ..."); none but text reports anything."""

    start: int
    end: int
    text: str
    kind: str = "text"


_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _is_abbreviation(before: str, abbreviations: Collection[str]) -> bool:
    # the word right before the dot (``_WORD_BEFORE``: "$" also matches before a final newline)
    if before.endswith("\n"):
        before = before[:-1]
    if not before or before[-1].isspace():
        return False
    word = before.split()[-1]
    if len(word) == 1 and word.isupper():
        return True
    if len(word) >= 3 and word[1] == "." and _INITIALS.fullmatch(word):  # ("U.S": "X." first)
        return True
    return word.casefold() in abbreviations


def split_sentences(
    text: str, *, abbreviations: Collection[str] = (), tag_markers: Collection[str] = (),
    openers: Collection[str] = (), credits: Collection[str] = (), related: Collection[str] = (),
    continued: Collection[str] = (),
) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Parameters
    ----------
    text
        The original text (never modified).
    abbreviations
        Case-folded words (without the final dot) after which a dot does not end a sentence.
    continued
        Case-folded words (without the final dot) after which a dot ends no sentence when what
        follows starts with a lower-case letter, a digit or a bracket ("at 7 p.m. (1600 GMT) on
        Monday", "at 1 a.m. on Friday"); before a capital it may ("... at 5 p.m. The army said").
    tag_markers, openers
        A web page's keyword list ("Tags Syria Idlib Russia A hospital funded by ...") runs into
        the next sentence when the page lost its layout: a sentence opening with a tag marker
        (case-folded, "tags") is cut before the first capitalised opener word (case-folded:
        "a", "the", "at"...) or number among its next 15 words, so the keywords become a sentence
        of their own (``kind="tags"``).
    credits
        Case-folded agency credits ("reuters", "trt world and agencies"): a credit in brackets
        followed by a capitalised word closes a photo caption, the sentence it ends (or the one
        before it when it stands alone): ``kind="caption"``. After a word in capitals it is a
        dateline ("BEIRUT (Reuters)"), and at the end of the text the article's own credit.
    related
        Case-folded markers of a list of other articles' headlines ("related", "related news"):
        written with a capital and followed by a capitalised word or a number, past the first
        ``_RELATED_SKIP`` characters, a marker opens the list, which runs to the end of the
        text (the page's footer): ``kind="related"``.

    Examples
    --------
    >>> s = split_sentences("قصف على حلب. وقال المرصد إن 10 قتلوا؟ نعم\\nسطر")
    >>> [x.text for x in s]
    ['قصف على حلب.', 'وقال المرصد إن 10 قتلوا؟', 'نعم', 'سطر']
    >>> [x.text for x in split_sentences("The U.S. said so. Gen. Smith left.", abbreviations={"gen"})]
    ['The U.S. said so.', 'Gen. Smith left.']
    >>> [x.text for x in split_sentences("Ruins in Hasakeh (AFP photo) BEIRUT Thirteen were killed")]
    ['Ruins in Hasakeh (AFP photo)', 'BEIRUT Thirteen were killed']
    >>> t = "  one. two "
    >>> [(x.start, x.end, t[x.start:x.end]) for x in split_sentences(t)]
    [(2, 6, 'one.'), (7, 10, 'two')]
    >>> [x.text for x in split_sentences("Tags Syria Kurds Suicide Attack A suicide bomber struck.",
    ...                                  tag_markers={"tags"}, openers={"a", "the"})]
    ['Tags Syria Kurds Suicide Attack', 'A suicide bomber struck.']
    >>> [x.kind for x in split_sentences("Tags Syria Kurds Suicide Attack A suicide bomber struck.",
    ...                                  tag_markers={"tags"}, openers={"a", "the"})]
    ['tags', 'text']
    >>> t = "A checkpoint near Aleppo June 6 2015 (Reuters) Two people were killed. BEIRUT (Reuters) Six died."
    >>> [(x.text, x.kind) for x in split_sentences(t, credits={"reuters"})]
    [('A checkpoint near Aleppo June 6 2015 (Reuters)', 'caption'), ('Two people were killed.', 'text'), ('BEIRUT (Reuters) Six died.', 'text')]
    """
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if (
            m.group(0)[0] == "."
            and "\n" not in m.group(0)
            and _is_abbreviation(text[max(pos, m.start() - _ABBR_WINDOW) : m.start()], abbreviations)
        ):
            continue
        if (
            continued
            and m.group(0)[0] == "."
            and "\n" not in m.group(0)
            and (nxt := text[m.end() : m.end() + 3].lstrip()[:1])
            and (nxt.islower() or nxt.isdigit() or nxt in "([")
            and _is_abbreviation(text[max(pos, m.start() - _ABBR_WINDOW) : m.start()], continued)
        ):
            continue
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _append(out, text, pos, end)
        pos = m.end()
    _append(out, text, pos, len(text))
    if credits:
        out = _mark_captions(text, out, credits)
    if tag_markers and openers:
        out = [part for s in out for part in _split_tags(text, s, tag_markers, openers)]
    if related:
        out = _mark_related(text, out, related)
    return out


#: Characters at the start of a text where a related-articles marker is not looked for (a title).
_RELATED_SKIP = 200
_RELATED_RE: dict[frozenset[str], re.Pattern[str]] = {}


def _mark_related(text: str, sents: list[Sentence], markers: Collection[str]) -> list[Sentence]:
    heads = {w.split(" ")[0] for w in markers}
    if not any(h.capitalize() in text or h.upper() in text for h in heads):
        return sents  # the common case: no marker word at all (one substring search each)
    key = frozenset(markers)
    pattern = _RELATED_RE.get(key)
    if pattern is None:
        # each marker with its capital first letter, the rest in any case ("Related News"); the
        # pattern opens with that letter (the engine scans for it) and the word start is tested
        # below (a lookbehind first would be tried at every offset)
        words = sorted(key, key=len, reverse=True)
        pattern = _RELATED_RE[key] = re.compile(
            "(?:" + "|".join(re.escape(w[0].upper()) + "(?i:" + r"\s+".join(map(re.escape, w[1:].split(" "))) + ")"
                             for w in words) + r")(?=\s+[A-Z0-9])")
    cut = next((m.start() for m in pattern.finditer(text, _RELATED_SKIP) if text[m.start() - 1].isspace()), None)
    if cut is None:
        return sents
    out: list[Sentence] = []
    for s in sents:
        if s.end <= cut:
            out.append(s)
        elif s.start >= cut:
            out.append(Sentence(s.start, s.end, s.text, "related"))
        else:
            _append(out, text, s.start, cut, kind=s.kind)
            _append(out, text, cut, s.end, kind="related")
    return out


_TOKEN = re.compile(r"\S+")
#: A bracketed credit (at most a few words) followed by white space or the end.
_CREDIT = re.compile(r"\(([^()\n]{1,40})\)(?=\s|$)")


def _credit_at(text: str, m: re.Match[str], credits: Collection[str]) -> bool:
    if " ".join(m.group(1).casefold().split()) not in credits:
        return False
    before = text[: m.start()].split()
    if before and before[-1].isupper() and len(before[-1]) > 1:
        return False  # a dateline: "BEIRUT (Reuters) Syrian ..."
    after = text[m.end() :].split(None, 1)
    return bool(after) and (after[0][:1].isupper() or after[0][:1].isdigit())


def _mark_captions(text: str, sents: list[Sentence], credits: Collection[str]) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sents:
        if "(" not in s.text:
            out.append(s)
            continue
        pos = s.start
        for m in _CREDIT.finditer(text, s.start, s.end):
            if not _credit_at(text, m, credits):
                continue
            if not text[pos : m.start()].strip() and out and out[-1].kind == "text":
                # the credit stands alone after its caption's full stop
                out[-1] = Sentence(out[-1].start, out[-1].end, out[-1].text, "caption")
            _append(out, text, pos, m.end(), kind="caption")
            pos = m.end()
        _append(out, text, pos, s.end)
    return out


#: Words of a keyword list at most: an opener further on is inside the sentence the list ran into.
_MAX_TAGS = 15


def _split_tags(text: str, s: Sentence, markers: Collection[str], openers: Collection[str]) -> list[Sentence]:
    head = s.text[:24].split(None, 1)
    if not head or head[0].casefold() not in markers:
        return [s]  # the common case: tokenised no further
    tokens = list(_TOKEN.finditer(s.text))
    if len(tokens) < 3:
        return [s]
    for tok in tokens[2 : _MAX_TAGS + 1]:  # the first keyword may be anything
        word = tok.group(0)
        if word[:1].isupper() and word.casefold() in openers or word[:1].isdigit():
            cut = s.start + tok.start()
            parts: list[Sentence] = []
            _append(parts, text, s.start, cut, kind="tags")
            _append(parts, text, cut, s.end)
            return parts
    return [s]


#: Sentences are built through their slots (hudna.text.slots), by the constructor if it changed.
_make_sentence = slot_builder(Sentence, ("start", "end", "text", "kind"))


def _append(out: list[Sentence], text: str, start: int, end: int, kind: str = "text") -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(_make_sentence(start, end, text[start:end], kind))
