"""Pydantic models of the API, separate from the domain and from the tables (DESIGN.md §1.4)."""
