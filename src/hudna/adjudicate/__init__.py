"""Adjudication: rule registry and evaluation of events against regimes."""

from hudna.adjudicate.context import AdjudicationContext, ancestors
from hudna.adjudicate.registry import populate, rules

__all__ = ["AdjudicationContext", "ancestors", "populate", "rules"]
