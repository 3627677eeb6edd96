"""Claim steps: attribution, hedges/denials, negative observations, regime status, incidents.

Issue #4. Everything here reads lexicon concepts, never words of a language, so one set of
rules serves Arabic and English. Rules are named and versioned (``RULES``) and every claim
records the rule, the lexicon version and the gazetteer version that produced it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from hudna.domain.claim import (
    Attribution,
    Casualties,
    Claim,
    ClaimTime,
    Evidence,
    HumanitarianClaim,
    IncidentClaim,
    Provenance,
    RegimeStatusClaim,
)
from hudna.ingest.pipeline import Doc, Step
from hudna.ingest.steps.places import PlaceMention
from hudna.text.dates import TimeExpression
from hudna.text.lexicon import LexiconMatch, short_key
from hudna.text.numbers import Quantity

__all__ = [
    "RULES",
    "build_claims",
    "extract_regime_status",
    "mark_attribution",
    "mark_negation",
]

logger = logging.getLogger(__name__)

RULES = {
    "incident": "incident_sentence.v1",
    "calm": "negative_observation.v1",
    "regime": "regime_status_sentence.v1",
    "humanitarian": "humanitarian_figure.v1",
}
#: Gap (characters) within which a marker word affects the next/previous word.
_NEAR = 40
_TARGET_GAP_WORDS = 3


def _ev(doc: Doc, start: int, end: int, role: str) -> Evidence:
    return Evidence(start, end, doc.text[start:end], role)


def _gap_words(doc: Doc, a: int, b: int) -> int:
    if b <= a:
        return 0
    return len(short_key(doc.text[a:b], doc["lang"]).split())


# -- attribution, hedges, denials ------------------------------------------------------------


def _attribution_for(doc: Doc, ms: Sequence[LexiconMatch]) -> tuple[Attribution, list[Evidence]]:
    sources = [m for m in ms if m.entry.family == "source"]
    markers = [m for m in ms if m.concept == "attribution.originator_marker"]
    hedged = any(m.entry.family == "hedge" for m in ms)
    denied = any(m.concept == "negation.denied" for m in ms)
    ids: list[str] = []
    for m in sources:
        sid = m.concept.split(".", 1)[1]
        if sid not in ids:
            ids.append(sid)
    publisher = doc.source_id
    originator = ids[0] if ids else None
    if len(sources) >= 2:
        # "<publisher> نقلت عن <originator>" / "<publisher> quoted <originator>"
        first, second = sources[0], sources[1]
        if any(first.end <= mk.start <= second.start for mk in markers):
            publisher = first.concept.split(".", 1)[1]
            originator = second.concept.split(".", 1)[1]
    evidence = [_ev(doc, m.start, m.end, "source") for m in sources]
    evidence += [_ev(doc, m.start, m.end, "hedge") for m in ms if m.entry.family == "hedge"]
    evidence += [_ev(doc, m.start, m.end, "denial") for m in ms if m.concept == "negation.denied"]
    attribution = Attribution(
        source_id=originator, originator=originator, publisher=publisher, sources=tuple(ids),
        hedged=hedged, denied=denied,
    )
    return attribution, evidence


def mark_attribution(doc: Doc) -> None:
    """Assign ``attributions``: per sentence, who said it and whether it is hedged or denied."""
    doc["attributions"] = [_attribution_for(doc, ms) for ms in doc["matches_by_sentence"]]


def mark_negation(doc: Doc) -> None:
    """Assign ``negated``: starts of incident triggers that a negation governs ("لم تشن أي غارة").

    A trigger is negated when a ``negation.not`` word precedes it in the same sentence with at
    most four words between them, or a ``negation.any`` word ("أي", "any") right before it.
    """
    negated: set[int] = set()
    for ms in doc["matches_by_sentence"]:
        nots = [m for m in ms if m.concept == "negation.not"]
        anys = [m for m in ms if m.concept == "negation.any"]
        for m in ms:
            if m.entry.family != "incident":
                continue
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


def extract_regime_status(doc: Doc) -> None:
    """Assign ``regime_claims``: one per status word per zone in sentences that name a truce."""
    claims: list[RegimeStatusClaim] = []
    prov = Provenance(RULES["regime"], doc["lexicon_version"], doc["gazetteer_version"])
    for i, (sent, ms) in enumerate(zip(doc["sentences"], doc["matches_by_sentence"], strict=True)):
        truces = [m for m in ms if m.concept == "regime.truce"]
        if not truces:
            continue
        statuses = [m for m in ms if m.entry.family == "status"]
        seen: set[str] = set()
        until = None
        for t in doc["times"][i]:
            if t.is_until and t.at is not None:
                until = t.at
        attribution, att_ev = _attribution_for(doc, ms)
        zones = _zones(doc, i) or [None]
        for st in statuses:
            status = st.concept.split(".", 1)[1]
            if status in seen:
                continue
            seen.add(status)
            parties = _party_ids(ms, before=st.start) or _party_ids(ms)
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
                        until=until if status in ("extended", "announced", "in_force") else None,
                        parties=parties,
                        attribution=attribution,
                        sentence=(sent.start, sent.end),
                    )
                )
    doc["regime_claims"] = claims


# -- incidents ------------------------------------------------------------------------------------


def _incident_type(m: LexiconMatch, has_air: bool) -> str:
    name = m.concept.split(".", 1)[1]
    if name == "bombardment":
        return "air_strike" if has_air else "shelling"
    if name == "attack":
        return "armed_clash"
    if name == "mine":
        return "explosion"
    return name


def _roles(doc: Doc, ms: Sequence[LexiconMatch]) -> tuple[list[LexiconMatch], list[LexiconMatch]]:
    """Split actor mentions into agents and targets using ``role.*`` markers."""
    targets_m = [m for m in ms if m.concept == "role.target_marker"]
    agents_m = [m for m in ms if m.concept == "role.agent_marker"]
    agents: list[LexiconMatch] = []
    targets: list[LexiconMatch] = []
    for m in ms:
        if m.entry.family != "actor" or m.concept == "actor.civilians":
            continue
        tgt = any(
            t.end <= m.start and _gap_words(doc, t.end, m.start) <= _TARGET_GAP_WORDS
            for t in targets_m
        )
        agt = any(a.end <= m.start and _gap_words(doc, a.end, m.start) <= 1 for a in agents_m)
        (targets if tgt and not agt else agents).append(m)
    return agents, targets


def _actor_id(m: LexiconMatch | None) -> str | None:
    return None if m is None else m.concept.split(".", 1)[1]


def _casualties(doc: Doc, ms: Sequence[LexiconMatch], qs: Sequence[Quantity],
                times: Sequence[TimeExpression]) -> tuple[Casualties, list[Evidence]]:
    killed_w = [m for m in ms if m.concept == "casualty.killed"]
    injured_w = [m for m in ms if m.concept == "casualty.injured"]
    among_w = [m for m in ms if m.concept == "casualty.among"]
    nouns = [m for m in ms if m.entry.family == "person"]
    killed: list[Quantity] = []
    injured: list[Quantity] = []
    children: int | None = None
    women: int | None = None
    ev: list[Evidence] = []
    time_spans = [(t.start, t.end) for t in times]

    def dist(q: Quantity, m: LexiconMatch) -> int:
        return q.start - m.end if m.end <= q.start else m.start - q.end

    for q in qs:
        if any(s <= q.start < e for s, e in time_spans):
            continue
        if q.best is not None and q.best >= 1900 and q.kind == "exact" and q.text.strip().isdigit():
            continue
        noun = q.noun
        if noun is None:
            nxt = [n for n in nouns if n.start >= q.end and _gap_words(doc, q.end, n.start) <= 1]
            noun = nxt[0].concept if nxt else None
        if q.noun in ("casualty.killed", "casualty.injured"):
            (killed if q.noun == "casualty.killed" else injured).append(q)
            ev.append(_ev(doc, q.start, q.end, "number"))
            continue
        is_sub = any(a.end <= q.start and _gap_words(doc, a.end, q.start) <= 1 for a in among_w)
        cands = [(dist(q, m), "k", m) for m in killed_w if dist(q, m) <= _NEAR]
        cands += [(dist(q, m), "i", m) for m in injured_w if dist(q, m) <= _NEAR]
        if not cands:
            continue
        cands.sort(key=lambda c: c[0])
        _, cat, word = cands[0]
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
    best_all: list[int] = []
    for q in killed:
        if q.best is not None and q.best not in best_all:
            best_all.append(q.best)
    first = killed[0] if killed else None
    inj = injured[0] if injured else None
    return (
        Casualties(
            killed_low=first.low if first else None,
            killed_best=first.best if first else None,
            killed_high=first.high if first else None,
            killed_all=tuple(best_all),
            children=children,
            women=women,
            injured_low=inj.low if inj else None,
            injured_best=inj.best if inj else None,
            injured_high=inj.high if inj else None,
        ),
        ev,
    )


def _claim_time(t: TimeExpression | None) -> ClaimTime | None:
    if t is None:
        return None
    return ClaimTime(
        on=t.on, earliest_on=t.earliest_on, latest_on=t.latest_on, precision=t.precision,
        tz=t.tz, at=t.at, part_of_day=t.part_of_day,
    )


def _most_specific(places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop a place when a place inside it is also named (keep "الليرمون", drop "حلب")."""
    out = []
    pcodes = {p.place.pcode for p in places}
    for p in places:
        inner = [
            q for q in places
            if q is not p and q.place.pcode != p.place.pcode
            and (q.place.admin1_pcode == p.place.pcode or q.place.admin2_pcode == p.place.pcode)
        ]
        if not inner:
            out.append(p)
    seen: set[object] = set()
    uniq = []
    for p in out:
        key = p.place.pcode or (p.place.text, p.place.admin1_pcode)
        if key not in seen:
            seen.add(key)
            uniq.append(p)
    del pcodes
    return uniq


