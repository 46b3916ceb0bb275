"""Notebook 03's exercises."""

CHECKS = {}
