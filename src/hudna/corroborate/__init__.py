"""hudna.corroborate."""
