"""Cross-outlet comparison: prepare the outlets, align their sentences into facts, compare.

``prepare`` reads and translates each outlet, ``align`` groups sentences into facts.
"""
