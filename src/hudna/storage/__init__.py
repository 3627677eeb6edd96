"""hudna.storage."""
