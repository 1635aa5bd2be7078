"""Rendering: the only package that imports rich."""
