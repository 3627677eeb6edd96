"""Bundled data (OCHA Syria 2015 gazetteer sources, actors, examples)."""
