"""From a pile of saved articles to events: which articles report the same event.

    read ─▶ detect ─▶ segment ─▶ translate to English ─▶ glossary tags (source side)
         ─▶ document vectors ─▶ candidate pairs ─▶ average linkage ─▶ events

Reading and translation are ``xlate translate``'s own stages (inputs, reading, detection,
segmentation, the engine chain: memory, Argos through the cache), or its JSON outputs, whose
translations are reused. Each article becomes one sparse vector:

- evidence that survives translation, taken on the **source side**: glossary concepts
  (``c:japan``, weighted above words) and numbers of two digits or more (``n:2024``; digits
  are the same in every language);
- the English text as Snowball stems without function words (title words and capitalised
  names counted once more);

each with sublinear term frequency times inverse document frequency over the pile (the
informativeness weight: a stem every article carries says nothing), normalised to length 1.

Candidate pairs come from an inverted index (a sparse product restricted to terms found in at
most ``max_df`` articles, row block by row block: sub-quadratic, and bounded memory). Two
articles' similarity is their cosine, times a decay with the days between their publication
dates (two stories about one person years apart are two events). Articles are grouped by
average linkage over that sparse graph (an absent pair counts as 0, so one strong link cannot
chain two events together): two groups merge while their average similarity clears the
threshold. The threshold is the larger of a fixed floor, chosen on real news where unrelated
articles must not merge (``benchmarks/events_bench.py``), and the null model: the similarity
that articles reach by chance against random bags of the pile's own words.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from xlate import __version__
from xlate.errors import XlateError
from xlate.model import Article

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from xlate.detect import Detector
    from xlate.engines import Engine
    from xlate.glossary import Glossary
    from xlate.translate import Document as TranslatingDocument

SCHEMA = "xlate-events/1"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Digits with separators: 1,000 / 1.000 / 1 000 (Russian groups thousands with a space) / 1,5.
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")
# A capitalised word not at the start of a sentence: a name, in English and in MT output.
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][^\W\d_]+")
# Publication dates as saved pages and scrapers write them (ingest keeps them as found).
_MONTHS = {
    **{m: k for k, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: k for k, m in enumerate("янв фев мар апр ма июн июл авг сен окт ноя дек".split(), 1)},
}
_DATES = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"), None),
    (re.compile(r"(?P<y>\d{4})年\s*(?P<m>\d{1,2})月\s*(?P<d>\d{1,2})日"), None),
    (re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"), None),
    (re.compile(r"(?P<d>\d{1,2})\s+(?P<name>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})"), "name"),
    (re.compile(r"(?P<name>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"), "name"),
]
# Function words and reporting verbs: in every article, they carry no event.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my no nor not now of off on once only or other our ours out over
    own said same say says she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours told tell according also year years
    new one two three first last mr mrs ms""".split()
)


@dataclass(frozen=True, slots=True)
class Settings:
    """How articles are grouped. The defaults were chosen on ECB+ (benchmarks/events_bench.py)."""

    threshold: float = 0.18  # the fixed floor of average similarity for two groups to merge
    chance_pairs: float = 0.1  # pairs of the pile expected above the threshold by chance
    concept_weight: float = 2.0  # glossary concepts and numbers against words
    number_weight: float = 1.0
    title_repeat: int = 1
    name_repeat: int = 1  # names (capitalised words inside sentences) count this much more
    date_window: float = 7.0  # days apart that cost nothing: a week of coverage
    date_scale: float = 90.0  # then similarity decays by e every this many days (a year: 2%)
    background: float = 50.0  # unseen articles assumed beside the pile, for idf
    null_min_articles: int = 100  # the null model needs this many articles to draw from
    max_df: float = 0.05  # terms in more of the articles are left out of candidate search
    min_df_cap: int = 150  # ... unless found in at most this many (an event of 150 articles)
    floor: float = 0.1  # pairs below this similarity are not kept as edges (speed)
    min_outlets: int = 2

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Document:
    """One article as the grouping sees it: English text plus source-side evidence."""

    id: str
    path: str
    outlet: str
    language: str
    date: str
    title: str
    title_english: str
    english: str
    concepts: tuple[str, ...] = ()  # glossary concept ids, one per mention
    numbers: tuple[str, ...] = ()  # numbers of the source text, one per mention
    url: str = ""
    outlet_en: str = ""
    untranslated: int = 0  # sentences no engine could translate (grouped on the others)
    shares_file: bool = False  # one of several articles of its file (JSON lists, JSON Lines)
    text: str = field(default="", repr=False)  # the source text, for bundles of such articles
    encoding: str = ""


