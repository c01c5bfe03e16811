"""Benchmarks: quality and speed measured on dev data (not tests; data stays outside the repo)."""
