"""hudna.publish."""