@dataclass(frozen=True, slots=True)
class EventArticle:
    id: str
    path: str
    outlet: str
    language: str
    date: str
    title: str
    title_english: str
    untranslated: int = 0  # sentences no engine could translate: grouped on the others


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    label: str  # the member's English headline most shared with the others
    first: str  # date range ("" when no member has a date)
    last: str
    outlets: tuple[str, ...]
    languages: tuple[str, ...]
    articles: tuple[EventArticle, ...]
    cohesion: float  # average similarity of its pairs of articles


@dataclass(frozen=True)
class Events:
    events: tuple[Event, ...]
    unassigned: tuple[EventArticle, ...]
    threshold: float  # the threshold applied: max(settings.threshold, null)
    null_threshold: float
    settings: Settings
    signature: dict[str, Any] = field(default_factory=dict)
    documents: tuple[Document, ...] = field(default=(), repr=False, compare=False)
    memories: tuple[Path, ...] = ()  # the inputs' translation memories, for bundles

    @property
    def articles(self) -> int:
        return sum(len(e.articles) for e in self.events) + len(self.unassigned)


# -- the library entry point ---------------------------------------------------------------------


def events(
    paths: Sequence[str | Path],
    chain: Sequence[Engine] | None = None,
    glossary: Glossary | None = None,
    *,
    settings: Settings | None = None,
) -> tuple[Events, list[XlateError]]:
    """The events reported by the articles of ``paths``, and the files that failed.

    ``chain`` defaults to ``xlate translate``'s auto chain (the bundles' memories, then Argos
    through the cache); ``glossary`` to none (give one for source-side concept evidence).
    An article some of whose sentences no engine could translate is grouped on the others
    (its ``untranslated`` count says how many); one with none translated fails.
    """
    from xlate.translate import build_chain, collect_inputs

    settings = settings or Settings()
    memories = collect_inputs(paths).memories
    if chain is None:
        chain = build_chain("auto", memories=memories)
    docs, errors = prepare(paths, chain, glossary)
    found = group(docs, settings)
    signature = {
        "xlate": __version__,
        "engines": [getattr(e, "name", type(e).__name__) for e in chain],
        "glossary": glossary.hash if glossary is not None else None,
    }
    for engine in chain:
        memories += tuple(Path(p) for p in getattr(engine, "paths", ()))
    result = Events(
        found.events,
        found.unassigned,
        found.threshold,
        found.null_threshold,
        settings,
        signature,
        tuple(docs),
        tuple(dict.fromkeys(memories)),
    )
    return result, errors


def prepare(
    paths: Sequence[str | Path],
    chain: Sequence[Engine],
    glossary: Glossary | None = None,
    *,
    detector: Detector | None = None,
) -> tuple[list[Document], list[XlateError]]:
    """The articles of ``paths`` read, detected, segmented and translated to English exactly as
    ``xlate translate`` does, and tagged with glossary concepts on the source side."""
    from xlate.detect import Detector
    from xlate.engines.identity import IdentityEngine
    from xlate.translate import (
        TranslateOptions,
        analyse,
        collect_inputs,
        make_document,
        read_input,
        translate_segments,
    )

    detector = detector or Detector()
    errors: list[XlateError] = []
    read: list[tuple[str, Article, int]] = []
    done: list[Document] = []
    for item in collect_inputs(paths).files:
        try:
            output = translated(item.path, glossary) if item.entry is None else None
            if output is not None:
                done += output
                continue
            found = read_input(item, TranslateOptions())
        except XlateError as exc:
            errors.append(exc)
            continue
        read += [(str(item.path), a, len(found)) for a in found]
    ids = _unique_ids([d.id for d in done] + [a.id for _, a, _ in read])
    done = [replace(d, id=i) for d, i in zip(done, ids, strict=False)]
    ids = ids[len(done) :]
    articles = [replace(a, id=i) for (_, a, _), i in zip(read, ids, strict=True)]
    analyses = analyse(articles, detector)
    docs = [
        make_document(source, a, Path(source), x)
        for (source, _, _), a, x in zip(read, articles, analyses, strict=True)
    ]
    hints = translate_segments([s for d in docs for s in d.segments], "en", chain, IdentityEngine())
    prepared = done
    for doc, (_, _, count) in zip(docs, read, strict=True):
        made = _document(doc, count, glossary)
        if made is None:
            hint = "; ".join(sorted(set(hints.values())))
            errors.append(XlateError(f"{doc.source}: no sentence could be translated; {hint}"))
        else:
            prepared.append(made)
    return prepared, errors


