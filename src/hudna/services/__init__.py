"""hudna.services."""