#: Weak trigger concepts: read only when the sentence has no stronger incident word.
_WEAK = frozenset({"incident.attack", "incident.mine"})


def _attach(triggers: Sequence[LexiconMatch], places: Sequence[PlaceMention]) -> dict[int, list[PlaceMention]]:
    """Each place goes to the nearest trigger before it ("غارات على حلب", "strikes on Raqqa"),
    else to the nearest one after it ("في حلب، قتل ... بغارة"); keyed by trigger index."""
    out: dict[int, list[PlaceMention]] = {}
    for p in places:
        before = [k for k, t in enumerate(triggers) if t.end <= p.start]
        if before:
            k = before[-1]
        else:
            k = min(range(len(triggers)), key=lambda k: triggers[k].start - p.end)
        out.setdefault(k, []).append(p)
    return out


_CLAUSE_BREAK = frozenset("،,;؛:")


def _cas_distance(doc: Doc, trig: LexiconMatch, number: int) -> int:
    """Distance from a trigger to a casualty figure; a clause break between them (a comma,
    "، فيما ...") makes the pair far."""
    a, b = sorted((trig.start, number))
    gap = doc.text[a:b]
    return (b - a) + (1000 if any(ch in _CLAUSE_BREAK for ch in gap) else 0)


def _sentence_places(doc: Doc) -> list[list[PlaceMention]]:
    out: list[list[PlaceMention]] = [[] for _ in doc["sentences"]]
    for p in doc["places"]:
        if p.sentence < len(out):
            out[p.sentence].append(p)
    return out


