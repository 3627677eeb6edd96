"""Events (corroborated real-world incidents) and the vocabulary that describes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hudna.domain.place import PlaceRef
from hudna.domain.time import TimeWindow
from hudna.errors import ValidationError

# hudna event type -> (ACLED event_type, ACLED sub_event_type)
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "chemical": ("Explosions/Remote violence", "Chemical weapon"),
    "shooting": ("Violence against civilians", "Attack"),
    "execution": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "ground_advance": ("Battles", "Government regains territory"),
    "other": ("Strategic developments", "Other"),
}
ACLED_SUB_TO_TYPE: dict[str, str] = {
    "Air/drone strike": "air_strike",
    "Shelling/artillery/missile attack": "shelling",
    "Armed clash": "armed_clash",
    "Government regains territory": "ground_advance",
    "Non-state actor overtakes territory": "ground_advance",
    "Remote explosive/landmine/IED": "explosion",
    "Suicide bomb": "explosion",
    "Grenade": "explosion",
    "Chemical weapon": "chemical",
    "Attack": "shooting",
    "Abduction/forced disappearance": "abduction",
    "Sexual violence": "other",
}


@dataclass(frozen=True, slots=True)
class Fatalities:
    low: int | None = None
    best: int | None = None
    high: int | None = None

    def __post_init__(self) -> None:
        values = [v for v in (self.low, self.best, self.high) if v is not None]
        if any(v < 0 for v in values):
            raise ValidationError("counts must be >= 0", field="fatalities")
        if values != sorted(values):
            raise ValidationError("expected low <= best <= high", field="fatalities")


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world incident (anchors.md §11.4): when, where, who, how many, from which sources."""

    id: str
    date_start: date
    date_end: date
    when: TimeWindow
    place: PlaceRef
    event_type: str = "other"
    date_prec: int = 1  # UCDP 1..5
    actor1: str | None = None
    actor2: str | None = None
    actor1_id: str | None = None
    actor2_id: str | None = None
    assoc_actor1: tuple[str, ...] = ()
    assoc_actor2: tuple[str, ...] = ()
    # Whether actor1 is known to be the one who used force (news claims) or only one of the sides
    # (UCDP/ACLED dyads, which "do not imply directionality").
    directed: bool = False
    type_of_violence: int | None = None  # UCDP 1 state-based, 2 non-state, 3 one-sided
    civilian_targeting: bool = False
    fatalities: Fatalities = field(default_factory=Fatalities)
    deaths_a: int | None = None
    deaths_b: int | None = None
    deaths_civilians: int | None = None
    deaths_unknown: int | None = None
    injured: Fatalities = field(default_factory=Fatalities)
    sources: tuple[str, ...] = ()
    source_original: str | None = None
    source_headline: str | None = None
    number_of_sources: int | None = None
    notes: str | None = None
    origin: str | None = None  # dataset or process that produced it: ucdp, acled, events, news
    origin_id: str | None = None
    event_clarity: int | None = None

    def __post_init__(self) -> None:
        if self.date_end < self.date_start:
            raise ValidationError("date_end is before date_start", field="date_end")
        if self.date_prec not in (1, 2, 3, 4, 5):
            raise ValidationError("date_prec must be 1..5", field="date_prec")

    @property
    def time_precision(self) -> int:
        """ACLED time_precision (1 day, 2 week-ish, 3 month)."""
        return 1 if self.date_prec == 1 else (2 if self.date_prec in (2, 3) else 3)

    @property
    def acled_type(self) -> tuple[str, str]:
        return ACLED_TYPES.get(self.event_type, ACLED_TYPES["other"])
