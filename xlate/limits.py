"""Limits and defaults shared by the command line and the library, in one place.

Constants only, importing nothing: the command line builds ``--help`` from them without loading
the pipeline (``tests/test_surface.py`` checks ``xlate --help`` stays light), and each library
module takes its default from here, so the two cannot drift apart (``tests/test_limits.py``).
"""

# The languages xlate reads: Russian and Japanese sources, English the target. Detection
# favours them in close calls, the glossary matches them, the command line offers them.
SOURCE_LANGUAGES = ("ru", "ja")
TARGET_LANGUAGE = "en"
LANGUAGES = (*SOURCE_LANGUAGES, TARGET_LANGUAGE)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # --max-bytes: a larger input file is refused
STREAM_BYTES = 4 * 1024 * 1024  # plain-text files larger than this are read in parts
PART_CHARS = 256 * 1024  # about the text of one part (whole paragraphs)
# A longer paragraph (a file of one line, hard-wrapped text with no blank line) is cut into
# paragraphs of at most this many characters, at a sentence end, else a space, else anywhere.
PARAGRAPH_CHARS = PART_CHARS
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024  # a larger --glossary file is refused
MAX_FEED_ITEMS = 10_000  # a feed with more items is refused (read it in parts)
MAX_PDF_PAGES = 5_000  # a PDF with more pages is refused
# What a .docx (all its parts) or a PDF (its streams but images) may unpack to: more is a
# compression bomb, refused before it is unpacked (a .docx) or as it is counted (a PDF).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a larger bundle manifest.json is refused
MAX_TERM_FILE_BYTES = 16 * 1024 * 1024  # a larger CSV or TBX to import is refused

# The aligner scores sentences with the same terms once; past a few thousand distinct
# sentences it scores pairs through an inverted index, never the n x n matrix. The limit is
# where the worst case (every sentence sharing terms with every other, none a copy) still
# takes seconds, not minutes: docs/performance.md, "Compare at scale", has the figures
# (benchmarks/compare_bench.py --growth and --real). --help and the limit's message name the page.
MAX_SENTENCES = 20_000  # --max-sentences
MAX_ARTICLES = 100  # --max-articles
MIN_WIDTH, MAX_WIDTH = 20, 1000  # --width: fewer columns fit no table; more fill no screen

# Argos Translate: the defaults of the command line and of xlate.engines.argos.ArgosOptions
MAX_DECODING_LENGTH = 256  # --max-decoding-length
MAX_SENTENCE_CHARS = 600  # --max-sentence-chars: longer input is split, never truncated
MIN_SENTENCE_CHARS = 20  # its smallest: a piece of a sentence holds a few words at least
MAX_BEAM = 64  # --beam-size: wider beams only cost time (CTranslate2 allocates each)
ARGOS_BATCH_SIZE = 8  # --batch-size: sentences per CTranslate2 sub-batch, at most

# xlate history: versions are diffed one pair at a time (no n x n alignment), so the limits are
# on reading and translating them: more versions, or sentences in all, are refused up front.
MAX_VERSIONS = 2_000  # --max-versions
MAX_VERSION_SENTENCES = 200_000