_OUTPUT_HEAD = re.compile(rb'^\{\s*"xlate"\s*:')
REPORT_NAME = "xlate-report.json"


def translated(path: Path, glossary: Glossary | None) -> list[Document] | None:
    """The article of an ``xlate translate`` JSON output to English, as a document (its
    translations reused, nothing translated again); ``[]`` for the batch's own
    ``xlate-report.json``; None when ``path`` is not such an output."""
    import json

    from xlate.errors import InputError
    from xlate.ingest import DEFAULT_MAX_BYTES

    if path.suffix.lower() != ".json":
        return None
    try:
        with path.open("rb") as handle:
            if not _OUTPUT_HEAD.match(handle.read(64)):
                return None
        if path.stat().st_size > DEFAULT_MAX_BYTES:
            raise InputError(path, f"over {DEFAULT_MAX_BYTES:,} bytes; not read")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None  # not an output of ours after all: read as an article, with its message
    if path.name == REPORT_NAME and "files" in data:
        return []
    if not isinstance(data, dict) or data.get("target") != "en" or "article" not in data:
        return None
    try:
        return [_from_output(path, data, glossary)]
    except (KeyError, TypeError, AttributeError):
        raise InputError(path, "an xlate translate output of an unknown shape") from None


def _from_output(path: Path, data: dict[str, Any], glossary: Glossary | None) -> Document:
    from xlate.translate import untranslated_record

    meta = data["article"]
    title = data.get("title") or {}
    rows = list(data["sentences"])
    segments = [(title.get("source", ""), data["language"])] if title else []
    segments += [(r["source"], r.get("lang", data["language"])) for r in rows]
    concepts = []
    if glossary is not None:
        for text, lang in segments:
            if lang in ("ru", "ja", "en"):
                concepts += [m.concept.id for m in glossary.scan(text, lang)]
    original = Path(str(meta.get("path", "")))
    exists = bool(meta.get("path")) and original.is_file()
    paragraphs: dict[int, list[str]] = {}
    for r in rows:
        paragraphs.setdefault(int(r.get("paragraph", 0)), []).append(r["source"])
    return Document(
        id=str(meta["id"]),
        path=str(original if exists else path),
        outlet=str(meta.get("outlet", "")),
        language=str(data["language"]),
        date=str(meta.get("date", "")),
        title=str(meta.get("title", "")),
        title_english=str(title.get("translation", "")),
        english=" ".join(str(r["translation"]) for r in rows if not untranslated_record(r)),
        concepts=tuple(concepts),
        numbers=tuple(n for text, _ in segments for n in numbers(text)),
        url=str(meta.get("url", "")),
        outlet_en=str((meta.get("extra") or {}).get("outlet_en", "")),
        untranslated=sum(1 for r in rows if untranslated_record(r)),
        # The original article, when it is gone, travels to a bundle as JSON of its sentences.
        shares_file=not exists,
        text="" if exists else "\n\n".join(" ".join(p) for _, p in sorted(paragraphs.items())),
        encoding=str(meta.get("encoding", "")) if exists else "",
    )


def _unique_ids(ids: Sequence[str]) -> list[str]:
    """Article ids made unique across the pile (two folders may each hold an index.html)."""
    seen: Counter[str] = Counter()
    unique = []
    for article_id in ids:
        seen[article_id] += 1
        unique.append(article_id if seen[article_id] == 1 else f"{article_id}-{seen[article_id]}")
    return unique


def _document(doc: TranslatingDocument, count: int, glossary: Glossary | None) -> Document | None:
    body = doc.segments[1:] if doc.has_title else doc.segments
    title = doc.segments[0] if doc.has_title else None
    done = [s for s in body if s.translation is not None and not s.untranslated]
    english = [s.translation.text for s in done if s.translation is not None]
    if not english and (title is None or title.translation is None or title.untranslated):
        return None
    concepts: list[str] = []
    if glossary is not None:
        for segment in doc.segments:
            if segment.lang in ("ru", "ja", "en"):
                concepts += [m.concept.id for m in glossary.scan(segment.text, segment.lang)]
    a = doc.article
    return Document(
        id=a.id,
        path=doc.source,
        outlet=a.outlet,
        language=doc.language,
        date=a.date,
        title=a.title,
        title_english=title.translation.text
        if title and title.translation and not title.untranslated
        else "",
        english=" ".join(english),
        concepts=tuple(concepts),
        numbers=tuple(n for segment in doc.segments for n in numbers(segment.text)),
        url=a.url,
        outlet_en=str(a.extra.get("outlet_en", "")),
        untranslated=len(body) - len(done),
        shares_file=count > 1,
        text=a.text if count > 1 else "",
        encoding=a.encoding,
    )


