"""Routers: thin functions that call one service each (DESIGN.md §9.2)."""
