"""Grading of events by their sources (versioned scorers, Airwars' five-level scale).

``originators.v1`` grades structured events (UCDP, ACLED, generic files) by the distinct
originators they cite: two or more independent originators -> ``fair``; one -> ``weak``; none
recorded -> ungraded.

``corroboration.v1`` (issue #5) grades events built from news claims on Airwars' five-level
scale, from the facts :mod:`hudna.corroborate.summary` gathers (independent originators,
denials, competing attributions, exclusion claims, the accused side's acknowledgement, neutral
monitors).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hudna.domain.assessment import Grade
from hudna.domain.event import Event
from hudna.errors import RuleNotFound

ORIGINATORS_V1 = "originators.v1"
_SPLIT = re.compile(r"[;,]")


def originators(event: Event) -> tuple[str, ...]:
    """Distinct originators of an event (``source_original``, else its sources), normalised.

    Examples
    --------
    >>> from datetime import date, UTC, datetime
    >>> from hudna.domain.place import PlaceRef
    >>> from hudna.domain.time import TimeWindow
    >>> w = TimeWindow(datetime(2016, 4, 1, tzinfo=UTC), datetime(2016, 4, 1, tzinfo=UTC))
    >>> e = Event(id="x", date_start=date(2016, 4, 1), date_end=date(2016, 4, 1), when=w,
    ...           place=PlaceRef(), source_original="SOHR; Syrian Civil Defence;sohr")
    >>> originators(e)
    ('sohr', 'syrian civil defence')
    """
    raw = event.source_original or ";".join(event.sources)
    names = {" ".join(p.split()).casefold() for p in _SPLIT.split(raw or "") if p.strip()}
    return tuple(sorted(names))


def grade_originators_v1(event: Event) -> Grade | None:
    n = len(originators(event))
    if n >= 2:
        return Grade.FAIR
    if n == 1:
        return Grade.WEAK
    return None


# -- corroboration.v1: news events built from claims (issue #5) -------------------------------

CORROBORATION_V1 = "corroboration.v1"


def grade_corroboration_v1(facts: GradeFacts) -> tuple[Grade, str]:
    """Grade an event from its corroboration facts; return the grade and the reason.

    Order of precedence: ``discounted`` (a neutral monitor refutes it, or it is marked a
    duplicate), ``contested`` (a party denies it, the perpetrator is disputed, or someone claims
    an exclusion such as counter-terrorism), ``confirmed`` (the responsible side acknowledges
    it, or a neutral monitor observed it), ``fair`` (two or more independent originators),
    ``weak`` (one).

    Examples
    --------
    >>> grade_corroboration_v1(GradeFacts(originators=("sohr", "syrian-civil-defence")))
    (<Grade.FAIR: 'fair'>, '2 independent originators: sohr, syrian-civil-defence')
    >>> grade_corroboration_v1(GradeFacts(originators=("sohr",), denials=("sana",)))[0].value
    'contested'
    """
    n = len(facts.originators)
    base = (
        f"{n} independent originator{'s' if n != 1 else ''}: {', '.join(facts.originators)}"
        if n
        else "no originator"
    )
    if facts.duplicate_of:
        return Grade.DISCOUNTED, f"duplicate of {facts.duplicate_of}"
    if facts.monitor_refutes:
        return Grade.DISCOUNTED, f"refuted by a neutral monitor ({', '.join(facts.monitor_refutes)})"
    reasons = []
    if facts.denials:
        reasons.append(f"denied by {', '.join(facts.denials)}")
    if len(facts.perpetrators) > 1:
        reasons.append(f"competing attribution: {', '.join(facts.perpetrators)}")
    if facts.contests:
        reasons.append(f"exclusion claimed: {'; '.join(facts.contests)}")
    if reasons:
        return Grade.CONTESTED, "; ".join(reasons) + f" ({base})"
    if facts.monitor_observed:
        return Grade.CONFIRMED, f"observed by a neutral monitor ({', '.join(facts.monitor_observed)})"
    if facts.accused_confirms:
        return Grade.CONFIRMED, f"acknowledged by the responsible side ({base})"
    if n >= 2:
        return Grade.FAIR, base
    return Grade.WEAK, base


@dataclass(frozen=True, slots=True)
class GradeFacts:
    """What a scorer looks at (built by :func:`hudna.corroborate.summary.summarise`)."""

    originators: tuple[str, ...] = ()
    denials: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    contests: tuple[str, ...] = ()
    accused_confirms: bool | None = None
    monitor_observed: tuple[str, ...] = ()
    monitor_refutes: tuple[str, ...] = ()
    duplicate_of: str | None = None


#: Versioned scorers for news events (``register_scorers`` adds more).
SCORERS: dict[str, Callable[[GradeFacts], tuple[Grade, str]]] = {
    CORROBORATION_V1: grade_corroboration_v1,
}


def get_scorer(name: str) -> Callable[[GradeFacts], tuple[Grade, str]]:
    """The scorer registered under ``name`` (``<name>.v<N>``).

    Examples
    --------
    >>> get_scorer("corroboration.v1") is grade_corroboration_v1
    True
    """
    try:
        return SCORERS[name]
    except KeyError:
        raise RuleNotFound(f"no scorer {name!r}; known: {', '.join(sorted(SCORERS))}") from None
