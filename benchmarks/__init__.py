"""Measurements, not tests: make bench runs them (docs/performance.md)."""
