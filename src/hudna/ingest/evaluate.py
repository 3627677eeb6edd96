"""Extraction output in the gold format and scoring against gold (issue #4, GOLD-FORMAT.md).

- :func:`to_gold_v1` maps a processed article to one gold-format object;
- :func:`score_extraction` scores predictions as GOLD-FORMAT.md describes: an incident matches a
  gold one when event type and governorate are equal and dates are within one day (null matches
  null); a prediction matching only an optional item is neither credited nor penalised;
  ``{"any": [...]}`` accepts any listed value; then accuracy of place P-code, actor, killed and
  killed_children over matched pairs; truce statements match on governorate and status, then
  accuracy of ``until``;
- :func:`fakes_prediction` / :func:`score_fakes` map our output to the FA-KES fields.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hudna.domain.claim import IncidentClaim, RegimeStatusClaim
from hudna.errors import DataError
from hudna.ingest.news import Article
from hudna.ingest.pipeline import Doc, Pipeline
from hudna.ingest.sources import load_source_catalog

__all__ = [
    "ACTOR_CLASS",
    "claims_to_json",
    "main_incident",
    "extract_article",
    "fakes_prediction",
    "score_extraction",
    "score_fakes",
    "to_gold_v1",
]

logger = logging.getLogger(__name__)

#: Actor registry id -> gold actor class (ANNOTATION-GUIDE.md).
ACTOR_CLASS = {
    "syrian-government": "government", "russia": "government", "hezbollah": "government",
    "iran": "government", "ndf": "government", "isis": "isis", "nusra": "nusra",
    "opposition": "opposition", "us-coalition": "coalition", "united-states": "coalition",
    "turkey": "turkey", "sdf": "kurdish", "ypg": "kurdish", "unknown": "unknown",
    # no class of its own in the gold (GOLD-FORMAT.md) nor in FA-KES
    "israel": "unknown",
}
#: Source id -> short English name of the gold ``reported_by`` lists.
SOURCE_NAME = {
    "afp": "AFP", "reuters": "Reuters", "ap": "AP", "sohr": "SOHR",
    "syrian-civil-defence": "Civil Defence", "activists": "activists", "sana": "state media",
    "syrian-state-tv": "state media", "russian-mod": "Russian media",
    "russian-reconciliation-centre": "Russian media", "russian-media": "Russian media",
    "ria-novosti": "Russian media", "tass": "Russian media", "sputnik": "Russian media",
    "local-sources": "local sources", "media-reports": "media reports",
    "opposition": "opposition", "government": "government",
}
PARTY_NAME = {
    "syrian-government": "government", "russia": "Russia", "united-states": "United States",
    "opposition": "opposition", "hezbollah": "Hezbollah", "iran": "Iran", "turkey": "Turkey",
    "us-coalition": "coalition", "isis": "ISIS", "nusra": "Nusra",
}
#: OCHA admin1 P-code -> FA-KES ``location`` value.
FAKES_LOCATION = {
    "SY01": "damascus", "SY02": "aleppo", "SY03": "damascus", "SY04": "homs", "SY05": "hama",
    "SY06": "lattakia", "SY07": "idlib", "SY08": "hasakeh", "SY09": "deir ezzor",
    "SY10": "tartous", "SY11": "raqqa", "SY12": "daraa", "SY13": "sweida", "SY14": "quneitra",
}
FAKES_ACTOR = {
    "government": "syrian government or russian troops", "coalition": "international coalition forces",
    "isis": "the organization of the islamic state in iraq and the levant - isis",
    "opposition": "armed opposition groups", "kurdish": "self administration forces",
    # FA-KES has no Turkey class; its coders file Turkish strikes under the coalition
    "nusra": "al-nusra front", "turkey": "international coalition forces", "unknown": "unknown",
}
FAKES_CAUSE = {
    "air_strike": "shelling", "shelling": "shelling", "explosion": "explosion",
    "chemical": "chemical and toxic gases", "shooting": "shooting", "execution": "execution",
    "armed_clash": "unknown", "abduction": "unknown", "other": "unknown",
}


def extract_article(article: Article, pipeline: Pipeline, *, lang: str = "auto") -> Doc:
    """Run ``pipeline`` over one article."""
    doc = Doc(
        article.text, published_on=article.published_on, lang_hint=lang,
        source_id=article.source, doc_id=article.doc_id, title=article.title,
    )
    return pipeline(doc)


def _actor_class(actor_id: str | None) -> str | None:
    return None if actor_id is None else ACTOR_CLASS.get(actor_id)


def _reported_by(sources: Sequence[str]) -> list[str]:
    """The gold's short English names of the sources (GOLD-FORMAT.md), else the registry's English
    name of the body ("Enab Baladi"), else the id."""
    out: list[str] = []
    registry = load_source_catalog().sources
    for s in sources:
        name = SOURCE_NAME.get(s) or (registry[s].name if s in registry else s)
        if name not in out:
            out.append(name)
    return out


def to_gold_v1(doc: Doc) -> dict[str, Any]:
    """The gold-format object (GOLD-FORMAT.md) of a processed article.

    Incidents without a place are left out (the gold only records incidents inside Syria,
    and an unplaced one is most often outside it or generic); calm observations are not
    incidents.
    """
    incidents = []
    truces = []
    seen: set[tuple[Any, ...]] = set()
    said: dict[str, dict[str, Any]] = {}  # status -> the first statement of it with a zone
    for c in doc["claims"]:
        if isinstance(c, IncidentClaim) and not c.negative:
            if c.place is None or c.place.admin1_pcode is None:
                continue
            cas = c.casualties
            incidents.append({
                "event_type": c.event_type,
                "date": c.time.on.isoformat() if c.time and c.time.on else None,
                "governorate": c.place.admin1_pcode,
                "place_text": c.place.text,
                "place_pcode": c.place.pcode if c.place.level == "community" else None,
                "actor": _actor_class(c.perpetrator) or "unknown",
                "actor2": _actor_class(c.target),
                "killed": cas.killed_best,
                "killed_all": list(cas.killed_all),
                "killed_children": cas.children,
                "injured": cas.injured_best,
                "reported_by": _reported_by(c.attribution.sources),
            })
        elif isinstance(c, RegimeStatusClaim):
            gov = c.zone.admin1_pcode if c.zone else None
            key = (c.status, gov)
            if c.zone is None and c.status in said:
                # a later mention of a status without its zone repeats the statement made with
                # one ("نقل التلفزيون الرسمي ... تأكيده ... تمديد نظام التهدئة" after "تمديد
                # التهدئة حول دمشق"), as regime proposals read it: its sources are the statement's
                row = said[c.status]
                for name in _reported_by(c.attribution.sources):
                    if name not in row["reported_by"]:
                        row["reported_by"].append(name)
                continue
            if key in seen:
                continue
            seen.add(key)
            row = {
                "zone": c.zone.text if c.zone else None,
                "zone_governorate": gov,
                "status": c.status,
                "until": c.until.isoformat() if c.until else None,
                "parties": [PARTY_NAME.get(p, p) for p in c.parties],
                "reported_by": _reported_by(c.attribution.sources),
            }
            truces.append(row)
            if gov is not None:
                said.setdefault(c.status, row)
    return {
        "doc_id": doc.doc_id,
        "published_on": doc.published_on.isoformat() if doc.published_on else None,
        "incidents": incidents,
        "truce_statements": truces,
    }


def _json_value(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _json_value(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set | frozenset):
        return [_json_value(x) for x in v]
    return v


def claims_to_json(doc: Doc) -> dict[str, Any]:
    """All claims of a processed article with their evidence spans (``--format claims``)."""
    out = []
    for c in doc["claims"]:
        row = asdict(c) if is_dataclass(c) and not isinstance(c, type) else dict(c)
        row["kind"] = c.kind
        out.append(_json_value(row))
    det = doc.get("detection")
    return {
        "doc_id": doc.doc_id,
        "published_on": doc.published_on.isoformat() if doc.published_on else None,
        "lang": doc.get("lang"),
        "mixed": bool(det.mixed) if det is not None else False,
        "lexicon_version": doc.get("lexicon_version"),
        "gazetteer_version": doc.get("gazetteer_version"),
        "warnings": list(doc.warnings),
        "claims": out,
    }


# -- scoring ---------------------------------------------------------------------------------


def _ok(gold: Any, pred: Any) -> bool:
    """Whether ``pred`` is acceptable for ``gold`` (``{"any": [...]}`` accepts any listed).

    Examples
    --------
    >>> _ok({"any": ["SY01", "SY03"]}, "SY03"), _ok(None, None), _ok(2, 3)
    (True, True, False)
    """
    if isinstance(gold, Mapping) and "any" in gold:
        return any(_ok(g, pred) for g in gold["any"])
    return bool(gold == pred)


def _date_ok(gold: Any, pred: Any) -> bool:
    if isinstance(gold, Mapping) and "any" in gold:
        return any(_date_ok(g, pred) for g in gold["any"])
    if gold is None or pred is None:
        return gold is None and pred is None
    try:
        return abs((date.fromisoformat(gold) - date.fromisoformat(pred)).days) <= 1
    except (TypeError, ValueError):
        return False


def _inc_match(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    return (
        _ok(g.get("event_type"), p.get("event_type"))
        and _ok(g.get("governorate"), p.get("governorate"))
        and _date_ok(g.get("date"), p.get("date"))
    )


def _truce_match(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    return _ok(g.get("zone_governorate"), p.get("zone_governorate")) and _ok(
        g.get("status"), p.get("status")
    )


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _match_items(
    gold: Sequence[Mapping[str, Any]], optional: Sequence[Mapping[str, Any]],
    preds: Sequence[Mapping[str, Any]], match: Any, fields: Sequence[str],
) -> tuple[int, int, int, list[tuple[Mapping[str, Any], Mapping[str, Any]]]]:
    used: set[int] = set()
    pairs = []
    fp = 0
    for p in preds:
        cands = [i for i, g in enumerate(gold) if i not in used and match(g, p)]
        if cands:
            # prefer the gold item agreeing on most scored fields
            best = max(cands, key=lambda i: sum(_ok(gold[i].get(f), p.get(f)) for f in fields))
            used.add(best)
            pairs.append((gold[best], p))
        elif any(match(o, p) for o in optional) or any(match(gold[i], p) for i in used):
            continue
        else:
            fp += 1
    return len(pairs), fp, len(gold) - len(used), pairs


def score_extraction(
    gold_rows: Iterable[Mapping[str, Any]], pred_rows: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Score predicted gold-format objects against gold ones (matched by ``doc_id``).

    A prediction repeating an already matched gold incident is not counted again.

    Examples
    --------
    >>> gold = [{"doc_id": "a", "incidents": [{"event_type": "air_strike", "governorate": "SY02",
    ...          "date": "2016-04-30", "place_pcode": "C1007", "actor": "government",
    ...          "killed": 10, "killed_children": 2}], "truce_statements": []}]
    >>> pred = [{"doc_id": "a", "incidents": [{"event_type": "air_strike", "governorate": "SY02",
    ...          "date": "2016-05-01", "place_pcode": "C1007", "actor": "government",
    ...          "killed": 10, "killed_children": None}], "truce_statements": []}]
    >>> s = score_extraction(gold, pred)
    >>> s["incidents"]["f1"], s["matched"]["killed"], s["matched"]["killed_children"]
    (1.0, 1.0, 0.0)
    """
    preds = {p["doc_id"]: p for p in pred_rows}
    fields = ("place_pcode", "actor", "killed", "killed_children")
    tp = fp = fn = 0
    ttp = tfp = tfn = 0
    correct: Counter[str] = Counter()
    pairs_n = 0
    until_ok = until_n = 0
    per_doc = []
    for g in gold_rows:
        p = preds.get(g["doc_id"], {"incidents": [], "truce_statements": []})
        a, b, c, pairs = _match_items(
            g.get("incidents", []), g.get("incidents_optional", []), p.get("incidents", []),
            _inc_match, fields,
        )
        tp, fp, fn = tp + a, fp + b, fn + c
        for gi, pi in pairs:
            pairs_n += 1
            for f in fields:
                correct[f] += _ok(gi.get(f), pi.get(f))
        ta, tb, tc, tpairs = _match_items(
            g.get("truce_statements", []), g.get("truce_statements_optional", []),
            p.get("truce_statements", []), _truce_match, ("until",),
        )
        ttp, tfp, tfn = ttp + ta, tfp + tb, tfn + tc
        for gi, pi in tpairs:
            until_n += 1
            until_ok += _ok(gi.get("until"), pi.get("until"))
        per_doc.append({"doc_id": g["doc_id"], "tp": a, "fp": b, "fn": c})
    return {
        "incidents": _prf(tp, fp, fn),
        "matched": {f: round(correct[f] / pairs_n, 3) if pairs_n else 0.0 for f in fields},
        "truce_statements": {**_prf(ttp, tfp, tfn), "until": round(until_ok / until_n, 3) if until_n else 0.0},
        "documents": per_doc,
    }


