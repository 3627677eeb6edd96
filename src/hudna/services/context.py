"""Bundled reference data the use cases need (actor registry, admin areas), loaded once."""

from __future__ import annotations

from functools import cache

from hudna.adjudicate.context import AdjudicationContext
from hudna.domain.actor import ActorRegistry
from hudna.geo.admin import AdminAreas, load_admin_areas
from hudna.ingest.actors import load_actor_registry


@cache
def default_actors() -> ActorRegistry:
    return load_actor_registry()


@cache
def default_areas() -> AdminAreas:
    return load_admin_areas()


def adjudication_context(
    actors: ActorRegistry | None = None, areas: AdminAreas | None = None
) -> AdjudicationContext:
    areas = areas or default_areas()
    return AdjudicationContext(
        actors=actors or default_actors(),
        areas=areas,
        gazetteer_version=getattr(areas, "version", None),
    )
