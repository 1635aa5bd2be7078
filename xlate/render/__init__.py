"""Rendering: the only package that imports rich (``tests/test_layout.py`` checks).

The comparison report: ``terminal`` (rich), ``markdown``, ``html`` (one self-contained page),
with what they share in ``compare``. The commands' terminal views: ``translate`` (progress and
the batch summary), ``detect``, ``models``, ``glossary``; ``console`` makes the console and the
inert cells every table uses.
"""
