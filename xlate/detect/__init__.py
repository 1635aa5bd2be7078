"""Stage 1: which language each text is in, and where it goes.

``rules`` decides (script, n-gram model, the rules on top), ``cyrillic`` tells Russian from
its Cyrillic look-alikes, ``script`` counts letters per Unicode script, ``ngram`` scores with
langdetect's profiles in one batch, ``route`` sends a detection to translation, pass-through
or skip, and ``survey`` runs them over files, paragraphs or lines for ``xlate detect``.
"""
