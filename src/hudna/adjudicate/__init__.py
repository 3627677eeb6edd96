"""hudna.adjudicate."""
