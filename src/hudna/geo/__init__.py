"""hudna.geo."""
