"""hudna.ingest."""
