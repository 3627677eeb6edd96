"""The news text pipeline: named steps that declare what they need and what they add (issue #4).

DESIGN.md §1 (spaCy's idea): each :class:`Step` lists the :class:`Doc` fields it ``requires``
and ``assigns``; :class:`Pipeline` checks the order once, at construction, so a mis-ordered or
incomplete pipeline fails before any text is read. Steps are top-level pure functions
(``Doc -> None`` filling fields) so the bulk runner can map them over partitions.

``register_extractors`` is the extension point for a later model-based extractor: it adds steps
that run after the rule-based claim builder and may add or replace claims.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hudna.errors import HudnaError

__all__ = [
    "Doc",
    "Pipeline",
    "PipelineError",
    "Step",
    "build_pipeline",
    "clear_extractors",
    "register_extractors",
]

logger = logging.getLogger(__name__)

#: Fields a Doc has before any step ran.
INITIAL_FIELDS = frozenset({"text", "published_on", "lang_hint", "source_id", "doc_id", "title"})


class PipelineError(HudnaError):
    """A pipeline's steps are mis-ordered or missing a required field."""

    code = "HUDNA-INGEST-001"


@dataclass
class Doc:
    """One article going through the pipeline; ``text`` is never modified."""

    text: str
    published_on: date | None = None
    lang_hint: str = "auto"
    source_id: str | None = None
    doc_id: str | None = None
    title: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def __setitem__(self, name: str, value: Any) -> None:
        self.fields[name] = value

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass(frozen=True)
class Step:
    """A named pipeline step: ``func(doc)`` reads ``requires`` and fills ``assigns``."""

    name: str
    func: Callable[[Doc], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


class Pipeline:
    """An ordered, validated list of steps.

    Examples
    --------
    >>> def a(doc): doc["x"] = 1
    >>> def b(doc): doc["y"] = doc["x"] + 1
    >>> p = Pipeline([Step("a", a, assigns=("x",)), Step("b", b, requires=("x",), assigns=("y",))])
    >>> p(Doc("t"))["y"]
    2
    >>> Pipeline([Step("b", b, requires=("x",), assigns=("y",))])
    Traceback (most recent call last):
    ...
    hudna.ingest.pipeline.PipelineError: step 'b' requires 'x', which no earlier step assigns
    """

    def __init__(self, steps: Sequence[Step]) -> None:
        available = set(INITIAL_FIELDS)
        names: set[str] = set()
        for step in steps:
            if step.name in names:
                raise PipelineError(f"step {step.name!r} appears twice")
            names.add(step.name)
            for req in step.requires:
                if req not in available:
                    raise PipelineError(
                        f"step {step.name!r} requires {req!r}, which no earlier step assigns"
                    )
            available.update(step.assigns)
        self.steps = tuple(steps)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def __call__(self, doc: Doc) -> Doc:
        for step in self.steps:
            step.func(doc)
        return doc


_EXTRACTORS: list[Step] = []


def register_extractors(*steps: Step) -> None:
    """Add extractor steps (e.g. a model-based one) run after the built-in claim builder.

    Each step may require any field of the built-in pipeline (``sentences``, ``matches``,
    ``places``, ``claims`` ...) and should assign ``claims`` (the full, updated list).
    """
    _EXTRACTORS.extend(steps)


def clear_extractors() -> None:
    """Forget registered extractors (tests)."""
    _EXTRACTORS.clear()


def build_pipeline(
    *, gazetteer: Any = None, extra: Iterable[Step] = (), with_places: bool = True
) -> Pipeline:
    """The default news pipeline (language → keys → sentences → dates/numbers/lexicon →
    places → claims), plus registered and ``extra`` extractor steps.

    Examples
    --------
    >>> build_pipeline(with_places=False).names[:3]
    ['detect_language', 'normalise', 'split_sentences']
    """
    from hudna.ingest.steps import default_steps

    steps = list(default_steps(gazetteer=gazetteer, with_places=with_places))
    steps.extend(_EXTRACTORS)
    steps.extend(extra)
    return Pipeline(steps)
