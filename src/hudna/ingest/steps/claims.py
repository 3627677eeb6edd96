"""Claim steps: attribution, hedges/denials, negative observations, regime status, incidents.

Issue #4. Everything here reads lexicon concepts, never words of a language, so one set of
rules serves Arabic and English. Rules are named and versioned (``RULES``) and every claim
records the rule, the lexicon version and the gazetteer version that produced it.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from hudna.domain.claim import (
    INCIDENT_TYPES,
    TIME_PRECISIONS,
    Attribution,
    Casualties,
    Claim,
    ClaimPlace,
    ClaimTime,
    Evidence,
    HumanitarianClaim,
    IncidentClaim,
    Provenance,
    RegimeStatusClaim,
)
from hudna.ingest.pipeline import Doc, Step
from hudna.ingest.steps.places import PlaceMention
from hudna.ingest.steps.text import (
    SentenceMatches,
    first_words,
    key_slice,
    present_phrases,
    sentence_matches,
)
from hudna.text.dates import TimeExpression, find_durations
from hudna.text.lexicon import LexiconMatch, as_concept, load_lexicon, short_key
from hudna.text.numbers import Quantity
from hudna.text.sentences import Sentence
from hudna.text.slots import slot_builder

__all__ = [
    "RULES",
    "build_claims",
    "extract_regime_status",
    "mark_attribution",
    "mark_negation",
]

logger = logging.getLogger(__name__)

RULES = {
    "incident": "incident_sentence.v9",
    "calm": "negative_observation.v3",
    "regime": "regime_status_sentence.v8",
    "humanitarian": "humanitarian_figure.v1",
}
#: Digits of a day run into a year ("092015", "182016"): a date, not a count.
_GLUED_YEAR = re.compile(r"\d{1,2}(?:19[89]\d|20[0-4]\d)(?!\d)")
#: A numeric date around a figure ("15-09-2013", "7/5/2016"): none of its numbers counts anyone.
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")
#: Gap (characters) within which a marker word affects the next/previous word.
_NEAR = 40
#: Same, for a figure counting people and a casualty word after it in the same clause.
_NEAR_PERSON = 90
_TARGET_GAP_WORDS = 3
#: Characters within which a casualty word may make an actor its victim.
_NEAR_VICTIM = 60
#: Words between a verb of saying / "statement" and a time word that dates the statement.
_STATEMENT_GAP = 2
#: Words allowed between an irrealis marker ("خوفا من", "to stop") and the trigger it governs.
_IRREALIS_GAP = 2


#: Evidence is built through its slots (no __init__, frozen __setattr__ checks or
#: __post_init__ call), a few thousand times per article set (:func:`slot_builder`; the
#: constructor if the class no longer has these slots).
_make_evidence = slot_builder(Evidence, ("start", "end", "text", "role"))


#: Incidents are built through their slots too (a few thousand per article set, eleven fields
#: each): :func:`_incident` writes out the checks of ``IncidentClaim.__post_init__``.
_INCIDENT_FIELDS = ("event_type", "evidence", "provenance", "perpetrator", "target", "place", "time",
                    "casualties", "attribution", "negative", "sentence")
_make_incident: Callable[..., IncidentClaim] = slot_builder(IncidentClaim, _INCIDENT_FIELDS)


def _incident(event_type: str, evidence: tuple[Evidence, ...], provenance: Provenance, perpetrator: str | None,
              target: str | None, place: ClaimPlace | None, time: ClaimTime | None, casualties: Casualties,
              attribution: Attribution, negative: bool, sentence: tuple[int, int] | None) -> IncidentClaim:
    """``IncidentClaim(...)`` with every field given, in field order."""
    if event_type not in INCIDENT_TYPES or not evidence:
        # the constructor raises the validation error
        return IncidentClaim(event_type, evidence, provenance, perpetrator, target, place, time, casualties,
                             attribution, negative, sentence)
    return _make_incident(event_type, evidence, provenance, perpetrator, target, place, time, casualties,
                          attribution, negative, sentence)


#: The values a claim is made of, built through their slots as well (a thousand or two of each
#: per article set); ``ClaimTime``'s checks are written out in :func:`_claim_time`.
_make_attribution: Callable[..., Attribution] = slot_builder(Attribution, (
    "source_id", "originator", "publisher", "sources", "hedged", "denied", "justification", "inherited"))
_make_casualties: Callable[..., Casualties] = slot_builder(Casualties, (
    "killed_low", "killed_best", "killed_high", "killed_all", "children", "women", "injured_low", "injured_best",
    "injured_high"))
_make_claim_time: Callable[..., ClaimTime] = slot_builder(ClaimTime, (
    "on", "earliest_on", "latest_on", "precision", "tz", "at", "part_of_day"))


def _ev(doc: Doc, start: int, end: int, role: str) -> Evidence:
    text = doc.text[start:end]
    if start < 0 or end < start or len(text) != end - start:
        return Evidence(start, end, text, role)  # a span that does not fit raises there
    ev: Evidence = _make_evidence(start, end, text, role)
    return ev


#: Rules compare word gaps with small limits; a gap of more raw tokens than this is "far".
_FAR_TOKENS = 8


def _gap_words(doc: Doc, a: int, b: int) -> int:
    if b <= a:
        return 0
    raw = doc.text[a:b]
    if raw.isspace():
        return 0  # (a fifth of the gaps: adjacent words) no white space has a key character
    if len(raw) > 12 * _FAR_TOKENS:
        n = len(raw.split())
        if n > _FAR_TOKENS:
            return n  # far: punctuation-only tokens cannot bring it under any limit used here
    return len(short_key(raw, doc.fields["lang"]).split())


# -- attribution, hedges, denials ------------------------------------------------------------


def _sid(m: LexiconMatch) -> str:
    return m.concept.split(".", 1)[1]


#: Families that can change a sentence's attribution (else: the publisher alone).
_ATTRIBUTION_FAMILIES = frozenset({"source", "hedge", "justification"})


@functools.lru_cache(maxsize=256)
def _plain_attribution(publisher: str | None) -> Attribution:
    """The attribution of a sentence naming no source (immutable: one shared instance)."""
    return Attribution(publisher=publisher)


def _attribution_for(doc: Doc, ix: SentenceMatches) -> tuple[Attribution, list[Evidence]]:
    """Who said it, in one sentence.

    - "<publisher> نقلت عن <originator>" / "<publisher> quoted <originator>": a marker between two
      sources makes the first the publisher;
    - "according to <originator>, quoted by <publisher>" / "قال <originator> لوكالة <publisher>":
      a relay marker (``attribution.relay_marker``) or a relay proclitic on the source
      (``attribution.relay_proclitic``: "ل") makes that source the publisher;
    - hedges, denials ("نفى", "denied") and justifications ("مكافحة الإرهاب", "fighting terrorism")
      are recorded on the attribution with their evidence.
    """
    if _ATTRIBUTION_FAMILIES.isdisjoint(ix.by_family) and not ix.has("negation.denied"):
        return _plain_attribution(doc.source_id), []
    sources = ix.family("source")
    markers = ix.of("attribution.originator_marker")
    relays = ix.of("attribution.relay_marker")
    justifications = ix.family("justification")
    hedged = bool(ix.family("hedge"))
    denied = ix.has("negation.denied")
    ids: list[str] = []
    for m in sources:
        sid = _sid(m)
        if sid not in ids:
            ids.append(sid)
    publisher = doc.source_id
    originator = ids[0] if ids else None
    if len(sources) >= 2:
        relay_procl = _relay_proclitics(doc["lang"])
        said = ix.of("attribution.said")
        according = ix.of("attribution.according_to")

        def spoken_to(s: LexiconMatch) -> bool:
            # "قال X لوكالة فرانس برس" (after a verb of saying), not "وفقا لمراسل فرانس برس"
            return (bool(s.prefix) and s.prefix in relay_procl
                    and any(v.end <= s.start for v in said)
                    and not any(a.end <= s.start and _gap_words(doc, a.end, s.start) <= 1
                                for a in according))

        relayed = [
            s for s in sources
            if spoken_to(s)
            or any(r.end <= s.start and _gap_words(doc, r.end, s.start) <= 1 for r in relays)
        ]
        first, second = sources[0], sources[1]
        if relayed and any(_sid(s) != _sid(relayed[0]) for s in sources):
            publisher = _sid(relayed[0])
            originator = next(_sid(s) for s in sources if _sid(s) != publisher)
        elif any(first.end <= mk.start <= second.start for mk in markers):
            # "<publisher> نقلت عن <originator>" / "<publisher> quoted <originator>"
            publisher = _sid(first)
            originator = _sid(second)
    evidence = [_ev(doc, m.start, m.end, "source") for m in sources]
    # (the sentence's index lists them in text order: no pass over all its matches)
    evidence += [_ev(doc, m.start, m.end, "hedge") for m in ix.family("hedge")]
    evidence += [_ev(doc, m.start, m.end, "denial") for m in ix.of("negation.denied")]
    evidence += [_ev(doc, m.start, m.end, "justification") for m in justifications]
    justification = justifications[0].concept.split(".", 1)[1] if justifications else None
    return _make_attribution(originator, originator, publisher, tuple(ids), hedged, denied, justification,
                             False), evidence


@functools.lru_cache(maxsize=256)
def _keys(lang: str, concept: str) -> frozenset[str]:
    """Match keys of a word list of the packaged lexicon, looked up once per language (rules
    read them per sentence)."""
    return load_lexicon(lang).keys_of(concept)


@functools.lru_cache(maxsize=4)
def _complementizers(lang: str) -> frozenset[str]:
    return load_lexicon(lang).keys_of("attribution.complementizer")


@functools.lru_cache(maxsize=4)
def _relay_proclitics(lang: str) -> frozenset[str]:
    return load_lexicon(lang).keys_of("attribution.relay_proclitic")


#: Sentences after an analyst's view over which "أضاف ..."/"he added" is still commentary.
_CHAIN_SENTENCES = 3


def mark_attribution(doc: Doc) -> None:
    """Assign ``attributions``: per sentence, who said it and whether it is hedged or denied.

    A sentence that reports speech without naming a source ("ونقل عن الجنرال كورالينكو أنه ...",
    "كما ذكر المصدر", "he added") right after a sentence that named one, or that continued such
    a chain, gets that sentence's sources (``inherited=True``). A sentence that reports nothing
    breaks the chain: a later speech has a speaker of its own ("Rebels have said ...", "وكانت
    روسيا ... قد أعلنت", after a narrative sentence), which inheriting would replace with a
    source it never quoted (of 68 such inheritances across a gap in snn-ar and a quarter of
    FA-KES, nearly all were another speaker's).
    """
    out: list[tuple[Attribution, list[Evidence]]] = []
    last: tuple[Attribution, list[Evidence]] | None = None
    last_i = -10
    for i, ix in enumerate(sentence_matches(doc)):
        att, ev = _attribution_for(doc, ix)
        if att.sources:
            last, last_i = (att, ev), i
        elif last is not None and i - last_i == 1 and (
                ix.has("attribution.said") or ix.has("attribution.according_to")):
            prev = last[0]
            att = _make_attribution(prev.source_id, prev.originator, prev.publisher, prev.sources, att.hedged,
                                    att.denied, att.justification, True)
            ev = ev + [e for e in last[1] if e.role == "source"]
            last_i = i
        out.append((att, ev))
    doc["attributions"] = out


def mark_negation(doc: Doc) -> None:
    """Assign ``negated``: starts of incident triggers that a negation governs ("لم تشن أي غارة").

    A trigger is negated when a ``negation.not`` word precedes it in the same sentence with at
    most four words between them, or a ``negation.any`` word ("أي", "any") right before it.
    """
    negated: set[int] = set()
    for ix in sentence_matches(doc):
        nots = ix.of("negation.not")
        if not nots:
            continue  # both rules need a "not" word
        anys = ix.of("negation.any")
        for m in ix.family("incident"):
            if any(a.end <= m.start and _gap_words(doc, a.end, m.start) == 0 for a in anys) and nots:
                negated.add(m.start)
                continue
            if any(n.end <= m.start and _gap_words(doc, n.end, m.start) <= 4 for n in nots):
                negated.add(m.start)
    doc["negated"] = negated


# -- regime status ------------------------------------------------------------------------------


def _party_ids(ms: Sequence[LexiconMatch], before: int | None = None) -> tuple[str, ...]:
    out: list[str] = []
    for m in ms:
        if m.entry.family != "actor" or m.concept in ("actor.civilians", "actor.unknown"):
            continue
        if before is not None and m.start > before:
            continue
        aid = m.concept.split(".", 1)[1]
        if aid not in out:
            out.append(aid)
    return tuple(out)


def _zones(doc: Doc, i: int) -> list[PlaceMention]:
    seen: set[str | None] = set()
    out = []
    for p in doc["places"]:
        if p.sentence == i and not p.foreign and p.place.admin1_pcode and p.place.pcode not in seen:
            seen.add(p.place.pcode)
            out.append(p)
    return out


def _status_words(doc: Doc, statuses: Sequence[LexiconMatch], ms: Sequence[LexiconMatch] = ()) -> list[LexiconMatch]:
    """The status words of a sentence (``ms``: all its matches), without those inside the name
    of an actor or source, nor an announcement whose object is another status ("إعلانا روسيا عن
    تمديد نظام التهدئة", "announced an extension of the truce", "announced that talks ..."):
    what was announced is that status, not a truce."""
    if not statuses:
        return []
    # a status word inside the name of a body is no status ("High Negotiations Committee",
    # "الهيئة العليا للمفاوضات")
    names = [(m.start, m.end) for m in ms if m.entry.family in ("actor", "source")]
    if names:
        statuses = [st for st in statuses if not any(a <= st.start and st.end <= b for a, b in names)]
    # right after the truce words, an announcement word names or describes that truce ("the
    # cessation of hostilities agreement", "a truce agreed in February has been violated"): a
    # compound noun is never the statement, a participle not when the sentence makes another
    truce_ends = [m.end for m in ms if m.concept == "regime.truce"]
    if truce_ends:
        compounds = load_lexicon(doc["lang"]).keys_of("regime.compound_noun")
        other = any(st.concept != "status.announced" for st in statuses)
        statuses = [
            st for st in statuses
            if not (st.concept == "status.announced"
                    and any(e <= st.start and _gap_words(doc, e, st.start) == 0 for e in truce_ends)
                    and (other or short_key(st.text, doc["lang"]) in compounds))
        ]
        # so does a participle right before them when the sentence states another status ("rejected
        # the proposed truce", "violations of the agreed ceasefire")
        truce_starts = [m.start for m in ms if m.concept == "regime.truce"]
        if len({st.concept for st in statuses}) > 1:
            statuses = [
                st for st in statuses
                if not (st.concept in ("status.announced", "status.proposed")
                        and any(st.end <= s and _gap_words(doc, st.end, s) == 0 for s in truce_starts)
                        and any(o.concept not in ("status.announced", "status.proposed") for o in statuses))
            ]
    if len(statuses) < 2:
        return list(statuses)
    out = []
    for st in statuses:
        if st.concept == "status.announced" and any(
            o.concept != st.concept and o.start >= st.end and _governed(doc, st.end, o.start)
            for o in statuses
        ):
            continue
        out.append(st)
    return out


def _governed(doc: Doc, a: int, b: int) -> bool:
    """Whether the words from ``a`` to ``b`` are few enough (three at most, in one clause) for
    the word at ``b`` to be the object of the word ending at ``a``."""
    return len(doc.text[a:b].split()) <= 3 and not _clause_broken(doc, a, b)


def extract_regime_status(doc: Doc) -> None:
    """Assign ``regime_claims``: one per status word per zone in sentences that name a truce."""
    claims: list[RegimeStatusClaim] = []
    prov = Provenance(RULES["regime"], doc["lexicon_version"], doc["gazetteer_version"])
    for i, (sent, ix) in enumerate(zip(doc["sentences"], sentence_matches(doc), strict=True)):
        truces = ix.of("regime.truce")
        if not truces or getattr(sent, "kind", "text") != "text":
            continue
        ms = ix.matches
        statuses = ix.family("status")
        if not any(st.concept == "status.announced" for st in statuses):
            announcing = _announcing(doc, ix, truces)
            if announcing:
                statuses = sorted([*statuses, *announcing], key=lambda m: m.start)
        statuses = _status_words(doc, statuses, ms)
        nots = ix.of("negation.not")
        if nots and statuses:
            # "was not extended", "لم يتم تمديد الهدنة", "انتهت دون تمديد": no such status
            statuses = [st for st in statuses if not any(
                n.end <= st.start and _gap_words(doc, n.end, st.start) <= _STATUS_NEGATION_GAP
                and not _clause_broken(doc, n.end, st.start) for n in nots)]
        seen: set[str] = set()
        until = None
        for t in doc["times"][i]:
            if t.is_until and t.at is not None:
                until = t.at
        duration = _truce_duration(doc, i, sent, ix, truces, statuses) if statuses else None
        # "a 72-hour truce starting at 01:00 on Thursday": the end is the start plus the length;
        # an extension counts from a start only when the text marks it as the extension's
        # ("extended for 48 hours starting from 00:01 Sunday"; in "the truce, which began at 00:01
        # on Thursday, was extended for 72 hours" the time is the truce's own start)
        from_start: dict[bool, datetime | None] = {False: None, True: None}
        if until is None and duration is not None:
            starting = _keys(doc["lang"], "time.starting")
            for t in doc["times"][i]:
                if t.is_until or t.at is None:
                    continue
                if from_start[False] is None:
                    from_start[False] = t.at + timedelta(hours=duration)
                if from_start[True] is None and any(
                        k in starting for k in _phrases(key_slice(doc, t.start, t.end).split())):
                    from_start[True] = t.at + timedelta(hours=duration)
        attribution, att_ev = doc["attributions"][i]
        zones: list[PlaceMention | None] = list(_zones(doc, i)) or [None]
        days = [t for t in doc["times"][i] if not t.is_until and t.on is not None]
        for st in statuses:
            status = st.concept.split(".", 1)[1]
            if status in seen:
                continue
            seen.add(status)
            parties = _party_ids(ms, before=st.start) or _party_ids(ms)
            stated = _stated_on(doc, st, days)
            for z in zones:
                ev = [_ev(doc, truces[0].start, truces[0].end, "truce"), _ev(doc, st.start, st.end, "status")]
                zone = None
                if z is not None:
                    ev.append(_ev(doc, z.start, z.end, "zone"))
                    zone = z.place
                claims.append(
                    RegimeStatusClaim(
                        status=status,
                        evidence=tuple(ev + att_ev),
                        provenance=prov,
                        zone=zone,
                        until=(until or from_start[status == "extended"])
                        if status in ("extended", "announced", "in_force") else None,
                        parties=parties,
                        attribution=attribution,
                        sentence=(sent.start, sent.end),
                        stated_on=stated,
                        duration_hours=duration if status in ("extended", "announced", "in_force") else None,
                    )
                )
    doc["regime_claims"] = claims


def _phrases(words: Sequence[str]) -> list[str]:
    """The words of a key and their two-word phrases ("اعتبارا من")."""
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


def _truce_duration(
    doc: Doc, i: int, sent: Sentence, ix: SentenceMatches, truces: Sequence[LexiconMatch],
    statuses: Sequence[LexiconMatch],
) -> float | None:
    """Hours of the first length of time the sentence gives its truce (:func:`find_durations`):
    one a marker makes a length ("for 48 hours", "لمدة 72 ساعة", "a 72-hour truce"), or one right
    after or before a truce or status word ("هدنة 72 ساعة", "مدد 48 ساعة") or right after the
    truce's zone."""
    found = find_durations(doc.text, doc["lang"], matches=ix.matches, quantities=doc["quantities"][i],
                           window=(sent.start, sent.end))
    words = [*truces, *statuses]
    # (or right after the truce's zone: "تمديد الهدنة في اللاذقية 72 ساعة")
    zone_ends = [p.end for p in _zones(doc, i)]
    for d in found:
        if d.marked or any(
            (w.end <= d.start and _gap_words(doc, w.end, d.start) <= 1)
            or (d.end <= w.start and _gap_words(doc, d.end, w.start) <= 1) for w in words
        ) or any(e <= d.start and _gap_words(doc, e, d.start) == 0 for e in zone_ends):
            return d.hours
    return None


#: Words between a negation and the status word it denies ("لم يتم تمديد": 1).
_STATUS_NEGATION_GAP = 2


#: Words a verb of announcing may have between it and the truce it announces (its subject,
#: "عن").
_ANNOUNCED_GAP = 3


def _announcing(doc: Doc, ix: SentenceMatches, truces: Sequence[LexiconMatch]) -> list[LexiconMatch]:
    """Verbs of saying that announce the truce word they govern (``status.announce_verb``):
    "أعلن الجيش الروسي هدنة إنسانية في حلب", "أعلنت روسيا عن هدنة" — the verb read as
    ``status.announced``; not before a complementizer ("أعلن أن الهدنة صامدة": a report)."""
    said = ix.of("attribution.said")
    if not said:
        return []
    verbs = _keys(doc["lang"], "status.announce_verb")
    comps = _complementizers(doc["lang"])
    out = []
    for v in said:
        if v.entry.key not in verbs:
            continue
        t = next((t for t in truces if t.start >= v.end), None)
        if t is None:
            continue
        gap = short_key(doc.text[v.end : t.start], doc["lang"]).split()
        # the subject's name counts as one word ("أعلنت القيادة العامة للجيش عن تهدئة")
        named = sum(len(short_key(m.text, doc["lang"]).split()) - 1 for m in ix.matches
                    if m.entry.family in ("actor", "source") and v.end <= m.start and m.end <= t.start)
        if (len(gap) - named <= _ANNOUNCED_GAP and comps.isdisjoint(gap)
                and not _clause_broken(doc, v.end, t.start)):
            out.append(as_concept(v, "status.announced"))
    return out


def _stated_on(doc: Doc, st: LexiconMatch, days: Sequence[TimeExpression]) -> date | None:
    """The day a status statement is dated to: a day named in the status word's clause,
    before it ("قد أعلنت أمس السبت أنها لن تطلب ...") or right after it ("محادثات الجمعة
    والسبت", "talks on Friday"); else None ("الهدنة التي بدأت السبت، صامدة": another clause)."""
    for t in days:
        if t.end <= st.start:
            if not _clause_broken(doc, t.end, st.start):
                return t.on
        elif t.start >= st.end and _governed(doc, st.end, t.start):
            return t.on
    return None


# -- incidents ------------------------------------------------------------------------------------


def _incident_type(m: LexiconMatch, has_air: bool, striking_crash: bool = False,
                   air_dropped: frozenset[str] = frozenset()) -> str:
    if m.entry.family == "casualty":
        return "other"  # a killing told without its means (:func:`_agent_killing`)
    name = m.concept.split(".", 1)[1]
    if name == "explosion" and has_air and m.entry.key in air_dropped:
        return "air_strike"  # "Russian jets bomb Aleppo"
    if name == "crash":
        # ANNOTATION-GUIDE.md: a crashing warplane is an air strike only when it was striking
        return "air_strike" if striking_crash else "other"
    if name == "bombardment":
        return "air_strike" if has_air else "shelling"
    if name == "attack":
        return "armed_clash"
    if name == "mine":
        return "explosion"
    return name


def _next_words(doc: Doc, pos: int, n: int = 2) -> list[str]:
    # cut from the text's key (a window rarely repeats: a cache would not help)
    return key_slice(doc, pos, pos + 40).split()[:n]


def _clause_broken(doc: Doc, a: int, b: int) -> bool:
    if b < a:
        a, b = b, a
    return _CLAUSE_BREAK_RE.search(doc.text, a, b) is not None


class Roles:
    """Actor mentions of one sentence split by their part in the clause.

    ``agents`` are marked ("شنها X", "by X") or sit right next to a trigger ("قصفت قوات النظام",
    "government air strikes", "Russian jets bombed"); ``others`` are the remaining actors that may
    still be the perpetrator (nearest wins); ``targets`` are the side hit ("على مناطق المعارضة",
    "rebel-held", "ISIS positions"); victims ("rebels were killed", "مقتل عناصر من قوات النظام")
    and speakers ("the Russian Defence Ministry said") are neither.
    """

    __slots__ = ("agents", "breaks", "incidents", "marked", "others", "targets")

    def __init__(self, agents: list[LexiconMatch], others: list[LexiconMatch],
                 targets: list[LexiconMatch], marked: list[LexiconMatch] | None = None,
                 breaks: Sequence[int] = (), incidents: Sequence[int] = ()) -> None:
        self.agents, self.others, self.targets = agents, others, targets
        self.marked = marked or []
        #: starts of words opening a clause with a new subject ("while", "فيما")
        self.breaks = breaks
        #: starts of the sentence's incident words
        self.incidents = incidents

    def attacker(self, doc: Doc, trig: LexiconMatch, attacks: Sequence[LexiconMatch]) -> LexiconMatch | None:
        """The side that attacked, for a clash word that names no side as attacker
        ("اشتباكات بين X و Y", "clashes with Y"): a marked agent ("هجوم شنته X", "by X") or an
        actor right next to an attack word ("هجوم لمقاتلي المعارضة", "rebels attacked") in the
        sentence, nearest the trigger first; else none (ANNOTATION-GUIDE.md: unknown)."""
        cands = list(self.marked) + [a for a in self.agents + self.others
                                     if any(_adjacent(doc, a, x) for x in attacks)]
        # not another incident's agent: beyond a clause with another subject or another incident
        # word ("نفذ الطيران الحربي غارات عدة ...، بينما قتل قائد ... خلال اشتباكات مع قوات النظام
        # ...، كذلك قصف الطيران الحربي مناطق ... المحاصر من قبل جبهة النصرة")
        # (an attack word between them is the attack the side made: "اشتباكات ... إثر هجوم شنه X")
        skip = {trig.start, *(x.start for x in attacks)}
        cands = [a for a in cands
                 if not any(min(a.start, trig.start) < b < max(a.start, trig.start)
                            for b in (*self.breaks, *self.incidents) if b not in skip)]
        if not cands:
            return None
        same = [a for a in cands if not _clause_broken(doc, a.start, trig.start)]
        return min(same or cands, key=lambda a: abs(a.start - trig.start))

    def perpetrator(self, doc: Doc, trig: LexiconMatch, *, marked_only: bool = False,
                    exclude: frozenset[int] = frozenset(),
                    able: frozenset[str] | None = None,
                    same: Sequence[LexiconMatch] = ()) -> LexiconMatch | None:
        """The agent of ``trig``.

        ``exclude``: starts of actors that are parties of a clash named in the sentence
        ("اشتباكات بين حزب الله ... والفصائل ... ترافقت مع قصف جوي"): not the other triggers'.
        ``able``: actor ids that can do it at all (only states fly warplanes: "Air strikes ...
        killed 21 civilians as hundreds fled a besieged Daesh bastion" is not an ISIS air strike).
        """
        if exclude or able is not None:
            def keep(a: LexiconMatch) -> bool:
                return a.start not in exclude and (able is None or _actor_id(a) in able)

            kept = Roles([a for a in self.agents if keep(a)], [a for a in self.others if keep(a)],
                         self.targets, marked=[a for a in self.marked if keep(a)],
                         breaks=self.breaks, incidents=self.incidents)
            return kept.perpetrator(doc, trig, marked_only=marked_only, same=same)
        near = [a for a in self.agents if _adjacent(doc, a, trig)]
        if near:
            # the subject side of the language first: "Turkish forces struck Daesh positions",
            # "قصفت قوات النظام"
            before = "before" in load_lexicon(doc["lang"]).keys_of("role.agent_position")
            return min(near, key=lambda a: ((a.start < trig.start) != before, abs(a.start - trig.start)))
        # marked only: "by X" or an agent beside a trigger of the same incident ("two Islamic
        # State suicide bombers detonated their trucks"), not one beside another incident's ("A
        # car bomb has killed four people ... as citizens are bracing for a possible US attack")
        agents = self.agents
        if marked_only:
            agents = [a for a in self.agents
                      if a in self.marked or any(_adjacent(doc, a, t) for t in same)]
        marked = [a for a in agents if not _clause_broken(doc, a.start, trig.start)]
        for pool in (marked, agents):
            if pool:
                return min(pool, key=lambda a: abs(a.start - trig.start))
        if marked_only:
            return None
        # not across a clause with another subject ("an air raid hit a village ... close to an area
        # where Turkish forces are advancing")
        others = [a for a in self.others
                  if not any(min(a.start, trig.start) < b < max(a.start, trig.start) for b in self.breaks)]
        same = [a for a in others if not _clause_broken(doc, a.start, trig.start)]
        for pool in (same, others):
            if pool:
                return min(pool, key=lambda a: abs(a.start - trig.start))
        return None

    def target(self, trig: LexiconMatch) -> LexiconMatch | None:
        if not self.targets:
            return None
        return min(self.targets, key=lambda a: abs(a.start - trig.start))


def _adjacent(doc: Doc, a: LexiconMatch, t: LexiconMatch) -> bool:
    if a.start < t.end and t.start < a.end:
        return True
    lo, hi = (a.end, t.start) if a.end <= t.start else (t.end, a.start)
    return not _clause_broken(doc, lo, hi) and _gap_words(doc, lo, hi) <= 1


@functools.lru_cache(maxsize=4)
def _role_words(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    lex = load_lexicon(lang)
    return (lex.keys_of("role.target_after"), lex.keys_of("role.passive_aux"), lex.keys_of("role.victim_head"),
            lex.keys_of("role.sponsor_after"))


def _roles(doc: Doc, ix: SentenceMatches) -> Roles:
    """Split actor mentions into agents, other candidates and targets (see :class:`Roles`)."""
    held, passive, victim_head, sponsor = _role_words(doc["lang"])
    resumptive = _keys(doc["lang"], "role.resumptive_pronoun")
    nums_m = ix.family("num")
    targets_m = ix.of("role.target_marker")
    agents_m = ix.of("role.agent_marker")
    killed_m = _killing_words(ix) + ix.of("casualty.injured")
    said_m = ix.of("attribution.said")
    among_m = ix.of("casualty.among")
    sources_m = ix.family("source")
    times_m = ix.family("time") + ix.of("num.cardinal")  # read with any(): order does not matter
    according_m = ix.of("attribution.according_to")
    triggers = ix.family("incident")
    agents: list[LexiconMatch] = []
    others: list[LexiconMatch] = []
    targets: list[LexiconMatch] = []
    marked: list[LexiconMatch] = []
    actors = ix.family("actor")
    for m in actors:
        if m.concept == "actor.civilians":
            continue
        if m.concept == "actor.unknown" and any(
                a.end <= m.start and a.concept not in _UNNAMED and _gap_words(doc, a.end, m.start) == 0
                for a in actors):
            continue  # "ISIL terrorists", "Nusra Front terrorists": the label of the group named
        if targets_m and any(t.start <= m.start and m.end <= t.end and t is not m
                             and t.entry.family == "role" for t in targets_m):
            targets.append(m)  # "rebel-held" matched as one marker
            continue
        if agents_m and any(a.end <= m.start and _gap_words(doc, a.end, m.start) <= 1 for a in agents_m):
            agents.append(m)
            marked.append(m)
            continue
        tgt = bool(targets_m) and any(
            t.end <= m.start and _gap_words(doc, t.end, m.start) <= _TARGET_GAP_WORDS
            and not _clause_broken(doc, t.end, m.start)
            # "on Monday in government air strikes", "On May 2 Turkish forces": "on" is a date's
            and not any(w.start >= t.end and w.end <= m.start for w in times_m)
            # "على منطقة الاشتباكات وقصف لقوات النظام": another trigger between them
            and not any(x.start >= t.end and x.end <= m.start for x in triggers)
            for t in targets_m
        )
        if tgt:
            targets.append(m)
            continue
        nxt = _next_words(doc, m.end, 1)
        if nxt and nxt[0] in held:
            targets.append(m)
            continue
        if nxt and nxt[0] in sponsor:
            continue  # "the Iran-backed Lebanese group": a sponsor of the group, not an agent
        # a dateline: "MOSCOW (Sputnik)", "بيروت (أ ف ب)"
        if doc.text[m.end : m.end + 2].lstrip().startswith("(") and any(
                s.start - m.end <= 3 and s.start > m.end for s in sources_m):
            continue
        # speakers: "X said", "according to X"; a speaker who says what it did is a candidate
        # too ("Rebels said they had shelled ...", "The ministry said its jets ...", "قال الجيش
        # إنه قصف ...": a pronoun of the speaker right after the verb)
        speaking = [s for s in said_m if s.start >= m.end and _gap_words(doc, m.end, s.start) <= 1] if said_m else []
        if speaking:
            if resumptive and any(
                    w in resumptive and any(t.start >= s.end and _gap_words(doc, s.end, t.start) <= _RESUMED_GAP
                                            for t in triggers)
                    for s in speaking for w in _next_words(doc, s.end, 1)):
                others.append(m)  # (the pronoun's clause tells an incident: "they had shelled")
            continue
        if according_m and any(a.end <= m.start and _gap_words(doc, a.end, m.start) <= 1 for a in according_m):
            continue
        # victims among the dead: "including an American", "بينهم عنصر من قوات النظام"
        if among_m and any(a.end <= m.start and _gap_words(doc, a.end, m.start) <= 2
                           and not _clause_broken(doc, a.end, m.start) for a in among_m):
            continue
        # victims: "rebels were killed", "مقتل 25 عنصرا من قوات النظام", "killed 12 ISIS fighters"
        victim = False
        for k in killed_m:
            if k.start - m.end > _NEAR_VICTIM or m.start - k.end > _NEAR_VICTIM:
                continue
            if k.start >= m.end and not _clause_broken(doc, m.end, k.start):
                gap = short_key(doc.text[m.end : k.start], doc["lang"]).split()
                if 1 <= len(gap) <= 3 and any(g in passive for g in gap):
                    victim = True
            elif k.end <= m.start and not _clause_broken(doc, k.end, m.start):
                gap_text = doc.text[k.end : m.start]
                gap = short_key(gap_text, doc["lang"]).split()
                head = short_key(k.text, doc["lang"])
                # "killed 12 ISIS fighters", "مقتل 25 مقاتلا معارضا": the figure opens the gap
                first = gap[0] if gap else ""
                has_num = first[:1].isdigit() or any(
                    q.start >= k.end and _gap_words(doc, k.end, q.start) == 0 for q in nums_m)
                if any(o.start >= k.end and o.end <= m.start for o in killed_m if o is not k):
                    continue  # another casualty word between them ("killed and 15 injured as")
                if len(gap) <= (5 if has_num else 3) and not any(
                    t.start >= k.end and t.end <= m.start for t in triggers) and (
                    head in victim_head or has_num
                    or any(g in victim_head for g in gap)
                ):
                    victim = True
        if victim:
            continue
        if any(_adjacent(doc, m, t) for t in triggers):
            agents.append(m)
        else:
            others.append(m)
    return Roles(agents, others, targets, marked, [m.start for m in ix.of("clause.new_subject")],
                 [m.start for m in triggers])


#: Words from a verb of saying to the incident word of the clause its speaker's pronoun opens
#: ("said they had shelled": 3; not "said it was horrified by the reports of the bombing").
_RESUMED_GAP = 5


#: Actor concepts that name no group.
_UNNAMED = frozenset({"actor.unknown", "actor.civilians"})


#: Kinds of actor in the registry that fly warplanes (armed groups and militias do not).
_AIR_KINDS = frozenset({"state", "state_forces", "international", "coalition", "unknown"})


@functools.lru_cache(maxsize=1)
def _air_forces() -> frozenset[str]:
    """Ids of the registry's actors that can carry out an air strike (by their ``kind``); an
    actor named in the sentence that cannot is no candidate for its air strikes."""
    from hudna.ingest.actors import load_actor_registry

    return frozenset(a.id for a in load_actor_registry() if a.kind in _AIR_KINDS)


#: Words between an actor and the killing word it is the subject of ("The Syrian Army alongside a
#: volunteer militia has killed some 70 ...") or marks with "by" ("killed overnight by Syrian troops").
_KILLER_GAP = 5


def _agent_killing(doc: Doc, ix: SentenceMatches, qs: Sequence[Quantity],
                   times: Sequence[TimeExpression]) -> LexiconMatch | None:
    """In a sentence without incident word, a killing with a figure and a named agent ("Syrian
    Army Kills 70 IS Militants", "50 jihadists were killed overnight by Syrian troops", "قتلت
    قوات النظام خمسة مدنيين"): its killing word, read as the trigger of an incident of type
    ``other``. Only verbs that take an agent count (``casualty.agentive``: "killed", "قتلت"; not
    "the opposition's dead", "the toll"); without a figure or an agent (on the subject side of the
    language, or marked) a death is no incident of its own ("two people died"). A vague figure
    is one ("Syrian army units killed scores of ISIS terrorists"), below a war's toll."""
    killed = ix.of("casualty.killed")
    if not killed or not ix.family("actor"):
        return None  # (most sentences: no word list is read)
    lex = load_lexicon(doc["lang"])
    agentive = lex.keys_of("casualty.agentive")
    kills = [k for k in killed if k.entry.key in agentive]
    if not kills:
        return None
    cas, ev = _casualties(doc, ix, qs, times)
    if cas.killed_best is None and (cas.killed_low is None or cas.killed_low >= _VAGUE_TOLL):
        # (a vague figure counts: "killed dozens of regime fighters"; in the thousands it is a
        # war's toll, "a war that has killed hundreds of thousands")
        return None
    words = {e.start for e in ev if e.role == "casualty"}
    roles = _roles(doc, ix)
    before = "before" in lex.keys_of("role.agent_position")
    for k in kills:
        if k.start not in words:
            continue
        for a in roles.marked + roles.others:
            if any(e.role == "number" and e.end <= a.start and _gap_words(doc, e.end, a.start) <= 1
                   for e in ev):
                continue  # counted by the figure: a victim ("50 ISIL Terrorists Killed in Kobani")
            lo, hi = (a.end, k.start) if a.end <= k.start else (k.end, a.start)
            if _clause_broken(doc, lo, hi) or _gap_words(doc, lo, hi) > _KILLER_GAP:
                continue
            if a in roles.marked or (a.end <= k.start) == before or _gap_words(doc, lo, hi) == 0:
                return k
    return None


#: A killed figure from which a sentence tells a war's toll, not an incident (no incident of the
#: Syrian war killed that many in one place and day).
_WAR_TOLL = 10_000


#: Low bound of a vague killed figure ("thousands", "hundreds of thousands") from which it is a
#: war's toll rather than an incident's.
_VAGUE_TOLL = 1000


#: Words between a killed figure and the place it is given for ("at least 50 Gunmen in Lattakia").
_FIGURE_PLACE_GAP = 4


def _figure_place(doc: Doc, cas_ev: Sequence[Evidence], pms: Sequence[PlaceMention],
                  triggers: Sequence[LexiconMatch]) -> PlaceMention | None:
    """The place named right after the first killed figure, in its clause and with no incident
    word between (the figure's own place), among an incident's places; else none."""
    num = next((e for e in cas_ev if e.role == "number"), None)
    if num is None:
        return None
    for pm in sorted(pms, key=lambda p: p.start):
        if pm.start < num.end:
            continue
        if (_gap_words(doc, num.end, pm.start) <= _FIGURE_PLACE_GAP and not _clause_broken(doc, num.end, pm.start)
                and not any(num.end <= t.start < pm.start for t in triggers)):
            return pm
        return None
    return None


def load_rule_data() -> None:
    """Load the data the claim rules read besides the lexicon (the actor registry, for
    :func:`_air_forces`) now, once: :func:`~hudna.ingest.steps.default_steps` calls it, so the
    first article of a run does not pay for it."""
    _air_forces()


def _killing_words(ix: SentenceMatches) -> list[LexiconMatch]:
    """Words that say people died: casualty words and execution triggers, in text order."""
    executions = ix.of("incident.execution")
    if not executions:
        return ix.of("casualty.killed")
    return sorted(ix.of("casualty.killed") + executions, key=lambda m: m.start)


def _actor_id(m: LexiconMatch | None) -> str | None:
    return None if m is None else m.concept.split(".", 1)[1]


#: No casualty figure (immutable: one shared instance).
_NO_CASUALTIES = Casualties()
#: Nouns that carry a casualty count themselves (the Arabic dual "قتيلان").
_CASUALTY_NOUNS = ("casualty.killed", "casualty.injured")


def _dist(q: Quantity, m: LexiconMatch) -> int:
    return q.start - m.end if m.end <= q.start else m.start - q.end


def _is_sub(doc: Doc, q: Quantity, qs: Sequence[Quantity], among_w: Sequence[LexiconMatch],
            part_w: Sequence[LexiconMatch], nouns: Sequence[LexiconMatch] = ()) -> bool:
    """Whether figure ``q`` is a part of another one ("بينهم 3 أطفال", "including 3 children",
    "four of them children", "5 منهم أطفال")."""
    if among_w and any(a.end <= q.start and _gap_words(doc, a.end, q.start) <= 1 for a in among_w):
        return True
    if among_w and nouns and _counted_after(doc, q, qs, among_w, nouns) is not None:
        return True
    # "11 children among 18 dead": a part of the figure that follows
    return bool(part_w) and any(
        p.start >= q.end and _gap_words(doc, q.end, p.start) <= 1
        and any(o.start >= p.end and _gap_words(doc, p.end, o.start) <= 1 for o in qs)
        for p in part_w)


def _right_after(doc: Doc, q: Quantity, phrases: frozenset[str], words: int, chars: int) -> bool:
    """Whether figure ``q`` comes right after one of ``phrases`` (match keys of up to ``words``
    words, found within ``chars`` characters before it): a page counter's word
    (``text.counter_word``: "Get short URL 215"), a toll's rise (``casualty.toll_rise``: "rose
    to", "ارتفعت ... إلى")."""
    before = key_slice(doc, max(0, q.start - chars), q.start).split()[-words:]
    return any(" ".join(before[-n:]) in phrases for n in range(1, len(before) + 1))


def _counted_after(doc: Doc, q: Quantity, qs: Sequence[Quantity], among_w: Sequence[LexiconMatch],
                   nouns: Sequence[LexiconMatch]) -> LexiconMatch | None:
    """The person noun of a figure followed at once by an among word that follows its part
    (``casualty.among_after``) and then that noun ("four of them children", "two of whom were
    women", "خمسة منهم أطفال"): a part of the figure before it, whose noun comes after the among
    word; ``None`` when there is none ("hundreds including many civilians", "12 including four
    children": the figure is the whole)."""
    after_words = load_lexicon(doc["lang"]).keys_of("casualty.among_after")
    for a in among_w:
        if a.start < q.end or _gap_words(doc, q.end, a.start) != 0:
            continue
        if short_key(a.text, doc["lang"]) not in after_words:
            return None  # "hundreds including many civilians": the figure is the whole
        for n in nouns:
            if (n.start >= a.end and _gap_words(doc, a.end, n.start) <= 1
                    and not any(a.end <= o.start < n.start for o in qs)):
                return n
        return None
    return None


def _broken_outside_asides(doc: Doc, a: int, b: int, among_w: Sequence[LexiconMatch]) -> bool:
    """Whether a clause break lies between ``a`` and ``b`` (``a`` < ``b``), not counting the
    commas around a sub-count ("12 civilians, including four children, were killed", "، بينهم
    طفلان،"): a comma right before an among word and the comma that closes it."""
    text = doc.text
    pos = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text, a, b)]
    if not pos:
        return False
    starts = [w.start for w in among_w if a <= w.start < b]
    i = 0
    while i < len(pos):
        p = pos[i]
        if text[p] not in ",،" or not any(s > p and not text[p + 1 : s].strip() for s in starts):
            return True
        if i + 1 < len(pos) and text[pos[i + 1]] not in ",،":
            return True  # the aside ends in another break (";", ":"): a new clause
        i += 2
    return False


def _near(doc: Doc, q: Quantity, m: LexiconMatch, reach: int, qs: Sequence[Quantity],
          among_w: Sequence[LexiconMatch], part_w: Sequence[LexiconMatch],
          nouns: Sequence[LexiconMatch] = (), rise: bool = False) -> bool:
    """Whether casualty word ``m`` is near enough to figure ``q`` to be what it counts
    (``rise``: ``q`` is a toll's new figure, "... rose to 30", which its toll word precedes)."""
    d = _dist(q, m)
    if d <= _NEAR:
        return True
    if rise and m.end <= q.start:
        return (d <= reach and not _clause_broken(doc, m.end, q.start)
                and not any(m.end <= o.start < q.start for o in qs if o is not q))
    # not across a clause or another head figure ("Six civilians were among 22 killed");
    # a sub-count on the way is fine ("16 civilians including 3 children were killed", "12
    # civilians, including four children, were killed", "Twelve civilians, four of them
    # children, were killed")
    return (d <= reach and m.start >= q.end and not _broken_outside_asides(doc, q.end, m.start, among_w)
            and not any(q.end <= o.start < m.start and not _is_sub(doc, o, qs, among_w, part_w, nouns)
                        for o in qs if o is not q))


def _casualties(doc: Doc, ix: SentenceMatches, qs: Sequence[Quantity],
                times: Sequence[TimeExpression]) -> tuple[Casualties, list[Evidence]]:
    if not qs:
        return _NO_CASUALTIES, []  # no figure: nothing below can count anyone
    # an execution word is its own casualty word ("executed 40 gunmen", "19 executed by ISIL")
    killed_w = _killing_words(ix)
    injured_w = ix.of("casualty.injured")
    # without a casualty word only a noun that carries its count ("قتيلان") can count anyone:
    # every other figure would find no candidate word below
    words = bool(killed_w or injured_w)
    if not words and all(q.noun not in _CASUALTY_NOUNS for q in qs):
        return _NO_CASUALTIES, []  # (most sentences with a figure) nothing below counts anyone
    among_w = ix.of("casualty.among")
    nouns = ix.family("person")
    lex = load_lexicon(doc["lang"])
    counter_words, rises = lex.keys_of("text.counter_word"), lex.keys_of("casualty.toll_rise")
    conjunctions = lex.keys_of("morph.conjunction")
    # strikes and weapons counted by a figure; an execution word counts people ("19 executed")
    incident_w = [m for m in ix.family("incident") if m.concept != "incident.execution"]
    clock_w = ix.of_any(("time.am", "time.pm", "time.gmt", "time.local_tz"))
    killed: list[Quantity] = []
    injured: list[Quantity] = []
    children: int | None = None
    women: int | None = None
    ev: list[Evidence] = []
    time_spans = [(t.start, t.end) for t in times]
    part_w = ix.of("casualty.part_of")

    for q in qs:
        if not words and q.noun not in _CASUALTY_NOUNS:
            continue
        if time_spans and any(s <= q.start < e for s, e in time_spans):
            continue
        raw = q.text.strip()
        if q.best is not None and q.best >= 1900 and q.kind == "exact" and raw.isdigit():
            continue
        if _GLUED_YEAR.match(raw):
            continue  # a day glued to its year in a dateline ("Feb 092015")
        if len(raw) > 1 and raw[0] == "0" and raw.isdigit():
            continue  # a count has no leading zero: a clock or a code ("at 0914")
        if raw.isdigit() and _right_after(doc, q, counter_words, 2, 12):
            continue  # a page's counter: "Get short URL 215 The death toll ..."
        if q.text[:1].isdigit() and _NUMERIC_DATE.search(doc.text, max(0, q.start - 6), q.end + 8):
            continue  # part of a numeric date ("15-09-2013")
        if clock_w and any(c.start >= q.end and _gap_words(doc, q.end, c.start) == 0 for c in clock_w):
            continue  # "the 1100 pm strike", "0900 GMT"
        if q.noun is None and any(w.start >= q.end and _gap_words(doc, q.end, w.start) == 0 for w in incident_w):
            # it counts strikes or weapons: "30 air strikes", "بعشرة صواريخ", "15 غارة" (a dual
            # that names people counts them: "قتل طفلان بقصف مدفعي")
            continue
        if (q.best is not None and q.best >= 1000 and raw.isdigit() and q.noun is None
                and not any(n.start >= q.end and _gap_words(doc, q.end, n.start) <= 1
                            for n in nouns + killed_w + injured_w)):
            continue  # a bare large number ("Get short URL 1195", "updated 1618") counts nobody
        noun = q.noun
        after = _counted_after(doc, q, qs, among_w, nouns) if among_w and nouns else None
        if after is not None:
            noun = after.concept  # "four of them children"
        elif noun is None and nouns:
            nxt = [n for n in nouns if n.start >= q.end and _gap_words(doc, q.end, n.start) <= 1]
            noun = nxt[0].concept if nxt else None
        if q.noun in _CASUALTY_NOUNS:
            (killed if q.noun == "casualty.killed" else injured).append(q)
            ev.append(_ev(doc, q.start, q.end, "number"))
            continue
        is_sub = after is not None or _is_sub(doc, q, qs, among_w, part_w)
        # a figure that counts people ("16 civilians", "50 jihadists") reaches its verb further
        # away in the same clause ("... including women and children were killed"), as does a
        # toll's new figure ("the death toll from Saturday's strikes on Aleppo rose to 30")
        rise = _right_after(doc, q, rises, 3, 24)
        reach = _NEAR_PERSON if noun is not None or rise else _NEAR
        # (a toll's rise looks back over the sentence: the numbers of its dates count no one)
        near_qs = [o for o in qs if not any(s <= o.start < e for s, e in time_spans)] if rise else qs
        cands = [(_dist(q, m), "k", m) for m in killed_w
                 if _near(doc, q, m, reach, near_qs, among_w, part_w, nouns, rise)]
        cands += [(_dist(q, m), "i", m) for m in injured_w
                  if _near(doc, q, m, reach, near_qs, among_w, part_w, nouns, rise)]
        if not cands:
            continue
        cands.sort(key=lambda c: c[0])
        _, cat, word = cands[0]
        if word.end <= q.start and len(cands) > 1:
            # "A citizen was martyred and 4 others were injured": after a conjunction the figure
            # opens a clause of its own, whose casualty word follows it
            following = next((c for c in cands if c[2].start >= q.end and _gap_words(doc, q.end, c[2].start) <= 2), None)
            if following is not None and not conjunctions.isdisjoint(key_slice(doc, word.end, q.start).split()):
                _, cat, word = following
        ev.append(_ev(doc, q.start, q.end, "number"))
        if noun in ("person.child", "person.woman") and (is_sub or cat == "k"):
            val = q.best if q.best is not None else q.low
            if noun == "person.child" and children is None:
                children = val
            elif noun == "person.woman" and women is None:
                women = val
            if is_sub:
                continue
        if is_sub:
            continue
        (killed if cat == "k" else injured).append(q)
        ev.append(_ev(doc, word.start, word.end, "casualty"))
    if not killed and not injured and children is None and women is None:
        return _NO_CASUALTIES, ev  # nothing counted (the same value: one shared instance)
    best_all: list[int] = []
    for q in killed:
        if q.best is not None and q.best not in best_all:
            best_all.append(q.best)
    # a precise figure over a vague one ("kill tens of civilians ... at least 60 were killed")
    first = next((q for q in killed if q.best is not None), killed[0] if killed else None)
    inj = injured[0] if injured else None
    return (
        _make_casualties(
            first.low if first else None, first.best if first else None, first.high if first else None,
            tuple(best_all), children, women,
            inj.low if inj else None, inj.best if inj else None, inj.high if inj else None,
        ),
        ev,
    )


def _claim_time(t: TimeExpression | None) -> ClaimTime | None:
    if t is None:
        return None
    if t.at is not None or t.precision not in TIME_PRECISIONS:
        # an instant (its time zone is checked) or a precision the constructor refuses
        return ClaimTime(
            on=t.on, earliest_on=t.earliest_on, latest_on=t.latest_on, precision=t.precision,
            tz=t.tz, at=t.at, part_of_day=t.part_of_day,
        )
    return _make_claim_time(t.on, t.earliest_on, t.latest_on, t.precision, t.tz, None, t.part_of_day)


def _most_specific(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a place when a place inside it is also named (keep "الليرمون", drop "حلب"); a
    governorate's countryside ("ريف إدلب") does not contain its capital ("مدينة إدلب"); a
    governorate's capital contains the sites named in its governorate ("وفي حلب، ... قذائف على حي
    الميدان": the neighbourhood, not the city)."""
    if len(places) <= 1:
        return list(places)  # nothing to drop, no duplicate
    out = []
    for p in places:
        inner = [
            q for q in places
            if q is not p and q.place.pcode != p.place.pcode
            and (q.place.admin1_pcode == p.place.pcode or q.place.admin2_pcode == p.place.pcode
                 or (p.place.reason == "governorate capital" and q.place.reason == "site"
                     and q.place.admin1_pcode == p.place.admin1_pcode))
            and not (p.place.reason == "countryside" and q.place.reason == "governorate capital")
        ]
        if not inner:
            out.append(p)
    if not out:
        # places that all contain one another by their missing codes (a region without P-code
        # and a governorate of the same admin1 code): none is the more specific
        out = list(places)
    seen: set[object] = set()
    uniq = []
    for p in out:
        key = p.place.pcode or (p.place.text, p.place.admin1_pcode)
        if key not in seen:
            seen.add(key)
            uniq.append(p)
    return uniq


#: Triggers naming a weapon that is not fired from afar (a sentence's generic "hit" is theirs).
_SPECIFIC = frozenset({"incident.explosion", "incident.chemical"})
_FIRE_TRIGGERS = frozenset({"incident.air_strike", "incident.shelling"})
#: Weak trigger concepts: read only when the sentence has no stronger incident word.
_WEAK = frozenset({"incident.attack", "incident.mine"})


def _attach(triggers: Sequence[LexiconMatch], places: Sequence[PlaceMention],
            new_clauses: Sequence[int] = ()) -> dict[int, list[PlaceMention]]:
    """Each place goes to the nearest trigger before it ("غارات على حلب", "strikes on Raqqa"),
    else to the nearest one after it ("في حلب، قتل ... بغارة"); a clause with a new subject
    between the trigger before and the place (``clause.new_subject``: "في وقت أقدمت جبهة النصرة
    في مدينة خان شيخون على إعدام ...", "while") sends it to the trigger after; keyed by trigger
    index."""
    out: dict[int, list[PlaceMention]] = {}
    for p in places:
        before = [k for k, t in enumerate(triggers) if t.end <= p.start]
        after = [k for k, t in enumerate(triggers) if t.start >= p.end]
        if before and after and any(triggers[before[-1]].end <= c < p.start for c in new_clauses):
            k = after[0]
        elif before:
            k = before[-1]
        else:
            k = min(range(len(triggers)), key=lambda k: triggers[k].start - p.end)
        out.setdefault(k, []).append(p)
    return out


#: Words between an execution and a shooting that is its means ("إعدام محامٍ بإطلاق النار").
_MEANS_GAP = 3


@functools.lru_cache(maxsize=4)
def _bombardment_keys(lang: str) -> frozenset[str]:
    return frozenset(e.key for e in load_lexicon(lang).forms_of("incident.bombardment"))


def _bombardment_inside(doc: Doc, m: LexiconMatch) -> bool:
    """Whether an air strike form contains a bombardment word ("قصف جوي", "القصف الجوي")."""
    return _has_bombardment_word(doc["lang"], m.entry.key)


@functools.lru_cache(maxsize=1024)
def _has_bombardment_word(lang: str, key: str) -> bool:
    """:func:`_bombardment_inside` of a lexicon form's key (a fixed set: cached per form)."""
    keys = _bombardment_keys(lang)
    return any(w in keys for w in key.split())


#: Incident types whose perpetrator must be marked or adjacent to the trigger.
_UNATTRIBUTED = frozenset({"explosion"})
#: The actor whose weapons ``incident.government_weapon`` lists (the actor registry's id).
_GOVERNMENT = "syrian-government"

_CLAUSE_BREAK = frozenset("،,;؛:")
_CLAUSE_BREAK_RE = re.compile("[،,;؛:]")


def _cas_distance(doc: Doc, trig: LexiconMatch, number: int) -> int:
    """Distance from a trigger to a casualty figure; a clause break between them (a comma,
    "، فيما ...") makes the pair far."""
    a, b = sorted((trig.start, number))
    return (b - a) + (1000 if _CLAUSE_BREAK_RE.search(doc.text, a, b) else 0)


def _sentence_places(doc: Doc) -> list[list[PlaceMention]]:
    out: list[list[PlaceMention]] = [[] for _ in doc["sentences"]]
    for p in doc["places"]:
        if p.sentence < len(out):
            out[p.sentence].append(p)
    return out


def _striking_crash(doc: Doc) -> bool:
    """Whether the article says its crashing aircraft was striking: a sentence names the crash
    ("سقوط طائرة", "سقوطها", ``crash.word``) and an air strike or bombardment ("الطائرة كانت تنفذ
    غارة ... مما أدى إلى سقوطها", "تحطم طائرة حربية خلال قصفها مدينة أريحا")."""
    words = load_lexicon(doc["lang"]).keys_of("crash.word")
    for sent, ix in zip(doc["sentences"], sentence_matches(doc), strict=True):
        if not (ix.has("incident.air_strike") or ix.has("incident.bombardment")):
            continue
        if ix.has("incident.crash"):
            return True
        if words and ix.has("aircraft.named") and _contains(doc, sent, words):
            return True
    return False


def _contains(doc: Doc, sent: object, keys: frozenset[str]) -> bool:
    """Whether the sentence contains one of the (multi-word) keys as whole words."""
    if not keys:
        return False
    text = " " + short_key(doc.text[getattr(sent, "start", 0):getattr(sent, "end", 0)], doc["lang"]) + " "
    return any(" " + k + " " in text for k in keys)


def _heads(doc: Doc, sent: object) -> frozenset[str]:
    """The keys of the sentence's first one, two and three words: the sentence opens with a
    word of a list when they meet it; made once per sentence, compared with several lists."""
    start = getattr(sent, "start", 0)
    return _head_keys(doc.text[start : start + 24], doc["lang"])


@functools.lru_cache(maxsize=65536)
def _head_keys(head: str, lang: str) -> frozenset[str]:
    """:func:`_heads` of a sentence opening with ``head`` (cached: openings recur)."""
    words = short_key(head, lang).split()
    return frozenset((" ".join(words[:1]), " ".join(words[:2]), " ".join(words[:3])))


def _reported_triggers(doc: Doc, ix: SentenceMatches) -> tuple[list[LexiconMatch], bool, bool]:
    """The incident words of a sentence that report an event, whether an attack word stands
    beside a stronger trigger (``weak_alone``), and whether the sentence names its air
    bombardment as such (``explicit_air``). A sentence without incident words (nearly half)
    returns at once: every rule below only removes triggers."""
    triggers = ix.family("incident")
    if not triggers:
        return triggers, False, False
    truce_spans = [(m.start, m.end) for m in ix.of("regime.truce")]
    if truce_spans:
        triggers = [m for m in triggers if not any(a <= m.start < b for a, b in truce_spans)]
    # "خوفا من غارات جديدة", "to stop the shelling", "يواصل حملته": not a reported event
    irrealis = ix.of("negation.irrealis")
    if irrealis:
        triggers = [
            m for m in triggers
            if not any(x.end <= m.start and _gap_words(doc, x.end, m.start) <= _IRREALIS_GAP
                       and not _clause_broken(doc, x.end, m.start) for x in irrealis)
        ]
    triggers = _drop_compared(doc, triggers)
    participles = _keys(doc["lang"], "incident.participle")
    if participles and any(m.entry.key in participles for m in triggers):
        # "the US-led coalition fighting the jihadist group", "rebels battling the regime": a word
        # describing the actor right before it, not a reported clash
        actors = ix.family("actor")
        triggers = [m for m in triggers if m.entry.key not in participles or not any(
            a.end <= m.start and _gap_words(doc, a.end, m.start) == 0 for a in actors)]
    # the concepts left, read by the rules below (each drops only concepts none of the later
    # ones asks about: the set stays their answer)
    concepts = {m.concept for m in triggers}
    weak_alone = False
    if not concepts.isdisjoint(_WEAK):
        strong = [m for m in triggers if m.concept not in _WEAK]
        if strong:
            # an attack word beside a stronger trigger is kept for now: it counts when it has a
            # place of its own (below); a mine word ("حقول ألغام") does not
            triggers = [m for m in triggers if m.concept not in _WEAK or m.concept == "incident.attack"]
        weak_alone = bool(strong) and len(strong) < len(triggers)
    # "a suicide bomber struck a wedding", "car bomb hit a checkpoint": the generic hitting
    # word is the named weapon's blast, unless aircraft or artillery are named too
    if (not concepts.isdisjoint(_SPECIFIC) and concepts.isdisjoint(_FIRE_TRIGGERS)
            and "incident.bombardment" in concepts):
        triggers = [m for m in triggers if m.concept != "incident.bombardment"]
    # "Air strikes hit a hospital", "shells pounded the town": a bombardment word right after
    # the fire it tells of is that fire's verb, no second incident
    if "incident.bombardment" in concepts and not concepts.isdisjoint(_FIRE_TRIGGERS):
        fire = [m for m in triggers if m.concept in _FIRE_TRIGGERS]
        triggers = [m for m in triggers if m.concept != "incident.bombardment" or not any(
            f.end <= m.start and _gap_words(doc, f.end, m.start) <= 1 and not _clause_broken(doc, f.end, m.start)
            for f in fire)]
    # "captured the town of Manbij", "seized control of": ground taken, no abduction
    if "incident.abduction" in concepts:
        captures = _keys(doc["lang"], "incident.capture_word")
        if captures and any(m.entry.key in captures for m in triggers):
            triggers = [m for m in triggers if m.concept != "incident.abduction" or m.entry.key not in captures
                        or _takes_people(doc, ix, m)]
    # "إعدام محامٍ بإطلاق النار عليه", "executed by firing squad": the shooting is the means
    if "incident.execution" in concepts and "incident.shooting" in concepts:
        execs = [m for m in triggers if m.concept == "incident.execution"]
        triggers = [m for m in triggers if m.concept != "incident.shooting" or not any(
            e.end <= m.start and _gap_words(doc, e.end, m.start) <= _MEANS_GAP for e in execs)]
    # "قصف جوي ... وقصف لقوات النظام": where the sentence names its air bombardment as such,
    # a bare bombardment word beside it is fire from the ground (unless aircraft are named)
    explicit_air = "incident.air_strike" in concepts and any(
        m.concept == "incident.air_strike" and _bombardment_inside(doc, m) for m in triggers)
    return triggers, weak_alone, explicit_air


#: Words after a capture word within which a person shows what was taken.
_CAPTURED_GAP = 3


def _takes_people(doc: Doc, ix: SentenceMatches, m: LexiconMatch) -> bool:
    """Whether the capture word ``m`` takes people: a person noun starts among the next words
    ("captured 20 soldiers", "seized a journalist"), or a word of ``incident.captured_people``
    ("a pilot they captured" is told by "pilot" before it: "the captured pilot")."""
    if any(p.start >= m.end and _gap_words(doc, m.end, p.start) < _CAPTURED_GAP for p in ix.family("person")):
        return True
    people = _keys(doc["lang"], "incident.captured_people")
    nxt = _next_words(doc, m.end, _CAPTURED_GAP)
    return not people.isdisjoint(nxt) or " ".join(nxt[:2]) in people or any(
        w in people for w in key_slice(doc, max(0, m.start - 24), m.start).split()[-2:])


#: Words an intention may have between it and the incident word it announces ("preparing to
#: launch an offensive": 3).
_INTENT_GAP = 3


def _intended(doc: Doc, sent: Sentence, m: LexiconMatch, intents: frozenset[str]) -> bool:
    """Whether the incident word is what someone intends, prepares or threatens
    (``incident.intent``: "الجيش يستعد لشن هجوم", "preparing to launch an offensive", "threatened to
    bomb"): a plan, not an event. The intention is at most :data:`_INTENT_GAP` words before it, in
    its clause."""
    lo = max(sent.start, m.start - 80)
    # (the words before the trigger, cut from the text's key: most triggers have no intention
    # before them, and only then are the words' offsets needed, for the clause test)
    if first_words(intents).isdisjoint(key_slice(doc, lo, m.start).split()[-(_INTENT_GAP + 2):]):
        return False
    tokens = [(t.start() + lo, short_key(t.group(), doc["lang"])) for t in _TOKEN.finditer(doc.text, lo, m.start)]
    tokens = tokens[-(_INTENT_GAP + 2):]
    for j in range(len(tokens)):
        for n in (2, 1):
            if j + n > len(tokens) or len(tokens) - (j + n) > _INTENT_GAP:
                continue
            if " ".join(k for _, k in tokens[j:j + n]) in intents:
                return not _clause_broken(doc, tokens[j][0], m.start)
    return False


def _refers_back(doc: Doc, start: int, end: int, anaphors: frozenset[str]) -> bool:
    """Whether the words from ``start`` on, in their clause (at most to ``end``), refer back to a
    place (``place.anaphor``: "المدينة", "الأحياء", "the city")."""
    lang = doc["lang"]
    tokens = [(t.start(), short_key(t.group(), lang)) for t in _TOKEN.finditer(doc.text, start, min(end, start + 150))]
    for j, (at, k) in enumerate(tokens):
        two = f"{k} {tokens[j + 1][1]}" if j + 1 < len(tokens) else ""
        if k in anaphors or two in anaphors:
            return not _clause_broken(doc, start, at)
    return False


#: A word of the original text, for :func:`_intended` and :func:`_refers_back`.
_TOKEN = re.compile(r"\S+")


def _commentary(doc: Doc) -> set[int]:
    """Indices of the sentences that give an analyst's view (``attribution.commentator``: "توقع
    الخبير العسكري ... أن", "a military analyst said"), and of those that continue that speech
    without naming a source of their own ("أضاف: ...", "ولفت إلى أن ...") up to
    ``_CHAIN_SENTENCES`` sentences on: commentary, not a report of events."""
    out: set[int] = set()
    last = -10
    for i, ix in enumerate(sentence_matches(doc)):
        continued = i - last <= _CHAIN_SENTENCES and not ix.family("source") and (
            ix.has("attribution.said") or ix.has("attribution.according_to"))
        if continued or ix.has("attribution.commentator"):
            out.add(i)
            last = i
    return out


def build_claims(doc: Doc) -> None:
    """Assign ``claims``: incidents (and calm observations), regime statuses, humanitarian figures.

    Per sentence: weak triggers ("هجوم", "attack") count only without a stronger one; each place
    is attached to the nearest trigger before it (else after it), so a sentence gives one incident
    per (type, place) it actually pairs; a trigger without a place borrows the places of the
    trigger it is coordinated with ("غارات وقصف على حلب"), else, when the sentence names no place at
    all, the previous place of the text. Incidents whose places are all abroad are dropped, as are
    incidents in sentences giving a cumulative toll over a long period. Casualties go to the
    incident whose trigger is nearest the killed figure. The time is the sentence's expression
    nearest the trigger; a sentence opening with a contrast ("غير أن", "however") keeps the time
    of the one before. Repeated mentions (same type, place and day) are merged, and an undated
    mention is merged into the dated incident of the same type and place.
    """
    prov = Provenance(RULES["incident"], doc["lexicon_version"], doc["gazetteer_version"])
    prov_calm = Provenance(RULES["calm"], prov.lexicon_version, prov.gazetteer_version)
    lex = load_lexicon(doc["lang"])
    contrast = lex.keys_of("clause.contrast")
    dateline_words = lex.keys_of("text.dateline_word")
    topic_shift = lex.keys_of("clause.topic_shift")
    concurrent = lex.keys_of("clause.concurrent")
    symmetric = lex.keys_of("clash.symmetric")
    devices = lex.keys_of("incident.device")
    air_dropped = lex.keys_of("incident.air_dropped")
    # (read only when the text has one of their words: most texts have none)
    intents = present_phrases(doc, lex.keys_of("incident.intent"))
    anaphors = present_phrases(doc, lex.keys_of("place.anaphor"))
    pointers = lex.keys_of("incident.reference_word")
    # the doc's fields read per sentence, looked up once
    all_times, all_quantities, attributions, negated = (
        doc["times"], doc["quantities"], doc["attributions"], doc["negated"])
    ref_on = doc.get("reference_on") or doc.published_on
    striking_crash = _striking_crash(doc)
    commentary = _commentary(doc)
    last_day: TimeExpression | None = None  # the last day the text gave (not a statement's)
    para_time: tuple[TimeExpression, int] | None = None  # a concurrency day and its paragraph end
    claims: list[Claim] = []
    last_place: PlaceMention | None = None
    last_perp: dict[str, str] = {}
    prev_times: list[TimeExpression] = []
    prev_air = False
    by_sentence = _sentence_places(doc)
    lead = _lead_time(doc)
    for i, (sent, ix) in enumerate(zip(doc["sentences"], sentence_matches(doc), strict=True)):
        if getattr(sent, "kind", "text") != "text":
            continue  # a page's keyword list ("Tags Syria Kurds Suicide Attack SDF"), a photo caption: no report
        # (most sentences name no place and no time: their lists are not filtered)
        sp = by_sentence[i]
        syrian: list[PlaceMention] = []
        foreign: list[PlaceMention] = []
        if sp:
            syrian = [p for p in sp if not p.foreign and not p.qualifier and p.place.admin1_pcode]
            # a dateline ("Last updated at Jan 20 2015 Beirut Syrian government air strikes ...")
            # is where the report was filed, not where the incident took place
            foreign = [p for p in sp if p.foreign and not _dateline(doc, sent, ix, p, dateline_words)]
        triggers, weak_alone, explicit_air = _reported_triggers(doc, ix)
        ts = all_times[i]
        times = [t for t in ts if not t.is_until and (t.on or t.earliest_on)] if ts else []
        # "ذكر ناشطون في بيان اليوم أن ...", "the Observatory said on Monday": the day of the
        # statement, not of the event (unless it is the only day and the sentence has no other)
        stated = _statement_times(doc, ix, times)
        if stated:
            times = [t for t in times if t.start not in stated]
        dateline = _dateline_times(doc, sent, times)
        if dateline and any(t.start not in dateline for t in times):
            times = [t for t in times if t.start not in dateline]  # the event's own day wins
        sent_times = times
        heads = _heads(doc, sent)  # read for three word lists below
        if not heads.isdisjoint(topic_shift):
            # "من جهة أخرى، ..." / "in another development": a new story; the lead's day and the
            # place of the sentences before belong to the old one
            lead, last_place, prev_times, last_day, para_time = None, None, [], None, None
        if not times and prev_times and not heads.isdisjoint(contrast):
            times = prev_times
        if para_time is not None and sent.start >= para_time[1]:
            para_time = None
        if not times and last_day is not None and not heads.isdisjoint(concurrent):
            # "وبالتزامن مع هذا الحادث، شهد ..." : the day of the event told before, for this
            # sentence and the rest of its paragraph
            end = doc.text.find("\n", sent.end)
            para_time = (last_day, len(doc.text) if end < 0 else end)
        if not times and para_time is not None:
            times = [para_time[0]]
        if sent_times:
            last_day = next((t for t in reversed(sent_times) if t.on is not None), last_day)
        lead_dated = False
        if not times and lead is not None and lead.start not in stated and _reports_event(doc, i, ix):
            times = [lead]
            lead_dated = True
        if triggers and devices:
            # "killed 75 militants including the suicide bombers": the bombers are among the dead
            among = ix.of("casualty.among")
            triggers = [m for m in triggers if m.entry.key not in devices or not any(
                a.end <= m.start and _gap_words(doc, a.end, m.start) <= 1 for a in among)]
        if triggers and not ix.has("casualty.killed") and not ix.has("casualty.injured") and all(
                m.entry.key in devices for m in triggers):
            # "سيارات مجهزة بعبوات ناسفة", "ربط التنظيم عبوات ناسفة في أرجل الماعز": devices named,
            # no blast reported
            triggers = []
        if not triggers:
            kill = _agent_killing(doc, ix, all_quantities[i], all_times[i])
            if kill is not None:
                triggers = [kill]
        had_triggers = bool(triggers)
        triggers = _drop_tallied(triggers, ix, sent_times, ref_on)
        if triggers and intents:
            triggers = [m for m in triggers if not _intended(doc, sent, m, intents)]
        if triggers and pointers:
            # "وتأتي هذه الغارات رغم ...", "these strikes come as ...": the incident told before,
            # not a new one
            triggers = [m for m in triggers if pointers.isdisjoint(
                key_slice(doc, max(sent.start, m.start - 12), m.start).split()[-1:])]
        if triggers and i in commentary:
            triggers = []  # an analyst's view ("سبق للنظام أنه قرر وخطط القيام بهجوم ...")
        if not triggers:
            if syrian:
                last_place = _most_specific(syrian)[-1]
            elif foreign:
                last_place = None
            if not had_triggers:
                _humanitarian(doc, i, sent, ix, claims)
            prev_times = times
            prev_air = False
            continue
        # "قصف"/"the strikes" is an air strike when aircraft are named in the sentence, or in the
        # sentence before and no ground fire is named here
        has_air = ix.has("incident.air_strike") or ix.has("aircraft.named") or (
            prev_air and not any(m.concept == "incident.shelling" for m in triggers))
        if explicit_air and not ix.has("aircraft.named"):
            has_air = False
        attribution, att_ev = attributions[i]
        roles = _roles(doc, ix)
        attacks = ix.of("incident.attack")
        clash_parties = _clash_parties(ix, triggers, symmetric)
        casualties, cas_ev = _casualties(doc, ix, all_quantities[i], all_times[i])
        if max(casualties.killed_best or 0, casualties.killed_low or 0) >= _WAR_TOLL:
            # "Since then hundreds of thousands of people have been killed in the fighting": a
            # war's toll, no incident
            if syrian:
                last_place = _most_specific(syrian)[-1]
            prev_times, prev_air = times, False
            continue
        new_subjects = ix.of("clause.new_subject")
        new_clauses = [m.start for m in new_subjects]
        # "قتل تسعة مدنيين في غارات على خان شيخون، فيما قتل خمسة آخرون في غارات على كفرزيتا": when
        # clauses with new subjects each give figures, each place takes its own clause's
        coordinate = _keys(doc["lang"], "clause.coordinate_subject")
        by_clause = _clause_casualties(doc, ix, all_quantities[i], all_times[i], [
            m.start for m in new_subjects if m.entry.key in coordinate]) if new_subjects else None
        # "it is not known which aircraft carried out the strike", "no group claimed
        # responsibility": the text says the perpetrator is unknown
        unknown_m = ix.of("role.unknown_perpetrator")
        attached = _attach(triggers, syrian + foreign, new_clauses)
        if weak_alone:
            # an attack word beside a stronger trigger is the same event ("chemical attack",
            # "هجوم بالبراميل"), unless a clause with a new subject tells it apart and it has a
            # place of its own ("وجاءت الغارات بينما كانت المعارضة تشن هجوما على ... مدينة درعا")
            keep = [k for k, m in enumerate(triggers)
                    if m.concept not in _WEAK or (attached.get(k) and _apart(m, triggers, new_clauses))]
            if len(keep) < len(triggers):
                triggers = [triggers[k] for k in keep]
                attached = _attach(triggers, syrian + foreign, new_clauses)
        # group triggers by (type, negated), keeping the first trigger and all attached places
        groups: dict[tuple[str, bool], list[int]] = {}
        for k, m in enumerate(triggers):
            groups.setdefault((_incident_type(m, has_air, striking_crash, air_dropped), m.start in negated),
                              []).append(k)
        group_places: dict[tuple[str, bool], list[PlaceMention]] = {}
        referred: set[tuple[str, bool]] = set()
        for key, ks in groups.items():
            group_places[key] = [p for k in ks for p in attached.get(k, [])]
        for key, ks in groups.items():
            if group_places[key]:
                continue
            # coordinated with a later trigger and no place in between: share its places
            k0 = ks[-1]
            for k in range(k0 + 1, len(triggers)):
                if any(triggers[k0].end <= p.start < triggers[k].start for p in syrian + foreign):
                    break
                if attached.get(k):
                    group_places[key] = list(attached[k])
                    break
            if not group_places[key]:
                # accompanying an earlier trigger of the sentence ("اشتباكات في حلب ترافقت مع قصف
                # جوي"): its places, unless a clause with a new subject starts between them
                first = triggers[ks[0]]
                for k in range(ks[0] - 1, -1, -1):
                    if any(triggers[k].end <= c < first.start for c in new_clauses):
                        break
                    if attached.get(k):
                        group_places[key] = list(attached[k])
                        break
            if not group_places[key] and syrian and not foreign and anaphors:
                # "... غارات على حلب، فيما قتل ستة آخرون جراء قذائف أطلقتها الفصائل على الأحياء
                # الغربية", "a car bomb exploded outside a mosque in the city": a clause that names
                # no place but refers back to one (``place.anaphor``), in a sentence about one
                # governorate, is at the sentence's last place before it
                first = triggers[ks[0]]
                earlier = [p for p in syrian if p.end <= first.start]
                if (earlier and len({p.place.admin1_pcode for p in syrian}) == 1
                        and all(p.end <= first.start for p in sp)
                        and _refers_back(doc, first.end, sent.end, anaphors)):
                    group_places[key] = [earlier[-1]]
                    referred.add(key)  # (its clause's toll is the trigger's, not the place's)
            # a sentence naming no place continues the last one only when it reports an event
            # (a figure or a day); commentary ("هجوم النصرة غير مبرر") borrows no place
            if (not group_places[key] and not syrian and not foreign and last_place is not None
                    and (any(t.on is not None for t in sent_times) or casualties.killed_best is not None
                         or casualties.injured_best is not None)):
                group_places[key] = [last_place]
        # casualties to the group whose trigger is nearest the first casualty figure
        numbers = [e.start for e in cas_ev if e.role == "number"]
        cas_key = None
        # (no group when the tally filter left only weak attack words, dropped beside it above)
        if numbers and groups:
            cas_key = min(groups, key=lambda key: min(_cas_distance(doc, triggers[k], numbers[0])
                                                      for k in groups[key]))
            # "Airstrikes on Daesh-held villages killed at least 85 civilians as intense fighting
            # was underway": a figure after its killing word counts the victims of the incident
            # told before that word in its clause, not of one in the clause after
            word = next((e.start for e in cas_ev if e.role == "casualty"), None)
            if word is not None and word < numbers[0]:
                before = [key for key, ks in groups.items() if any(
                    triggers[k].end <= word and not _clause_broken(doc, triggers[k].end, word) for k in ks)]
                if before and cas_key not in before:
                    cas_key = min(before, key=lambda key: min(word - triggers[k].end for k in groups[key]
                                                              if triggers[k].end <= word))
        for (etype, negative), ks in groups.items():
            trig = triggers[ks[0]]
            targ_m = roles.target(trig)
            if etype == "armed_clash" and all(triggers[k].entry.key in symmetric for k in ks):
                # "اشتباكات بين X و Y", "clashes with Y": no side is the attacker unless one is
                # marked or attacks; the side named is the other party
                perp_m = roles.attacker(doc, trig, attacks)
                if perp_m is None:
                    adj = roles.perpetrator(doc, trig)
                    targ_m = targ_m or adj
                perp = _actor_id(perp_m)
            else:
                # bombs are rarely the work of whoever else the sentence names: only a marked or
                # adjacent agent ("ISIS suicide bomber", "a bomb planted by ...") counts
                # actors without aircraft are no candidates for its air strikes
                perp_m = roles.perpetrator(doc, trig, marked_only=etype in _UNATTRIBUTED,
                                           exclude=clash_parties,
                                           able=_air_forces() if etype == "air_strike" else None,
                                           same=[triggers[k] for k in ks])
                perp = _actor_id(perp_m)
                if perp is None and etype == "air_strike" and not negative:
                    # "injured by barrel bombs dropped from helicopters": the weapon names its user
                    weapons = lex.keys_of("incident.government_weapon")
                    weapon = next((triggers[k] for k in ks if triggers[k].entry.key in weapons), None)
                    if weapon is not None:
                        perp_m, perp = weapon, _GOVERNMENT
                perp = perp or (None if negative or etype in _UNATTRIBUTED else last_perp.get(etype))
            if unknown_m and not negative:
                perp_m, perp = None, "unknown"
            pms = [p for p in group_places[(etype, negative)] if not p.foreign]
            if not pms and group_places[(etype, negative)]:
                # located abroad only; its agent still carries to the next mention
                # ("نفذت قوات التحالف تسع ضربات في سورية و14 في العراق ... الضربات التي وجهت في سورية")
                if perp and not negative:
                    last_perp[etype] = perp
                continue
            pms = _most_specific(pms)
            time = min(times, key=lambda t: abs(t.start - trig.start)) if times else None
            with_cas = not negative and (etype, negative) == cas_key
            pm_options: list[PlaceMention | None] = list(pms) or [None]
            # "Foils Takfiri Attack in Daraa Kills at least 50 Gunmen in Lattakia": the figure's
            # own place, when one follows it, takes the casualties (not every place of the trigger)
            fig_pm = _figure_place(doc, cas_ev, pms, triggers) if with_cas and len(pms) > 1 else None
            # evidence (in this order): trigger, place, time, perpetrator, target, unknown
            # perpetrator, casualties, attribution; all but the place and the casualties are the
            # same for each place of the group, and so are the time and target values
            trig_ev = _ev(doc, trig.start, trig.end, "trigger")
            head: list[Evidence] = []
            if time is not None:
                # a day taken from the article's lead is evidence of another sentence
                head.append(_ev(doc, time.start, time.end, "lead_time" if lead_dated else "time"))
            for rm, role in ((perp_m, "perpetrator"), (targ_m, "target")):
                if rm is not None:
                    head.append(_ev(doc, rm.start, rm.end, role))
            if unknown_m and not negative:
                head.append(_ev(doc, unknown_m[0].start, unknown_m[0].end, "unknown_perpetrator"))
            claim_time = _claim_time(time)
            target = _actor_id(targ_m)
            for pm in pm_options:
                pm_casualties, pm_ev = casualties, cas_ev
                if by_clause is not None and not negative:
                    at = pm.start if pm is not None and (etype, negative) not in referred else trig.start
                    pm_casualties, pm_ev = by_clause[0][bisect_right(by_clause[1], at)]
                    pm_cas = _counts_anyone(pm_casualties)
                else:
                    pm_cas = with_cas and (fig_pm is None or pm is fig_pm)
                tail = (*head, *pm_ev, *att_ev) if pm_cas else (*head, *att_ev)
                if pm is not None:
                    evidence = (trig_ev, _ev(doc, pm.start, pm.end, "place"), *tail)
                else:
                    evidence = (trig_ev, *tail)
                claims.append(_incident(
                    etype, evidence, prov_calm if negative else prov, perp, target,
                    pm.place if pm is not None else None, claim_time,
                    pm_casualties if pm_cas else _NO_CASUALTIES, attribution, negative, (sent.start, sent.end),
                ))
            if perp and not negative:
                last_perp[etype] = perp
        if syrian:
            last_place = _most_specific(syrian)[-1]
        elif foreign:
            last_place = None
        prev_times = times
        prev_air = any(m.concept == "incident.air_strike" for m in triggers)
    claims = _claimed(doc, claims)
    claims = _merge(claims)
    claims.extend(doc["regime_claims"])
    doc["claims"] = claims


def _clause_casualties(
    doc: Doc, ix: SentenceMatches, qs: Sequence[Quantity], times: Sequence[TimeExpression], new_clauses: list[int]
) -> tuple[list[tuple[Casualties, list[Evidence]]], list[int]] | None:
    """The casualties of each clause of a sentence cut by words joining reports of their own
    (``new_clauses``: their starts, in text order), with those starts, when at least two
    clauses give a figure with a casualty word; else None (the sentence's casualties go to its
    nearest incident)."""
    if not new_clauses or len(qs) < 2:
        return None
    words = [m.start for m in _killing_words(ix) + ix.of("casualty.injured")]
    bounds = [-1, *new_clauses, len(doc.text) + 1]
    out = []
    for a, b in itertools.pairwise(bounds):
        part = [q for q in qs if a <= q.start < b]
        # a clause counts only with its own figure and casualty word ("... where 38 civilians
        # have been killed" tells the toll of the fighting before it)
        own = part and any(a <= w < b for w in words)
        out.append(_casualties(doc, ix, part, times) if own else (_NO_CASUALTIES, []))
    if sum(1 for c, _ in out if _counts_anyone(c)) < 2:
        return None
    return out, new_clauses


def _counts_anyone(c: Casualties) -> bool:
    return c.killed_low is not None or c.killed_best is not None or c.injured_low is not None or c.injured_best is not None


#: Words between a compared trigger and one coordinated with it ("كبراميل متفجرة وقصف مدفعي").
_COORD_GAP = 2


def _drop_compared(doc: Doc, triggers: list[LexiconMatch]) -> list[LexiconMatch]:
    """Triggers without those in a comparison ("مثل دوما كبراميل متفجرة وقصف مدفعي", "like
    barrel bombs"): a comparison particle on the trigger, and the triggers coordinated after it."""
    comp = _keys(doc["lang"], "morph.comparison_proclitic")
    if not comp:
        return triggers
    conj = _keys(doc["lang"], "morph.conjunction")
    out: list[LexiconMatch] = []
    compared = False
    last_end = -1
    for m in triggers:
        if m.prefix in comp:
            compared, last_end = True, m.end
            continue
        if compared and (m.prefix in conj or m.prefix[:1] in conj) and _gap_words(doc, last_end, m.start) <= _COORD_GAP:
            last_end = m.end
            continue
        compared = False
        out.append(m)
    return out


def _clash_parties(ix: SentenceMatches, triggers: Sequence[LexiconMatch],
                   symmetric: frozenset[str]) -> frozenset[int]:
    """Starts of the actors named after a clash word before the next trigger ("اشتباكات بين X
    و Y ..."): the parties of that clash."""
    out: set[int] = set()
    for k, t in enumerate(triggers):
        if t.concept != "incident.armed_clash" or t.entry.key not in symmetric:
            continue
        end = triggers[k + 1].start if k + 1 < len(triggers) else None
        out.update(m.start for m in ix.family("actor") if m.start >= t.end
                   and (end is None or m.start < end))
    return frozenset(out)


def _apart(m: LexiconMatch, triggers: Sequence[LexiconMatch], new_clauses: Sequence[int]) -> bool:
    """Whether a clause with a new subject separates a weak trigger from every strong one."""
    return all(any(min(s.end, m.end) <= c < max(s.start, m.start) for c in new_clauses)
               for s in triggers if s.concept not in _WEAK)


#: Days before publication beyond which a sentence's dates tell the background ("في يناير").
_BACKGROUND_DAYS = 31


def _drop_tallied(triggers: list[LexiconMatch], ix: SentenceMatches,
                  times: Sequence[TimeExpression], ref: date | None = None) -> list[LexiconMatch]:
    """Triggers that report an incident, without those governed by a cumulative tally
    (``tally.cumulative``: "منذ بداية الثورة", "خلال أربعة أيام") or a past period
    (``tally.background``: "العام الماضي", "قبل شهرين", "أخيرا", "last year", or a day or month
    more than ``_BACKGROUND_DAYS`` before ``ref``, the reference day: "التي دمرت في معارك ... في
    يناير", "On May 2 Turkish forces struck ..." in a June article): a marker nearer the trigger
    than any recent day the sentence gives ("قصفت المنطقة 270 مرة في أربعة أيام وبحلول أمس
    السبت ..." is a tally; "قتل 5 أمس، وارتفع العدد منذ بداية الشهر إلى 50" is not).
    """
    if not triggers:
        return triggers  # (half the sentences) nothing to drop
    markers = [m.start for m in ix.of_any(("tally.cumulative", "tally.background"))]
    old: set[int] = set()
    if ref is not None:
        for t in times:
            last = t.latest_on or t.on
            if last is not None and (ref - last).days > _BACKGROUND_DAYS:
                old.add(t.start)
        markers += sorted(old)
    if not markers:
        return triggers
    days = [t.start for t in times if t.on is not None and t.start not in old]
    out = []
    for m in triggers:
        near_mark = min(abs(x - m.start) for x in markers)
        near_day = min((abs(t - m.start) for t in days), default=None)
        if near_day is not None and near_day < near_mark:
            out.append(m)
    return out


#: Incident types a group claims ("IS claimed responsibility for the bombing"); fire from the air
#: or from afar is not claimed this way.
_CLAIMABLE = frozenset({"explosion", "armed_clash", "shooting", "execution", "abduction"})
#: Words between an actor and its claim of responsibility ("IS on Monday claimed responsibility").
_CLAIM_GAP = 4


def _claimed(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Give the author of a claim of responsibility ("The Islamic State group claimed
    responsibility for the attack") to the article's incidents of a claimable type that name no
    perpetrator; the claim's words are the evidence (role ``responsibility``)."""
    claimer: LexiconMatch | None = None
    for ix in sentence_matches(doc):
        for mk in ix.of("role.claim_marker"):
            before = [a for a in ix.family("actor") if a.end <= mk.start and a.concept != "actor.civilians"
                      and _gap_words(doc, a.end, mk.start) <= _CLAIM_GAP
                      and not _clause_broken(doc, a.end, mk.start)]
            if before:
                claimer = before[-1]
                break
        if claimer is not None:
            break
    if claimer is None:
        return claims
    perp = _actor_id(claimer)
    ev = _ev(doc, claimer.start, claimer.end, "responsibility")
    return [replace(c, perpetrator=perp, evidence=(*c.evidence, ev))
            if isinstance(c, IncidentClaim) and c.perpetrator is None and not c.negative
            and c.event_type in _CLAIMABLE else c for c in claims]


def _dateline(doc: Doc, sent: object, ix: SentenceMatches, p: PlaceMention, words: frozenset[str]) -> bool:
    """Whether place ``p`` opens its sentence as a dateline: only time expressions, numbers and
    ``text.dateline_word`` words ("updated", "published", "at") come before it."""
    start = getattr(sent, "start", 0)
    if p.start <= start:
        return True
    allowed = _dateline_allowed(words)
    # the words of the text before it with the time expressions blanked out: keys are made
    # character by character, so they are the words of the text's key between those spans
    # (cut from ``keyed``, not keyed again)
    pos = start
    for a, b in sorted((m.start, m.end) for m in ix.family("time") if m.end <= p.start):
        if a > pos and not all(w.isdigit() or w in allowed for w in key_slice(doc, pos, a).split()):
            return False
        pos = max(pos, b)
    return all(w.isdigit() or w in allowed for w in key_slice(doc, pos, p.start).split())


@functools.lru_cache(maxsize=4)
def _dateline_allowed(words: frozenset[str]) -> frozenset[str]:
    """The single words of the ``text.dateline_word`` forms."""
    return frozenset(w for form in words for w in form.split())


#: Sentences of the lead whose time dates the article's undated event reports.
_LEAD_SENTENCES = 2


def _lead_time(doc: Doc) -> TimeExpression | None:
    """The day the article's lead (first sentences) gives, e.g. "اليوم (الاثنين)", "on Friday";
    the day of a statement ("قال المرصد اليوم") only when the lead gives no other."""
    fallback: TimeExpression | None = None
    for ts, ix in zip(doc["times"][:_LEAD_SENTENCES], sentence_matches(doc), strict=False):
        stated = _statement_times(doc, ix, ts)
        t: TimeExpression
        for t in ts:
            if not t.is_until and t.on is not None:
                if t.start not in stated:
                    return t
                fallback = fallback or t
    return fallback


def _statement_times(doc: Doc, ix: SentenceMatches, times: Sequence[TimeExpression]) -> set[int]:
    """Starts of the time expressions that date a statement, not the event: right after a verb
    of saying or a statement noun, the speaker allowed between them ("في بيان اليوم", "أفاد
    «المرصد السوري لحقوق الإنسان» أمس", "the Observatory said on Monday")."""
    if not times:
        return set()  # (most sentences) nothing to date
    said = ix.of_any(("attribution.said", "attribution.statement"))
    if not said:
        return set()
    names = [(m.start, m.end) for m in ix.family("source") + ix.family("actor")]
    incidents = ix.family("incident")
    comp = _complementizers(doc["lang"])
    out: set[int] = set()
    for t in times:
        nxt = _next_words(doc, t.end, 1)
        if nxt and nxt[0] in comp and any(
                m.end <= t.start and not any(m.end <= x.start < t.start for x in incidents)
                for m in said):
            # "ذكرت حسابات مقربة من التنظيم، اليوم الخميس، أن ...": between the saying and
            # what was said
            out.add(t.start)
            continue
        for m in said:
            if m.end > t.start:
                continue
            # the speaker's name between the verb and the time does not count as a gap
            cuts = sorted((a, b) for a, b in names if m.end <= a and b <= t.start)
            gap, pos = 0, m.end
            for a, b in cuts:
                gap += _gap_words(doc, pos, a)
                pos = max(pos, b)
            gap += _gap_words(doc, pos, t.start)
            if gap <= _STATEMENT_GAP:
                out.add(t.start)
                break
    return out


#: After a wire dateline's date: the agency in parentheses, then a dash ("BEIRUT, June 10
#: (Reuters) - ..."), or a dash alone.
_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014]\s")
#: Characters from a sentence's start within which a dateline's date ends.
_DATELINE_SPAN = 60


def _dateline_times(doc: Doc, sent: Sentence, times: Sequence[TimeExpression]) -> set[int]:
    """Starts of the time expressions of a wire dateline at the sentence's start ("BEIRUT, June 10
    (Reuters) - Air strikes ... on Thursday night"): the day the story was filed, which gives
    way to a day the sentence names for its event."""
    return {t.start for t in times
            if t.end - sent.start <= _DATELINE_SPAN and _DATELINE_END.match(doc.text, t.end) is not None}


def _reports_event(doc: Doc, i: int, ix: SentenceMatches) -> bool:
    """Whether sentence ``i`` reports a particular event (a casualty figure with a killed word,
    not the future): such a sentence without a time word takes the day of the article's lead."""
    if ix.has("time.future"):
        return False
    if not ix.has("casualty.killed"):
        return False
    return bool(doc["quantities"][i])


def _humanitarian(doc: Doc, i: int, sent: object, ix: SentenceMatches, claims: list[Claim]) -> None:
    displaced = ix.of("casualty.displaced")
    if not displaced:
        return
    prov = Provenance(RULES["humanitarian"], doc["lexicon_version"], doc["gazetteer_version"])
    d = displaced[0]
    qs = [q for q in doc["quantities"][i] if abs(q.start - d.start) <= _NEAR]
    q = qs[0] if qs else None
    ev = [_ev(doc, d.start, d.end, "figure")]
    if q is not None:
        ev.append(_ev(doc, q.start, q.end, "number"))
    places = [p for p in doc["places"] if p.sentence == i]
    claims.append(
        HumanitarianClaim(
            figure="displaced", evidence=tuple(ev), provenance=prov,
            low=q.low if q else None, best=q.best if q else None, high=q.high if q else None,
            place=places[0].place if places else None,
            sentence=(getattr(sent, "start", 0), getattr(sent, "end", 0)),
        )
    )


def _merge(claims: list[Claim]) -> list[Claim]:
    out: list[Claim] = []
    index: dict[tuple[object, ...], int] = {}
    for c in claims:
        if not isinstance(c, IncidentClaim):
            out.append(c)
            continue
        place_key = _place_key(c)
        day = c.time.on if c.time else None
        key = (c.event_type, c.negative, place_key, day)
        if key in index:
            prev = out[index[key]]
            assert isinstance(prev, IncidentClaim)
            cas = prev.casualties
            if cas.killed_best is None and c.casualties.killed_best is not None:
                cas = c.casualties
            elif c.casualties.killed_all:
                extra = tuple(k for k in c.casualties.killed_all if k not in cas.killed_all)
                # (``replace`` without its field introspection: the same fields, in order)
                cas = _make_casualties(cas.killed_low, cas.killed_best, cas.killed_high, cas.killed_all + extra,
                                       cas.children, cas.women, cas.injured_low, cas.injured_best,
                                       cas.injured_high)
            # (``replace`` without its field introspection: the same fields, in order)
            out[index[key]] = _incident(
                prev.event_type, prev.evidence + c.evidence, prev.provenance, prev.perpetrator or c.perpetrator,
                prev.target or c.target, prev.place, prev.time or c.time, cas, prev.attribution, prev.negative,
                prev.sentence,
            )
            continue
        index[key] = len(out)
        out.append(c)
    return _drop_summaries(_fold_undated(out))


def _contains_place(outer: ClaimPlace, inner: ClaimPlace) -> bool:
    """Whether ``outer`` (a governorate or district mention) contains ``inner``; a countryside
    ("ريف إدلب") does not contain its capital city."""
    if inner.pcode == outer.pcode and inner.text == outer.text:
        return False
    if outer.level not in ("governorate", "district") or outer.pcode is None:
        return False
    if outer.reason == "countryside" and inner.reason == "governorate capital":
        return False
    return inner.admin1_pcode == outer.pcode or inner.admin2_pcode == outer.pcode


def _drop_summaries(claims: list[Claim]) -> list[Claim]:
    """Drop an incident at a governorate or district when the article gives the same kind of
    violence on the same day at places inside it: the coarse one sums them up ("مقتل 19 جراء
    غارات على محافظة ادلب أمس ... وقتل 15 في قصف على بلدة سراقب"); gold counts each place."""
    incs = [c for c in claims if isinstance(c, IncidentClaim) and c.place is not None and not c.negative]
    drop: set[int] = set()
    for c in incs:
        assert c.place is not None
        day = c.time.on if c.time else None
        if day is None:
            continue  # undated mentions are too vague to be a day's sum
        for d in incs:
            if d is c or d.event_type != c.event_type or d.place is None:
                continue
            if (d.time.on if d.time else None) != day:
                continue
            if _contains_place(c.place, d.place):
                drop.add(id(c))
                break
    return [c for c in claims if id(c) not in drop]


def _place_key(c: IncidentClaim) -> object:
    if c.place is None:
        return None
    return c.place.pcode or ("?", c.place.text, c.place.admin1_pcode)


def _fold_undated(claims: list[Claim]) -> list[Claim]:
    """Merge an undated incident into the one dated incident of the same type and place."""
    dated: dict[tuple[object, ...], list[int]] = {}
    for n, c in enumerate(claims):
        if isinstance(c, IncidentClaim) and c.time is not None and c.time.on is not None:
            dated.setdefault((c.event_type, c.negative, _place_key(c)), []).append(n)
    drop: set[int] = set()
    out = list(claims)
    for n, c in enumerate(claims):
        if not isinstance(c, IncidentClaim) or (c.time is not None and c.time.on is not None):
            continue
        idx = dated.get((c.event_type, c.negative, _place_key(c)), [])
        if len(idx) != 1:
            continue
        prev = out[idx[0]]
        assert isinstance(prev, IncidentClaim)
        # the first figure the article gives wins (text order), whichever mention is dated
        with_k = [x for x in (prev, c) if x.casualties.killed_best is not None]
        first = min(with_k, key=lambda x: x.sentence or (0, 0)) if with_k else prev
        cas = first.casualties
        out[idx[0]] = _incident(
            prev.event_type, prev.evidence + c.evidence, prev.provenance, prev.perpetrator or c.perpetrator,
            prev.target or c.target, prev.place, prev.time, cas, prev.attribution, prev.negative, prev.sentence,
        )
        drop.add(n)
    return [c for n, c in enumerate(out) if n not in drop]


STEPS = (
    Step("mark_attribution", mark_attribution, requires=("matches_by_sentence",), assigns=("attributions",)),
    Step("mark_negation", mark_negation, requires=("matches_by_sentence",), assigns=("negated",)),
    Step(
        "extract_regime_status",
        extract_regime_status,
        requires=("matches_by_sentence", "times", "quantities", "places", "lexicon_version", "attributions"),
        assigns=("regime_claims",),
    ),
    Step(
        "build_claims",
        build_claims,
        requires=(
            "matches_by_sentence", "times", "quantities", "places", "negated", "regime_claims",
            "attributions",
        ),
        assigns=("claims",),
    ),
)
