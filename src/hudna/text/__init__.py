"""hudna.text."""
