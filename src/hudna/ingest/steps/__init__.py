"""hudna.ingest.steps."""