def numbers(text: str) -> list[str]:
    """Numbers of two digits or more in ASCII digits: 1,000, 1.000, 1 000 and １０００ are
    1000; 1.5 and 1,5 are 1.5."""
    found = []
    for raw in _NUMBER.findall(text):
        number = unicodedata.normalize("NFKC", raw)
        if _THOUSANDS.fullmatch(number):
            parts = [re.sub(r"[.,\s]", "", number)]
        else:
            parts = [p.replace(",", ".") for p in number.split()]
        found += [p for p in parts if sum(c.isdigit() for c in p) >= 2]
    return found


# -- vectors -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=262144)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def _tokens(doc: Document, settings: Settings) -> tuple[list[str], list[int]]:
    """The document's words, names, concepts and numbers, and how much each one counts."""
    words = _WORD.findall(doc.english.lower())
    title = _WORD.findall(doc.title_english.lower())
    names = [w.lower() for w in _NAME.findall(doc.english)]
    concepts = [f"c:{c}" for c in doc.concepts]
    found = [f"n:{n}" for n in doc.numbers]
    tokens = words + title + names + concepts + found
    counts = (
        [1] * len(words)
        + [settings.title_repeat] * len(title)
        + [settings.name_repeat] * len(names)
        + [1] * (len(concepts) + len(found))
    )
    return tokens, counts