# -- FA-KES --------------------------------------------------------------------------------------


#: Incident types that kill from a distance (FA-KES "shelling" covers air strikes and shelling).
_FIRE = ("air_strike", "shelling")


#: Evidence roles that locate an incident's own mention (not its context: lead time, sources).
_OWN_ROLES = frozenset({"trigger", "place", "number", "casualty"})


def _first_offset(c: IncidentClaim) -> int:
    return min((e.start for e in c.evidence if e.role in _OWN_ROLES),
               default=min((e.start for e in c.evidence), default=0))


def main_incident(incidents: Sequence[IncidentClaim]) -> IncidentClaim | None:
    """The incident an article is about: the first one (in text order, so the title and lead
    come first) that gives a killed figure, else the first placed one, else the first.

    A lead often gives the toll without the place ("air strikes killed at least 21 civilians in
    and around a stronghold of the Islamic State group"), which the next sentence names: the
    first figure wins even so (:func:`fakes_prediction` then takes the place that follows it).
    """
    if not incidents:
        return None
    ordered = sorted(incidents, key=_first_offset)
    for pick in (
        [c for c in ordered if c.casualties.killed_best],
        [c for c in ordered if c.place is not None],
        ordered,
    ):
        if pick:
            return pick[0]
    return None


#: Incident types that say what a weak "attack" was.
_SPELLED_OUT = frozenset({"explosion", "chemical", "air_strike", "shelling"})


