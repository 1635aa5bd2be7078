"""The diplomatic glossary and translation memories as files.

``match`` loads and checks glossaries and finds their terms (Russian inflection, Japanese
without spaces); ``exchange`` converts them to and from CSV term pairs and TBX; ``tmx`` reads
and writes TMX memories; ``data/`` ships the bundled glossary (a link to the top-level
``glossaries/diplomatic.toml`` people read).
"""
