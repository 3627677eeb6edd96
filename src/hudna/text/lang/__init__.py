"""hudna.text.lang."""