def vectors(docs: Sequence[Document], settings: Settings) -> tuple[csr_matrix, np.ndarray]:
    """Rows of length 1 (tf-idf), and each term's document frequency.

    Each distinct token of the pile is mapped once to its term (its Snowball stem, or none for
    function words); each document's counts are summed in numpy as it is read, so memory holds
    one entry per distinct term of a document, not one per token.
    """
    from scipy.sparse import csr_matrix, diags

    n = len(docs)
    vocabulary: dict[str, int] = {}
    to_term: dict[str, int] = {}  # token -> term id, -1 for function words

    def term_of(token: str) -> int:
        if token[:2] in ("c:", "n:"):
            return vocabulary.setdefault(token, len(vocabulary))
        if len(token) > 1 and token not in STOP_WORDS:
            return vocabulary.setdefault(_stem(token), len(vocabulary))
        return -1

    columns: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for doc in docs:
        tokens, weights = _tokens(doc, settings)
        for token in sorted(set(tokens).difference(to_term)):  # sorted: reproducible ids
            to_term[token] = term_of(token)
        terms = np.fromiter(map(to_term.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        keep = terms >= 0
        unique, inverse = np.unique(terms[keep], return_inverse=True)
        columns.append(unique)
        counts.append(np.bincount(inverse, weights=np.array(weights, dtype=np.float64)[keep]))
    lengths = [len(c) for c in columns]
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    col = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    tf = np.concatenate(counts) if counts else np.zeros(0)
    df = np.bincount(col, minlength=len(vocabulary)).astype(np.float64)
    kind = np.ones(len(vocabulary))
    for name, k in vocabulary.items():
        if name.startswith("c:"):
            kind[k] = settings.concept_weight
        elif name.startswith("n:"):
            kind[k] = settings.number_weight
    # The pile is taken as a sample of a larger stream of news (``background`` more articles
    # that share none of its terms): in a small pile about one event, the words all its
    # articles share still count.
    idf = np.log((n + settings.background) / (df + 0.5))
    weight = (1 + np.log(tf)) * idf[col] * kind[col]
    matrix = csr_matrix((weight, (rows, col)), shape=(n, len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(diags(1 / norms) @ matrix), df


# -- pairs ---------------------------------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """A publication date as pages write it: 2024-11-19 (and ISO times), 19.11.2024,
    2024年11月19日, Nov 19, 2024, 19 November 2024, 19 ноября 2024; None otherwise."""
    for pattern, named in _DATES:
        for m in pattern.finditer(text or ""):
            if named:
                word = m["name"].lower()
                month = _MONTHS.get(word[:3]) or _MONTHS.get(word[:2] if word[:2] == "ма" else "")
                if month is None:
                    continue
            else:
                month = int(m["m"])
            try:
                return date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                continue
    return None


def _days(text: str) -> float:
    found = parse_date(text)
    return math.nan if found is None else float(found.toordinal())


def date_factor(a: np.ndarray, b: np.ndarray, settings: Settings) -> np.ndarray:
    """1 within the window (or when a date is unknown), then e^-(days past it / scale)."""
    apart = np.abs(a - b) - settings.date_window
    factor = np.exp(-np.clip(apart, 0, None) / settings.date_scale)
    return np.where(np.isnan(factor), 1.0, factor)


def similar_pairs(
    matrix: csr_matrix, df: np.ndarray, ordinals: np.ndarray, settings: Settings, block: int = 1024
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs i < j with their similarity (cosine times the date factor) at least ``floor``.

    The product runs over terms found in at most ``max_df`` of the articles (an inverted
    index: pairs sharing only common words are never formed), row block by row block.
    """
    n = matrix.shape[0]
    cap = max(settings.min_df_cap, settings.max_df * n)
    keep = np.flatnonzero(df <= cap)
    index = matrix[:, keep].tocsr()
    transposed = index.T.tocsr()
    found_i, found_j, found_s = [], [], []
    for lo in range(0, n, block):
        product = (index[lo : lo + block] @ transposed).tocoo()
        i = product.row + lo
        j = product.col
        upper = (j > i) & (product.data >= settings.floor)
        i, j, s = i[upper], j[upper], product.data[upper]
        s = s * date_factor(ordinals[i], ordinals[j], settings)
        strong = s >= settings.floor
        found_i.append(i[strong])
        found_j.append(j[strong])
        found_s.append(s[strong])
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def null_threshold(
    matrix: csr_matrix, df: np.ndarray, settings: Settings, samples: int = 10000, seed: int = 0
) -> float:
    """The similarity that no more than ``chance_pairs`` of the pile's pairs reach by chance.

    The null model: cosines between the pile's articles and random bags of its own terms
    (drawn by document frequency, each bag with as many terms as a random article). Their
    mean plus z standard deviations, z taken where a normal tail leaves ``chance_pairs`` of the
    pile's n(n-1)/2 pairs (z = 3.8 for 150 articles, 5.3 for 10,000); at least their largest.
    Chance overlap grows with a pile's shared vocabulary: a pile of articles on one broad
    subject raises the threshold, and a large pile raises it a little."""
    n = matrix.shape[0]
    if n < settings.null_min_articles or matrix.nnz == 0:
        return 0.0
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    count = min(samples, 4 * n)
    sources = rng.integers(n, size=count)
    lengths = np.maximum(1, np.diff(matrix.indptr)[sources])
    rows = np.repeat(np.arange(count), lengths)
    # Terms drawn by document frequency, weighted as an article's would be (idf).
    cols = np.searchsorted(np.cumsum(df) / df.sum(), rng.random(int(lengths.sum())))
    cols = np.minimum(cols, len(df) - 1)
    vals = np.log((n + settings.background) / (df[cols] + 0.5))
    bags = csr_matrix((vals, (rows, cols)), shape=(count, matrix.shape[1]))
    norms = np.sqrt(np.asarray(bags.multiply(bags).sum(axis=1)).ravel())
    targets = rng.integers(n, size=count)
    dots = np.asarray(bags.multiply(matrix[targets]).sum(axis=1)).ravel()
    cosines = dots / np.where(norms > 0, norms, 1.0)
    from statistics import NormalDist

    pairs = n * (n - 1) / 2
    z = NormalDist().inv_cdf(1 - min(0.5, settings.chance_pairs / pairs))
    return float(max(cosines.mean() + z * cosines.std(), cosines.max()))


# -- clustering ----------------------------------------------------------------------------------


def average_linkage(
    n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float
) -> list[list[int]]:
    """Groups by average linkage over a sparse similarity graph (absent pairs count 0).

    The two groups of highest average similarity merge first, while it clears ``threshold``;
    the result does not depend on the order of the articles (ties break by smallest members).
    """
    links: dict[int, dict[int, float]] = {k: {} for k in range(n)}
    for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True):
        links[a][b] = links[a].get(b, 0.0) + v
        links[b][a] = links[b].get(a, 0.0) + v
    size = dict.fromkeys(range(n), 1)
    least = {k: k for k in range(n)}
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    heap = [
        (-v, min(least[a], least[b]), a, b) for a in links for b, v in links[a].items() if a < b
    ]
    heap = [h for h in heap if -h[0] >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, _, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + negative) > 1e-12:
            continue  # stale: the groups changed since this entry was pushed
        # b joins a
        for c, v in links.pop(b).items():
            del links[c][b]
            if c != a:
                links[a][c] = links[a].get(c, 0.0) + v
                links[c][a] = links[a][c]
        links[a].pop(b, None)
        size[a] += size.pop(b)
        least[a] = min(least[a], least.pop(b))
        members[a] += members.pop(b)
        for c, v in links[a].items():
            average = v / (size[a] * size[c])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(least[a], least[c]), a, c))
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


@dataclass(frozen=True)
class Grouping:
    groups: tuple[tuple[int, ...], ...]  # every document in exactly one group
    events: tuple[Event, ...]
    unassigned: tuple[EventArticle, ...]
    threshold: float
    null_threshold: float


def group(docs: Sequence[Document], settings: Settings | None = None) -> Grouping:
    """Group ``docs`` into events (the documents' order does not matter)."""
    settings = settings or Settings()
    order = sorted(range(len(docs)), key=lambda k: (docs[k].id, docs[k].path))
    ordered = [docs[k] for k in order]
    n = len(ordered)
    if n == 0:
        return Grouping((), (), (), settings.threshold, 0.0)
    matrix, df = vectors(ordered, settings)
    ordinals = np.array([_days(d.date) for d in ordered])
    i, j, s = similar_pairs(matrix, df, ordinals, settings)
    null = null_threshold(matrix, df, settings)
    threshold = max(settings.threshold, null)
    clusters = average_linkage(n, i, j, s, threshold)
    pair_sims = {(a, b): v for a, b, v in zip(i.tolist(), j.tolist(), s.tolist(), strict=True)}
    made: list[Event] = []
    alone: list[EventArticle] = []
    for members in clusters:
        outlets = {ordered[k].outlet or ordered[k].id for k in members}
        if len(members) < 2 or len(outlets) < settings.min_outlets:
            alone += [_article(ordered[k]) for k in members]
            continue
        made.append(_event(ordered, members, pair_sims))
    made.sort(key=lambda e: (-len(e.articles), e.first, e.label))
    numbered = tuple(replace(e, id=f"E{k}") for k, e in enumerate(made, 1))
    groups = tuple(tuple(order[k] for k in members) for members in clusters)
    alone.sort(key=lambda a: (a.date, a.id))
    return Grouping(groups, numbered, tuple(alone), threshold, null)


def _article(doc: Document) -> EventArticle:
    found = parse_date(doc.date)
    return EventArticle(
        doc.id,
        doc.path,
        doc.outlet,
        doc.language,
        found.isoformat() if found else doc.date,
        doc.title,
        doc.title_english,
        doc.untranslated,
    )


def _event(
    docs: Sequence[Document],
    members: Sequence[int],
    pair_sims: dict[tuple[int, int], float],
) -> Event:
    pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]
    cohesion = sum(pair_sims.get((a, b), 0.0) for a, b in pairs) / max(1, len(pairs))
    articles = sorted((_article(docs[k]) for k in members), key=lambda a: (a.date, a.id))
    dates = sorted(a.date for a in articles if parse_date(a.date))
    return Event(
        "",
        label(docs, members),
        dates[0] if dates else "",
        dates[-1] if dates else "",
        tuple(sorted({a.outlet or a.id for a in articles})),
        tuple(sorted({a.language for a in articles})),
        tuple(articles),
        round(cohesion, 4),
    )