def _starts_with(doc: Doc, sent: object, keys: frozenset[str]) -> bool:
    start = getattr(sent, "start", 0)
    head = short_key(doc.text[start : start + 24], doc["lang"]).split()
    return any(" ".join(head[:n]) in keys for n in (1, 2, 3))


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
    prov_calm = replace(prov, rule=RULES["calm"])
    from hudna.text.lexicon import load_lexicon

    contrast = load_lexicon(doc["lang"]).keys_of("clause.contrast")
    claims: list[Claim] = []
    last_place: PlaceMention | None = None
    last_perp: dict[str, str] = {}
    prev_times: list[TimeExpression] = []
    prev_air = False
    by_sentence = _sentence_places(doc)
    for i, (sent, ms) in enumerate(zip(doc["sentences"], doc["matches_by_sentence"], strict=True)):
        sp = by_sentence[i]
        syrian = [p for p in sp if not p.foreign and not p.qualifier and p.place.admin1_pcode]
        foreign = [p for p in sp if p.foreign]
        truce_spans = [(m.start, m.end) for m in ms if m.concept == "regime.truce"]
        triggers = [
            m for m in ms
            if m.entry.family == "incident" and not any(a <= m.start < b for a, b in truce_spans)
        ]
        strong = [m for m in triggers if m.concept not in _WEAK]
        if strong:
            triggers = strong
        times = [t for t in doc["times"][i] if not t.is_until and (t.on or t.earliest_on)]
        sent_times = times
        if not times and prev_times and _starts_with(doc, sent, contrast):
            times = prev_times
        tally = any(m.concept == "tally.cumulative" for m in ms)
        if not triggers or (tally and not sent_times):
            if syrian:
                last_place = syrian[-1]
            elif foreign:
                last_place = None
            if not triggers:
                _humanitarian(doc, i, sent, ms, claims)
            prev_times = times
            prev_air = False
            continue
        # "قصف"/"the strikes" is an air strike when aircraft are named in the sentence, or in the
        # sentence before and no ground fire is named here
        has_air = any(m.concept == "incident.air_strike" for m in triggers) or (
            prev_air and not any(m.concept == "incident.shelling" for m in triggers))
        attribution, att_ev = doc["attributions"][i]
        agents, targets = _roles(doc, ms)
        casualties, cas_ev = _casualties(doc, ms, doc["quantities"][i], doc["times"][i])
        attached = _attach(triggers, syrian + foreign)
        # group triggers by (type, negated), keeping the first trigger and all attached places
        groups: dict[tuple[str, bool], list[int]] = {}
        for k, m in enumerate(triggers):
            groups.setdefault((_incident_type(m, has_air), m.start in doc["negated"]), []).append(k)
        group_places: dict[tuple[str, bool], list[PlaceMention]] = {}
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
            if not group_places[key] and not syrian and not foreign and last_place is not None:
                group_places[key] = [last_place]
        # casualties to the group whose trigger is nearest the first casualty figure
        numbers = [e.start for e in cas_ev if e.role == "number"]
        cas_key = None
        if numbers:
            cas_key = min(groups, key=lambda key: min(_cas_distance(doc, triggers[k], numbers[0])
                                                      for k in groups[key]))
        for (etype, negative), ks in groups.items():
            trig = triggers[ks[0]]
            pms = [p for p in group_places[(etype, negative)] if not p.foreign]
            if not pms and group_places[(etype, negative)]:
                continue  # located abroad only
            pms = _most_specific(pms)
            time = min(times, key=lambda t: abs(t.start - trig.start)) if times else None
            perp_m = min(agents, key=lambda a: abs(a.start - trig.start)) if agents else None
            targ_m = min(targets, key=lambda a: abs(a.start - trig.start)) if targets else None
            perp = _actor_id(perp_m) or (None if negative else last_perp.get(etype))
            with_cas = not negative and (etype, negative) == cas_key
            for pm in pms or [None]:
                ev = [_ev(doc, trig.start, trig.end, "trigger")]
                if pm is not None:
                    ev.append(_ev(doc, pm.start, pm.end, "place"))
                if time is not None:
                    ev.append(_ev(doc, time.start, time.end, "time"))
                for m, role in ((perp_m, "perpetrator"), (targ_m, "target")):
                    if m is not None:
                        ev.append(_ev(doc, m.start, m.end, role))
                claims.append(
                    IncidentClaim(
                        event_type=etype,
                        evidence=tuple(ev + (cas_ev if with_cas else []) + att_ev),
                        provenance=prov_calm if negative else prov,
                        perpetrator=perp,
                        target=_actor_id(targ_m),
                        place=pm.place if pm is not None else None,
                        time=_claim_time(time),
                        casualties=casualties if with_cas else Casualties(),
                        attribution=attribution,
                        negative=negative,
                        sentence=(sent.start, sent.end),
                    )
                )
            if perp and not negative:
                last_perp[etype] = perp
        if syrian:
            last_place = syrian[-1]
        elif foreign:
            last_place = None
        prev_times = times
        prev_air = any(m.concept == "incident.air_strike" for m in triggers)
    claims = _merge(claims)
    claims.extend(doc["regime_claims"])
    doc["claims"] = claims