#: Words looked at before a place for an origin word ("from the northern towns of X").
_ORIGIN_WORDS = 5


def _origins(doc: Doc) -> set[int]:
    """Starts of the places named as an origin: an origin word (``place.origin``: "from") shortly
    before them in their clause, or coordinated with such a place ("from the towns of Fuaa and
    Kafraya"): where people or fire came from, not where the incident was."""
    from hudna.text.lexicon import load_lexicon
    from hudna.text.normalize import match_key

    lex = load_lexicon(doc["lang"])
    origin = lex.keys_of("place.origin")
    out: set[int] = set()
    if not origin:
        return out
    conj = lex.keys_of("morph.conjunction")
    prev = None
    for p in doc["places"]:
        before = doc.text[max(0, p.start - 60) : p.start]
        for sep in ",;:.":
            before = before.rsplit(sep, 1)[-1]
        if any(w in origin for w in match_key(before, doc["lang"]).split()[-_ORIGIN_WORDS:]):
            out.add(p.start)
        elif prev is not None and prev.start in out and prev.sentence == p.sentence:
            gap = match_key(doc.text[prev.end : p.start], doc["lang"]).split()
            if len(gap) <= 1 and all(g in conj for g in gap):
                out.add(p.start)
        prev = p
    return out


def _weak_trigger(doc: Doc, c: IncidentClaim) -> bool:
    """Whether the incident's own trigger is a weak one (``incident.attack``: "attack", "assault")."""
    from hudna.text.lexicon import load_lexicon, short_key

    weak = load_lexicon(doc["lang"]).keys_of("incident.attack")
    trig = next((e for e in c.evidence if e.role == "trigger"), None)
    return trig is not None and short_key(trig.text, doc["lang"]) in weak