def label(docs: Sequence[Document], members: Sequence[int]) -> str:
    """The English headline sharing most words with the others' headlines (ties: shortest,
    then alphabetical); the first sentence stands in for a missing headline."""
    heads = []
    for k in members:
        head = docs[k].title_english or docs[k].english[:160]
        words = {w for w in _WORD.findall(head.lower()) if w not in STOP_WORDS}
        heads.append((head.strip(), set(_stemmer().stemWords(sorted(words)))))

    def shared(item: tuple[str, set[str]]) -> tuple[float, int, str]:
        head, stems = item
        score = sum(len(stems & other) for h, other in heads if h != head or other is not stems)
        return (-score / max(1, len(stems)) ** 0.5, len(head), head)

    return min(heads, key=shared)[0]


# -- outputs -------------------------------------------------------------------------------------


def events_json(result: Events) -> dict[str, Any]:
    """The stable JSON form (schema ``xlate-events/1``)."""

    def article(a: EventArticle) -> dict[str, Any]:
        return {
            "id": a.id,
            "path": a.path,
            "outlet": a.outlet,
            "language": a.language,
            "date": a.date,
            "title": a.title,
            "title_english": a.title_english,
            "untranslated": a.untranslated,
        }

    return {
        "schema": SCHEMA,
        "signature": {
            **result.signature,
            "threshold": round(result.threshold, 4),
            "null_threshold": round(result.null_threshold, 4),
            "settings": result.settings.to_dict(),
        },
        "events": [
            {
                "id": e.id,
                "label": e.label,
                "first": e.first,
                "last": e.last,
                "outlets": list(e.outlets),
                "languages": list(e.languages),
                "cohesion": e.cohesion,
                "articles": [article(a) for a in e.articles],
            }
            for e in result.events
        ],
        "unassigned": [article(a) for a in result.unassigned],
    }


