"""JSON Schemas of hudna file formats (data)."""
