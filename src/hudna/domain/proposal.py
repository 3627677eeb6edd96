"""Regime-status proposals: a change to the regime registry suggested by a report (issue #5).

A regime-status claim ("the calm around Damascus was extended until 09:00 GMT Monday") does not
edit a regime directly: it becomes a :class:`Proposal` with its evidence. A policy applies it
when it comes from a party or guarantor of the regime and nothing contradicts it; otherwise it
waits for an analyst (``hudna proposals accept|reject``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from hudna.domain.time import require_aware
from hudna.errors import ValidationError

__all__ = ["PROPOSAL_CHANGES", "Proposal", "ProposalEvidence", "ProposalState"]

#: What a proposal may change. ``extend`` adds an extension window; ``negotiate`` records a
#: negotiation step; the others record a status (``holding`` confirms the regime is in force).
PROPOSAL_CHANGES = (
    "extend",
    "holding",
    "violated",
    "negotiate",
    "announce",
    "collapse",
    "end",
    "reject",
)


class ProposalState(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ProposalEvidence:
    """A span of the report's original text the proposal rests on.

    Examples
    --------
    >>> ProposalEvidence(0, 5, "تمديد", "trigger").text
    'تمديد'
    """

    start: int
    end: int
    text: str
    role: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValidationError("evidence span is invalid", field="evidence")


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested change to a regime, with the report and words it comes from.

    ``regime_id`` is None when no registered regime matched the claim's zone (the proposal then
    waits for an analyst to name one). ``originator`` is who the report quotes; ``decision`` says
    why the policy applied or queued it.

    Examples
    --------
    >>> from datetime import UTC, datetime
    >>> p = Proposal(id="p1", change="extend", status="extended", regime_id="calm-damascus",
    ...              until=datetime(2016, 5, 2, 9, tzinfo=UTC), report_id="r1",
    ...              evidence=(ProposalEvidence(0, 5, "تمديد", "trigger"),))
    >>> p.state.value
    'pending'
    """

    id: str
    change: str
    status: str
    report_id: str
    evidence: tuple[ProposalEvidence, ...]
    regime_id: str | None = None
    until: datetime | None = None
    at: datetime | None = None
    #: the length the statement gives ("extended for 48 hours"): an extension without an end
    #: time runs that long from the regime's current end
    duration_hours: float | None = None
    zone_text: str | None = None
    zone_pcodes: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    originator: str | None = None
    publisher: str | None = None
    claim_id: int | None = None
    state: ProposalState = ProposalState.PENDING
    decision: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.change not in PROPOSAL_CHANGES:
            raise ValidationError(f"unknown proposal change {self.change!r}", field="change")
        if not self.evidence:
            raise ValidationError("a proposal needs evidence", field="evidence")
        if self.duration_hours is not None and not self.duration_hours > 0:
            raise ValidationError("a duration must be positive", field="duration_hours")
        for name in ("until", "at", "decided_at"):
            value = getattr(self, name)
            if value is not None:
                require_aware(value, field=name)
