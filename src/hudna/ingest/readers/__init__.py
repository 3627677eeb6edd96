"""hudna.ingest.readers."""
