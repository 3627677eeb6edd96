"""hudna.gazetteer."""