#: Days before publication beyond which a sentence's only dates tell the background.
_BACKGROUND_DAYS = 31


def _background_sentences(doc: Doc) -> set[int]:
    """Sentences that tell the background, not the news: a past-period marker
    (``tally.background``: "last year", "months ago") or only days long before publication ("a
    sarin gas attack in Ghouta ... in August 2013" in a 2017 article)."""
    from hudna.ingest.steps.text import sentence_matches

    ref = doc.get("reference_on") or doc.published_on
    out: set[int] = set()
    for i, ix in enumerate(sentence_matches(doc)):
        if ix.has("tally.background"):
            out.add(i)
            continue
        days = [t.latest_on or t.on for t in doc["times"][i] if not t.is_until and (t.latest_on or t.on)]
        if ref is not None and days and all((ref - d).days > _BACKGROUND_DAYS for d in days):
            out.add(i)
    return out


def _killing_trigger(doc: Doc, c: IncidentClaim) -> bool:
    """Whether the incident's trigger is a killing word (an incident told without its means)."""
    from hudna.text.lexicon import load_lexicon, short_key

    kill = load_lexicon(doc["lang"]).keys_of("casualty.agentive")
    trig = next((e for e in c.evidence if e.role == "trigger"), None)
    return trig is not None and short_key(trig.text, doc["lang"]) in kill


