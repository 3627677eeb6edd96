"""Actors: armed forces, groups, states; their side, designations and aliases."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hudna.errors import NotFound, ValidationError


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


class ActorRegistry:
    """The known actors, with lookup by id and by free name (aliases, UCDP coalitions).

    Names are compared on a key that ignores case, diacritics, hamza/madda marks and
    punctuation (``"Tahrir al- Sham Army"`` and ``"tahrir al sham army"`` are the same name).
    A comma-separated UCDP side such as ``"Ahrar al-Sham, Jabhat Fateh al-Sham"`` resolves to a
    *coalition actor* with the id ``coalition:<member>+<member>`` (members sorted), whose
    designations are the union of its members' (so a coalition with a designated member is
    designated too), whose side and parent are those shared by its non-designated members.

    Examples
    --------
    >>> reg = ActorRegistry([
    ...     Actor("opposition", "Syrian insurgents", side=Side.OPPOSITION),
    ...     Actor("nusra", "Jabhat Fateh al-Sham", aliases=("JFS",), side=Side.NUSRA,
    ...           designations=("unsc-terrorist",)),
    ... ])
    >>> reg.resolve("syrian INSURGENTS").id
    'opposition'
    >>> c = reg.resolve("Syrian insurgents, JFS")
    >>> c.id, c.side.value, c.designations
    ('coalition:nusra+opposition', 'opposition', ('unsc-terrorist',))
    >>> reg.resolve("Nobody").id
    'unknown'
    """

    COALITION_PREFIX = "coalition:"

    def __init__(
        self, actors: Iterable[Actor], *, meta: Mapping[str, str] | None = None
    ) -> None:
        self._by_id: dict[str, Actor] = {}
        self._by_key: dict[str, str] = {}
        self.meta: dict[str, str] = dict(meta or {})
        for actor in actors:
            if actor.id in self._by_id:
                raise ValidationError(f"duplicate actor id {actor.id!r}", field="id")
            if not actor.id or not all(c.isalnum() or c in "-_." for c in actor.id):
                raise ValidationError(f"invalid actor id {actor.id!r}", field="id")
            self._by_id[actor.id] = actor
        if UNKNOWN_ACTOR.id not in self._by_id:
            self._by_id[UNKNOWN_ACTOR.id] = UNKNOWN_ACTOR
        for actor in self._by_id.values():
            if actor.parent_id is not None and actor.parent_id not in self._by_id:
                raise ValidationError(
                    f"actor {actor.id!r}: unknown parent {actor.parent_id!r}", field="parent"
                )
            for name in (actor.id, actor.name_en, actor.name_ar, *actor.aliases):
                if not name:
                    continue
                key = self.key(name)
                other = self._by_key.setdefault(key, actor.id)
                if other != actor.id:
                    raise ValidationError(
                        f"name {name!r} is used by both {other!r} and {actor.id!r}",
                        field="aliases",
                    )
        self._coalitions: dict[str, Actor] = {}
        for actor in self._by_id.values():
            self._ancestors(actor.id)  # refuse cycles now rather than at lookup time

    # -- names --------------------------------------------------------------------------------
    @staticmethod
    def key(name: str) -> str:
        """Comparison key of an actor name: casefolded, without marks or punctuation.

        Examples
        --------
        >>> ActorRegistry.key("Jaysh al-Asha’er")
        'jaysh al asha er'
        >>> ActorRegistry.key("تنظيم الدولة الإسلامية") == ActorRegistry.key("تنظيم الدولة الاسلامية")
        True
        """
        decomposed = unicodedata.normalize("NFKD", name)
        out: list[str] = []
        for ch in decomposed:
            cat = unicodedata.category(ch)
            if cat in ("Mn", "Lm", "Cf") or ch == "\u0640":  # marks, modifier letters, tatweel
                continue
            out.append(ch if cat[0] in "LN" else " ")
        return " ".join("".join(out).casefold().split())

    # -- lookup -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._by_id.values())

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and self.find(actor_id) is not None

    @property
    def version(self) -> str | None:
        return self.meta.get("version")

    def find(self, actor_id: str) -> Actor | None:
        """The actor with this id (including ``coalition:...`` ids), or None."""
        actor = self._by_id.get(actor_id)
        if actor is not None:
            return actor
        if actor_id.startswith(self.COALITION_PREFIX):
            members = actor_id[len(self.COALITION_PREFIX) :].split("+")
            if all(m in self._by_id for m in members) and len(members) > 1:
                return self._coalition(members)
        return None

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; raises ``NotFound`` if there is none."""
        actor = self.find(actor_id)
        if actor is None:
            raise NotFound(f"no actor with id {actor_id!r}")
        return actor

    def find_by_name(self, name: str | None) -> Actor | None:
        """The actor a free name denotes, or None when it is not known.

        Tried in order: the whole name as an alias; the name without trailing parenthesised
        qualifiers (ACLED's ``"Military Forces of Syria (2000-)"``); either half of an ACLED
        ``"QSD: Syrian Democratic Forces"``; a comma-separated coalition whose every member is
        known.
        """
        if name is None or not name.strip():
            return None
        for candidate in self._candidates(name):
            actor_id = self._by_key.get(self.key(candidate))
            if actor_id is not None:
                return self._by_id[actor_id]
        if "," in name:
            member_ids: list[str] = []
            for part in name.split(","):
                if not part.strip():
                    continue
                member = self.find_by_name(part)
                if member is None:
                    return None
                member_ids.extend(self.members(member.id))
            unique = sorted(set(member_ids))
            if len(unique) == 1:
                return self._by_id[unique[0]]
            if unique:
                return self._coalition(unique)
        return None

    def resolve(self, name: str | None) -> Actor:
        """Like :meth:`find_by_name` but returns the ``unknown`` actor when nothing matches."""
        return self.find_by_name(name) or self._by_id[UNKNOWN_ACTOR.id]

    @staticmethod
    def _candidates(name: str) -> list[str]:
        out = [name]
        stripped = name
        while stripped.rstrip().endswith(")") and "(" in stripped:
            stripped = stripped[: stripped.rindex("(")]
            out.append(stripped)
        for variant in list(out):
            if ":" in variant:
                head, _, tail = variant.partition(":")
                out.extend([tail, head])
        return out

    # -- hierarchy ----------------------------------------------------------------------------
    def members(self, actor_id: str) -> tuple[str, ...]:
        """Member ids of a coalition actor; ``(actor_id,)`` for a single actor."""
        if actor_id.startswith(self.COALITION_PREFIX):
            return tuple(actor_id[len(self.COALITION_PREFIX) :].split("+"))
        return (actor_id,)

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """Parent chain of an actor, nearest first (empty for coalitions and roots)."""
        return self._ancestors(actor_id)

    def _ancestors(self, actor_id: str) -> tuple[str, ...]:
        chain: list[str] = []
        actor = self._by_id.get(actor_id)
        while actor is not None and actor.parent_id is not None:
            if actor.parent_id in chain or actor.parent_id == actor_id:
                raise ValidationError(f"actor {actor_id!r}: parent cycle", field="parent")
            chain.append(actor.parent_id)
            actor = self._by_id.get(actor.parent_id)
        return tuple(chain)

    def is_a(self, actor_id: str, other_id: str) -> bool:
        """Whether ``actor_id`` is ``other_id``, one of its descendants, or a coalition member."""
        return any(
            m == other_id or other_id in self._ancestors(m) for m in self.members(actor_id)
        )

    def designations_of(self, actor_id: str) -> frozenset[str]:
        """Designations of an actor, its ancestors and (for a coalition) its members."""
        out: set[str] = set()
        for member in self.members(actor_id):
            for aid in (member, *self._ancestors(member)):
                actor = self._by_id.get(aid)
                if actor is not None:
                    out.update(actor.designations)
        return frozenset(out)

    def _coalition(self, member_ids: Sequence[str]) -> Actor:
        members = tuple(sorted(set(member_ids)))
        actor_id = self.COALITION_PREFIX + "+".join(members)
        cached = self._coalitions.get(actor_id)
        if cached is not None:
            return cached
        actors = [self._by_id[m] for m in members]
        designations = tuple(sorted(set().union(*(self.designations_of(m) for m in members))))
        plain = [a for a in actors if not self.designations_of(a.id)] or actors
        sides = {a.side for a in plain}
        parents = {a.parent_id or a.id for a in plain} - set(members)
        inters = {a.acled_inter for a in plain if a.acled_inter is not None}
        actor = Actor(
            id=actor_id,
            name_en=", ".join(a.name_en for a in actors),
            name_ar="، ".join(a.name_ar for a in actors if a.name_ar) or None,
            kind="coalition",
            side=sides.pop() if len(sides) == 1 else Side.OTHER,
            designations=designations,
            parent_id=parents.pop() if len(parents) == 1 else None,
            acled_inter=inters.pop() if len(inters) == 1 else None,
        )
        self._coalitions[actor_id] = actor
        return actor
