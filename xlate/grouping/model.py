"""What ``xlate events`` finds: settings, documents, events (frozen values)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlate.ingest.pile import PassedOver

if TYPE_CHECKING:
    from xlate.ingest.pile import LeftOut
from xlate.model import FrozenDict, frozen

SCHEMA = "xlate-events/1"


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
    signature: Mapping[str, Any] = field(default_factory=FrozenDict)
    documents: tuple[Document, ...] = field(default=(), repr=False, compare=False)
    memories: tuple[Path, ...] = ()  # the inputs' translation memories, for bundles
    passed_over: tuple[PassedOver, ...] = ()  # files the walk of the inputs did not read
    left_out: tuple[LeftOut, ...] = ()  # inputs that failed, each with the reason

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature", frozen(self.signature))

    @property
    def articles(self) -> int:
        return sum(len(e.articles) for e in self.events) + len(self.unassigned)
