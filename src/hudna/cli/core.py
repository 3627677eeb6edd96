"""Core commands: demo, regimes, import, assess, assessments, export (issue #2)."""
from hudna.cli import app  # noqa: F401