def bundle_names(result: Events) -> dict[str, str]:
    """A folder name per event: its id and the first words of its label (``E1-japan-keeps``)."""
    names = {}
    for e in result.events:
        words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", e.label).lower())
        slug = "-".join(words[:6])[:48].strip("-")
        names[e.id] = f"{e.id}-{slug}" if slug else e.id
    return names


def write_bundles(result: Events, folder: Path) -> list[Path]:
    """One event bundle per event under ``folder`` (manifest, copies of the articles' files,
    the inputs' translation memories), ready for ``xlate compare``. Nothing is overwritten: an
    existing bundle folder is refused before anything is written."""
    from xlate.errors import InputError

    names = bundle_names(result)
    for name in names.values():
        if (folder / name).exists():
            raise InputError(
                folder / name, "already exists; choose another --compare-dir (nothing written)"
            )
    try:
        return _write_bundles(result, folder, names)
    except OSError as exc:
        where = exc.filename or folder
        raise InputError(where, f"cannot write the bundle: {exc.strerror or exc}") from None


def _write_bundles(result: Events, folder: Path, names: dict[str, str]) -> list[Path]:
    import json
    import shutil

    by_id = {d.id: d for d in result.documents}
    written = []
    for e in result.events:
        root = folder / names[e.id]
        (root / "articles").mkdir(parents=True)
        entries = []
        used: set[str] = set()
        for a in e.articles:
            doc = by_id[a.id]
            file = Path("articles") / _file_name(doc, used)
            if doc.shares_file:
                fields = {
                    "id": doc.id,
                    "title": doc.title,
                    "date": doc.date,
                    "url": doc.url,
                    "outlet": doc.outlet,
                    "language": doc.language,
                    "text": doc.text,
                }
                (root / file).write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
            else:
                shutil.copyfile(doc.path, root / file)
            entry = {
                "id": doc.id,
                "file": file.as_posix(),
                "outlet": doc.outlet or doc.id,
                "language": doc.language,
                "date": doc.date,
                "title": doc.title,
                "url": doc.url,
            }
            if doc.outlet_en:
                entry["outlet_en"] = doc.outlet_en
            if doc.encoding and not doc.shares_file:
                entry["encoding"] = doc.encoding
            entries.append({k: v for k, v in entry.items() if v})
        for k, memory in enumerate(result.memories, 1):
            shutil.copyfile(memory, root / f"memory-{k}.tmx")
        manifest = {"xlate_bundle": 1, "event": e.label, "articles": entries}
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        (root / "manifest.json").write_text(text, encoding="utf-8")
        written.append(root)
    return written


def _file_name(doc: Document, used: set[str]) -> str:
    """The article's id as a safe file name, with its file's suffix (``.json`` when it was one
    of several articles of its file), unique among ``used`` (which it joins)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc.id).strip(".")[:100]
    suffix = ".json" if doc.shares_file else Path(doc.path).suffix.lower()
    name, k = f"{safe or 'article'}{suffix}", 1
    while name.lower() in used:
        k += 1
        name = f"{safe or 'article'}-{k}{suffix}"
    used.add(name.lower())
    return name
