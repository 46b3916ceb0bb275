"""Notebook 05's exercises."""

CHECKS = {}
