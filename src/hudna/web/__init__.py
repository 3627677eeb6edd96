"""hudna.web."""
