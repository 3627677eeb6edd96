"""Actors: armed forces, groups, states; their side, designations and aliases."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Side(StrEnum):
    GOVERNMENT = "government"
    OPPOSITION = "opposition"
    KURDISH = "kurdish"
    ISIS = "isis"
    NUSRA = "nusra"
    COALITION = "coalition"
    TURKEY = "turkey"
    RUSSIA = "russia"
    CIVILIANS = "civilians"
    OTHER = "other"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name_en: str
    name_ar: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str = "armed_group"  # state_forces, armed_group, state, civilians, international
    side: Side = Side.UNKNOWN
    designations: tuple[str, ...] = ()  # e.g. "unsc-terrorist"
    parent_id: str | None = None
    acled_inter: int | None = None  # 1..8

    @property
    def is_civilian(self) -> bool:
        return self.side == Side.CIVILIANS


UNKNOWN_ACTOR = Actor(id="unknown", name_en="Unknown", name_ar="مجهول", kind="unknown")
