"""The diplomatic glossary: ``match`` loads, checks and finds its terms; ``data/`` ships the
bundled glossary (a link to the top-level ``glossaries/diplomatic.toml`` people read).
"""