def fakes_prediction(doc: Doc) -> dict[str, Any]:
    """FA-KES fields (location, actor, cause_of_death, killed) predicted for one article.

    The main incident is :func:`main_incident`; killed is its first figure. The governorate is the
    main incident's, else that of the first Syrian place named after the main incident's words
    (the lead's toll, then "the raids on the city of Raqa"), else the governorate the article
    names most. The cause maps the main
    incident's type (``FAKES_CAUSE``); a clash in an article that also reports air strikes or
    shelling is "shelling" (FA-KES codes the killing, not the fighting around it); a main incident
    told with a weak trigger ("attack") takes the cause of the next incident the article spells out
    (explosion, chemical, air strike, shelling). The actor is the main incident's perpetrator, else
    the first perpetrator of a later incident of the same type (not for explosions), else the
    perpetrator named most often across the article (not for explosions).
    """
    incidents = [c for c in doc["claims"] if isinstance(c, IncidentClaim) and not c.negative]
    main = main_incident(incidents)
    govs = Counter(p.place.admin1_pcode for p in doc["places"]
                   if p.place.admin1_pcode and not getattr(p, "foreign", False))
    gov = main.place.admin1_pcode if main and main.place and main.place.admin1_pcode else None
    if gov is None and main is not None and main.casualties.killed_best:
        # the lead gives the toll, a later sentence the same figure with its place ("At least four
        # people were killed ... four civilians were killed in an airstrike which hit the Sermin
        # district"): that place, before any place named in between
        again = sorted((c.place.admin1_pcode, _first_offset(c)) for c in incidents
                       if c.place is not None and c.place.admin1_pcode
                       and c.casualties.killed_best == main.casualties.killed_best
                       and _first_offset(c) > _first_offset(main))
        if again:
            gov = min(again, key=lambda x: x[1])[0]
    if gov is None and main is not None:
        at = _first_offset(main)
        origins = _origins(doc)
        # not a photo caption's or a keyword list's place ("A Syrian man carries a child at the
        # scene of an air strike on ... Idlib. (TRT World and Agencies)"): they report nothing
        sents = doc["sentences"]
        past = _background_sentences(doc)
        after = [p for p in doc["places"] if p.start >= at and p.place.admin1_pcode
                 and not getattr(p, "foreign", False) and not getattr(p, "qualifier", False)
                 and p.start not in origins and getattr(sents[p.sentence], "kind", "text") == "text"
                 and p.sentence not in past]
        if after:
            gov = after[0].place.admin1_pcode
    if gov is None and govs:
        gov = govs.most_common(1)[0][0]
    etype = main.event_type if main is not None else None
    if main is not None and etype == "armed_clash" and _weak_trigger(doc, main):
        # "Terrorist attacks kill a woman ... An explosive device went off": the article says
        # later what "the attack" was
        at = _first_offset(main)
        later = sorted((c for c in incidents if _first_offset(c) > at and c.event_type in _SPELLED_OUT),
                       key=_first_offset)
        if later:
            etype = later[0].event_type
    if main is not None and etype == "other" and _killing_trigger(doc, main):
        # "Syrian Army Kills over 100 ISIS Terrorists ... airstrikes targeting ISIS positions": the
        # killing told without its means takes the means the article names
        spelled = sorted((c for c in incidents if c is not main and c.event_type in _SPELLED_OUT),
                         key=_first_offset)
        if spelled:
            etype = spelled[0].event_type
    actor = _actor_class(main.perpetrator) if main else None
    # bombs (also an "attack" the article later calls a bombing) take no other incident's author
    if actor is None and main is not None and etype != "explosion":
        # the lead gives the toll, a later sentence the author ("the raids were carried out by
        # either Russian or regime warplanes"): the first perpetrator of the same kind of incident
        # (not for bombs: an article's other bombings are other bombers')
        same = sorted((c for c in incidents if c is not main and c.event_type == main.event_type
                       and c.perpetrator and _actor_class(c.perpetrator)), key=_first_offset)
        if same:
            actor = _actor_class(same[0].perpetrator)
    if actor is None and incidents and (main is None or etype != "explosion"):
        counts = Counter(_actor_class(c.perpetrator) for c in incidents if c.perpetrator)
        counts.pop(None, None)
        if counts:
            actor = counts.most_common(1)[0][0]
    cause = "unknown"
    if main is not None and etype is not None:
        cause = FAKES_CAUSE.get(etype, "unknown")
        if etype == "armed_clash" and any(c.event_type in _FIRE for c in incidents):
            cause = "shelling"
    return {
        "location": FAKES_LOCATION.get(gov or ""),
        "actor": FAKES_ACTOR.get(actor or "unknown", "unknown"),
        "cause_of_death": cause,
        "killed": main.casualties.killed_best if main else None,
    }


