"""hudna.plugins."""
