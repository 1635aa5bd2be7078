"""Stage 0: saved articles in. ``formats`` reads files into articles (plain text, Markdown, HTML,
JSON), ``bundle`` reads event bundles (a manifest and its articles).
"""