def score_fakes(path: str | Path, pipeline: Pipeline) -> dict[str, Any]:
    """Score our FA-KES field predictions on a FA-KES CSV (article_content, location, ...).

    ``killed`` of a row is ``nb_civilians + nb_noncivilians``; "within 10%" means
    ``|pred - gold| <= 0.1 * gold`` (exact when gold is 0).
    """
    p = Path(path)
    try:
        rows = list(csv.DictReader(p.open(encoding="utf-8")))
    except (OSError, csv.Error) as exc:
        raise DataError(f"cannot read FA-KES CSV: {exc}", path=str(p)) from exc
    hits: Counter[str] = Counter()
    n = 0
    for line, row in enumerate(rows, 2):
        text = row.get("article_content")
        if text is None:
            raise DataError("missing column", path=str(p), line=line, field="article_content")
        published = _fakes_date(row.get("date", ""))
        doc = pipeline(Doc(text, published_on=published, lang_hint="en", doc_id=row.get("unit_id"),
                           title=row.get("article_title")))
        pred = fakes_prediction(doc)
        n += 1
        hits["governorate"] += pred["location"] == row.get("location")
        hits["actor"] += pred["actor"] == row.get("actor")
        hits["cause"] += pred["cause_of_death"] == row.get("cause_of_death")
        try:
            gold_k = int(row.get("nb_civilians") or 0) + int(row.get("nb_noncivilians") or 0)
        except ValueError:
            gold_k = 0
        pk = pred["killed"] or 0
        hits["killed_within_10pct"] += abs(pk - gold_k) <= 0.1 * gold_k
    return {"articles": n, **{k: round(hits[k] / n, 3) if n else 0.0 for k in
                              ("governorate", "cause", "actor", "killed_within_10pct")}}


def _fakes_date(value: str) -> date | None:
    try:
        m, d, y = (int(x) for x in value.split("/"))
    except ValueError:
        return None
    return date(2000 + y if y < 100 else y, m, d)