def _humanitarian(doc: Doc, i: int, sent: object, ms: Sequence[LexiconMatch], claims: list[Claim]) -> None:
    displaced = [m for m in ms if m.concept == "casualty.displaced"]
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
                cas = replace(cas, killed_all=cas.killed_all + extra)
            out[index[key]] = replace(
                prev,
                evidence=prev.evidence + c.evidence,
                casualties=cas,
                perpetrator=prev.perpetrator or c.perpetrator,
                target=prev.target or c.target,
                time=prev.time or c.time,
            )
            continue
        index[key] = len(out)
        out.append(c)
    return _fold_undated(out)


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
        out[idx[0]] = replace(prev, evidence=prev.evidence + c.evidence, casualties=cas,
                              perpetrator=prev.perpetrator or c.perpetrator,
                              target=prev.target or c.target)
        drop.add(n)
    return [c for n, c in enumerate(out) if n not in drop]


STEPS = (
    Step("mark_attribution", mark_attribution, requires=("matches_by_sentence",), assigns=("attributions",)),
    Step("mark_negation", mark_negation, requires=("matches_by_sentence",), assigns=("negated",)),
    Step(
        "extract_regime_status",
        extract_regime_status,
        requires=("matches_by_sentence", "times", "places", "lexicon_version"),
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
