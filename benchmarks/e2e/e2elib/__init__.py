"""Helpers of the end-to-end benchmark (benchmarks/e2e/e2e.py)."""
