"""One article with argostranslate's decoding options, in the leanest process that can do it.

    python benchmarks/argos_options_process.py PACKAGE_DIR SENTENCES.json

The one-article baseline of ``argos_batching_bench.py`` read as the issue words it: "the
per-core baseline plus start-up", the start-up being the least any program on this path
pays. Timed from spawn to exit: Python's start-up, ``import ctranslate2`` and
``sentencepiece`` (not argostranslate's translate module, whose sentence splitters pull in
stanza, spaCy and torch; only its settings, for the options), the package's model loaded on
one single-threaded translator per core (xlate's thread plan), the article's sentences
encoded with the package's SentencePiece model, one ``translate_batch`` with the options of
argostranslate's ``apply_packaged_translation`` (batch_type "tokens", its batch size and
beam size, length penalty 0.2, unknown words replaced), the tokens decoded. Prints the
translation, a sentence a line.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import ctranslate2
import sentencepiece
from argostranslate import settings


def main() -> None:
    package, sentences_file = Path(sys.argv[1]), sys.argv[2]
    with open(sentences_file, encoding="utf-8") as handle:
        sentences = json.load(handle)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    translator = ctranslate2.Translator(
        str(package / "model"),
        device=settings.device,
        inter_threads=cores,
        intra_threads=1,
        compute_type=settings.compute_type,
    )
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    results = translator.translate_batch(
        [pieces.encode(s, out_type=str) for s in sentences],
        replace_unknowns=True,
        max_batch_size=settings.batch_size,
        batch_type="tokens",
        beam_size=settings.beam_size,
        num_hypotheses=1,
        length_penalty=0.2,
    )
    for result in results:
        print(pieces.decode(result.hypotheses[0]))


if __name__ == "__main__":
    main()
