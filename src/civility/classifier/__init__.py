"""Civility's comment scorer: offline multi-label classifier with pluggable backends."""
