"""Claims: what one report asserts, each with the spans of text it came from (issue #4).

Pure values (stdlib only). Three kinds of claim share :class:`Evidence` and
:class:`Provenance`; a claim without evidence cannot be constructed (house rule 5):

- :class:`IncidentClaim` — a violent incident (or, with ``negative=True``, an observation that
  it did *not* happen: "no air strike on Sunday morning");
- :class:`RegimeStatusClaim` — a statement about a truce (negotiating, extended until T, ...);
- :class:`HumanitarianClaim` — a figure such as people displaced or the population of an area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hudna.domain.time import require_aware
from hudna.errors import ValidationError

__all__ = [
    "INCIDENT_TYPES",
    "REGIME_STATUSES",
    "Attribution",
    "Casualties",
    "Claim",
    "ClaimPlace",
    "ClaimTime",
    "Evidence",
    "HumanitarianClaim",
    "IncidentClaim",
    "Provenance",
    "RegimeStatusClaim",
]

INCIDENT_TYPES = (
    "air_strike",
    "shelling",
    "armed_clash",
    "explosion",
    "chemical",
    "shooting",
    "execution",
    "abduction",
    "other",
)
REGIME_STATUSES = (
    "negotiating",
    "proposed",
    "announced",
    "in_force",
    "extended",
    "holding",
    "violated",
    "collapsed",
    "ended",
    "rejected",
)
TIME_PRECISIONS = ("minute", "hour", "part_of_day", "day", "month", "year")


@dataclass(frozen=True, slots=True)
class Evidence:
    """``text == report.text[start:end]``; ``role`` says what the words gave (trigger, place...).

    Examples
    --------
    >>> Evidence(10, 14, "غارة", "trigger").end
    14
    """

    start: int
    end: int
    text: str
    role: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start or len(self.text) != self.end - self.start:
            raise ValidationError("evidence span does not fit its text", field="evidence")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which rule and which data versions produced a claim."""

    rule: str
    lexicon_version: str
    gazetteer_version: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said it: ``originator`` is the body quoted, ``publisher`` the one that published it."""

    source_id: str | None = None
    originator: str | None = None
    publisher: str | None = None
    sources: tuple[str, ...] = ()
    hedged: bool = False
    denied: bool = False
    #: The reason the actor gives for the act ("مكافحة الإرهاب" → ``"counter_terrorism"``).
    justification: str | None = None
    #: Sources carried from an earlier sentence of the same chain ("ونقل عن الجنرال ... أنه").
    inherited: bool = False


@dataclass(frozen=True, slots=True)
class ClaimPlace:
    """A place named in the text and its geocoding (P-codes of the OCHA 2015 gazetteer)."""

    text: str
    start: int
    end: int
    pcode: str | None = None
    level: str | None = None
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    score: float = 0.0
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimTime:
    """When: a day or range of days, or an aware instant, with its precision and time zone."""

    on: date | None
    earliest_on: date | None
    latest_on: date | None
    precision: str
    tz: str
    at: datetime | None = None
    part_of_day: str | None = None

    def __post_init__(self) -> None:
        if self.precision not in TIME_PRECISIONS:
            raise ValidationError(f"unknown time precision {self.precision!r}", field="precision")
        if self.at is not None:
            require_aware(self.at, field="at")


@dataclass(frozen=True, slots=True)
class Casualties:
    """Casualty figures with low/best/high; ``killed_all`` lists every distinct best figure."""

    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    killed_all: tuple[int, ...] = ()
    children: int | None = None
    women: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None


def _require_evidence(evidence: tuple[Evidence, ...]) -> None:
    if not evidence:
        raise ValidationError("a claim needs evidence spans", field="evidence")


@dataclass(frozen=True, slots=True)
class IncidentClaim:
    """A violent incident asserted by a report (``negative``: asserted *not* to have happened).

    Examples
    --------
    >>> c = IncidentClaim("air_strike", evidence=(Evidence(0, 4, "غارة", "trigger"),),
    ...                   provenance=Provenance("incident.v1", "ar-x"))
    >>> c.kind, c.perpetrator
    ('incident', None)
    """

    event_type: str
    evidence: tuple[Evidence, ...]
    provenance: Provenance
    perpetrator: str | None = None
    target: str | None = None
    place: ClaimPlace | None = None
    time: ClaimTime | None = None
    casualties: Casualties = Casualties()
    attribution: Attribution = Attribution()
    negative: bool = False
    sentence: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.event_type not in INCIDENT_TYPES:
            raise ValidationError(f"unknown incident type {self.event_type!r}", field="event_type")
        _require_evidence(self.evidence)

    @property
    def kind(self) -> str:
        return "calm" if self.negative else "incident"


@dataclass(frozen=True, slots=True)
class RegimeStatusClaim:
    """A statement on a truce: its status, zone, end time (``until``) and parties;
    ``stated_on``: the day the text dates the statement to ("أعلنت أمس السبت", "talks on
    Friday"), when it gives one (else the report's publication is its time);
    ``duration_hours``: the length the statement gives ("a 72-hour truce", "extended for 48
    hours"), from which ``until`` follows when the text gives the start."""

    status: str
    evidence: tuple[Evidence, ...]
    provenance: Provenance
    zone: ClaimPlace | None = None
    until: datetime | None = None
    parties: tuple[str, ...] = ()
    attribution: Attribution = Attribution()
    sentence: tuple[int, int] | None = None
    stated_on: date | None = None
    duration_hours: float | None = None

    def __post_init__(self) -> None:
        if self.status not in REGIME_STATUSES:
            raise ValidationError(f"unknown regime status {self.status!r}", field="status")
        if self.until is not None:
            require_aware(self.until, field="until")
        if self.duration_hours is not None and not self.duration_hours > 0:
            raise ValidationError("a duration must be positive", field="duration_hours")
        _require_evidence(self.evidence)

    @property
    def kind(self) -> str:
        return "regime_status"


@dataclass(frozen=True, slots=True)
class HumanitarianClaim:
    """A humanitarian figure: ``figure`` is ``displaced`` or ``population``."""

    figure: str
    evidence: tuple[Evidence, ...]
    provenance: Provenance
    low: int | None = None
    best: int | None = None
    high: int | None = None
    place: ClaimPlace | None = None
    attribution: Attribution = Attribution()
    sentence: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        _require_evidence(self.evidence)

    @property
    def kind(self) -> str:
        return "humanitarian"


Claim = IncidentClaim | RegimeStatusClaim | HumanitarianClaim
