"""Notebook 04's exercises."""

CHECKS = {}
