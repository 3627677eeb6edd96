"""Steps of the news pipeline (issue #4); :func:`default_steps` lists them in order."""

from __future__ import annotations

from typing import Any

from hudna.ingest.pipeline import Step

__all__ = ["default_steps"]


def default_steps(*, gazetteer: Any = None, with_places: bool = True) -> list[Step]:
    """The built-in steps; ``gazetteer=None`` with ``with_places`` loads the bundled one.

    Examples
    --------
    >>> [s.name for s in default_steps(with_places=False)][-1]
    'build_claims'
    """
    from hudna.ingest.steps import claims, places, text

    if with_places and gazetteer is None:
        from hudna.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    claims.load_rule_data()
    return [
        *text.STEPS,
        places.make_places_step(gazetteer if with_places else None),
        *claims.STEPS,
    ]
