"""Translation of saved articles (``xlate translate``).

``core`` is the step shared with ``xlate compare`` (an article's sentences detected, routed,
translated, checked); ``batch`` runs it over files, folders and bundles, ``workers`` reads ahead
in worker processes, ``article`` turns one article into its result, ``stream`` handles articles
too large to hold, ``outputs`` renders them (and reads them back) and ``names`` names them,
``report`` writes ``xlate-report.json``, ``results`` holds the options, statuses and results.
"""
