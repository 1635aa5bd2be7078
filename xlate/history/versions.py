"""Saved versions of articles, grouped into articles and put in order, and each article's
edit history: what changed from each version to the next (:mod:`xlate.history.changes`),
whether an update notice said so, and what about the versions looks wrong.

Versions are one article when they share a URL, else an id (``v1/article.html`` and
``v2/article.html`` are both ``article``). Their order is their modification time, else
their publication time (:func:`xlate.compare.timeline.published`: a time, a day, or the
file's saved time), ties broken by the file's saved time, then the input order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from xlate.compare.prepare import Outlet
from xlate.compare.timeline import Published, parse_time, published
from xlate.history.changes import Change, Edit, diff_versions
from xlate.model import frozen, thawed

SCHEMA = "xlate-history/1"

# The article's fields (its ``extra``: a page's meta, a feed, a JSON scraper) holding when it
# was last modified, first found wins.
MODIFIED_FIELDS = ("modified", "modified_time", "dateModified", "updated")

# Words an outlet uses to tell readers an article was updated or corrected.
NOTICE = re.compile(
    r"\b(?:updated?|correction|corrected|editor'?s note)\b"
    r"|обновлен|исправлен|уточнени|更新|訂正|追記",
    re.IGNORECASE,
)

Notice = Literal["notice", "silent", ""]


@dataclass(frozen=True, slots=True)
class Version:
    outlet: Outlet  # the version as compare reads an article (translated, sentences in English)
    published: Published | None
    modified: Published | None
    notices: int  # update or correction notices in its text and headline


@dataclass(frozen=True, slots=True)
class Step:
    """One edit and whether the later version told readers (``notice``), or not
    (``silent``); "" when nothing changed."""

    edit: Edit
    notice: Notice


@dataclass(frozen=True)
class ArticleHistory:
    key: str  # the URL, else the id shared by the versions
    versions: tuple[Version, ...]
    steps: tuple[Step, ...]
    notes: tuple[str, ...]  # what looks wrong: times, languages, different articles


@dataclass(frozen=True)
class History:
    articles: tuple[ArticleHistory, ...]
    signature: Mapping[str, Any]
    left_out: tuple[tuple[str, str], ...] = ()  # (file, reason)

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature", frozen(self.signature))


def modified(outlet: Outlet) -> Published | None:
    for name in MODIFIED_FIELDS:
        value = outlet.extra.get(name)
        if isinstance(value, str) and (found := parse_time(value)):
            return Published(found[0], found[1], name)
    return None


def _saved(outlet: Outlet) -> float:
    """When the version's file was saved: a translate output's input's (its ``file_saved``),
    else the file's own time."""
    recorded = outlet.extra.get("file_saved")
    if isinstance(recorded, str) and (found := parse_time(recorded)):
        return found[0].timestamp()
    try:
        return os.stat(outlet.path).st_mtime if outlet.path else 0.0
    except OSError:
        return 0.0


def article_key(outlet: Outlet) -> str:
    """What versions of one article share: the URL, else the id without the folders and the
    ``#2`` that told copies apart."""
    if outlet.url.strip():
        return outlet.url.strip()
    return outlet.id.rsplit("/", 1)[-1].split("#", 1)[0]


def version(outlet: Outlet) -> Version:
    text = " ".join([outlet.title, *(s.source for s in outlet.sentences)])
    return Version(outlet, published(outlet), modified(outlet), len(NOTICE.findall(text)))


def _when(v: Version) -> datetime | None:
    found = v.modified or v.published
    return found.when if found is not None else None


def ordered(versions: Sequence[Version]) -> list[Version]:
    """Oldest first: modification or publication time, then saved time, then input order
    (versions without a time after those with one)."""
    indexed = list(enumerate(versions))
    indexed.sort(
        key=lambda t: (
            _when(t[1]) is None,
            _when(t[1]) or datetime.min,
            _saved(t[1].outlet),
            t[0],
        )
    )
    return [v for _, v in indexed]


def _notes(versions: Sequence[Version], steps: Sequence[Step]) -> list[str]:
    notes = []
    for v in versions:
        if (
            v.modified
            and v.published
            and v.modified.precision != "date"
            and v.modified.when < v.published.when
        ):
            notes.append(
                f"{v.outlet.id}: modified {v.modified.shown()} before it was published "
                f"{v.published.shown()}; ordered by the modification time as given"
            )
    if all(_when(v) is None for v in versions):
        notes.append("no version has a date or time: ordered as the files were given")
    languages = sorted({v.outlet.language for v in versions if v.outlet.language})
    if len(languages) > 1:
        notes.append(
            f"versions in {len(languages)} languages ({', '.join(languages)}): compared in English"
        )
    for step in steps:
        if not step.edit.same_article:
            notes.append(
                f"{step.edit.before} and {step.edit.after} share too little to be versions of "
                "one article: their differences are not listed"
            )
    return notes


def _notice(before: Version, after: Version, edit: Edit) -> Notice:
    if edit.unchanged or not edit.same_article:
        return ""
    newer = (
        after.modified is not None
        and (before.modified or before.published) is not None
        and after.modified.when > (before.modified or before.published).when  # type: ignore[union-attr]
    )
    return "notice" if newer or after.notices > before.notices else "silent"


def article_history(key: str, outlets: Sequence[Outlet], note: str = "") -> ArticleHistory:
    versions = ordered([version(o) for o in outlets])
    steps = []
    previous: Version | None = None
    for v in versions:
        if previous is not None:
            edit = diff_versions(previous.outlet, v.outlet)
            steps.append(Step(edit, _notice(previous, v, edit)))
        previous = v
    notes = ([note] if note else []) + _notes(versions, steps)
    return ArticleHistory(key, tuple(versions), tuple(steps), tuple(notes))


def build_history(
    outlets: Sequence[Outlet],
    signature: dict[str, Any],
    left_out: Sequence[tuple[str, str]] = (),
    *,
    named: bool = False,
) -> History:
    """Each article's history, articles by key; input order never matters (ties aside).

    ``named``: the outlets are files the user named one by one ("history monday.txt
    tuesday.txt"); when each file gave one article, no two of them share a key and no two
    give different URLs, they are read as the versions of one article, and its notes say
    so (a feed's or a JSON list's articles are never glued together so)."""
    groups: dict[str, list[Outlet]] = {}
    for o in sorted(outlets, key=lambda o: o.id):
        groups.setdefault(article_key(o), []).append(o)
    urls = {o.url.strip() for o in outlets} - {""}
    one_each = len({o.path for o in outlets}) == len(outlets)  # no feed's, no list's
    alone = len(groups) > 1 and all(len(g) == 1 for g in groups.values())
    if named and one_each and alone and len(urls) < 2:
        together = [o for k in sorted(groups) for o in groups[k]]
        note = (
            f"the {len(together)} files named are read as versions of one article: their "
            "names differ, and no two give different URLs"
        )
        key = next(iter(urls), article_key(together[0]))
        return History((article_history(key, together, note),), signature, tuple(left_out))
    articles = tuple(article_history(k, groups[k]) for k in sorted(groups))
    return History(articles, signature, tuple(left_out))


# -- JSON ----------------------------------------------------------------------------------------


def _change_json(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "what": list(c.what),
        "before": c.before,
        "after": c.after,
        "before_index": c.before_index,
        "after_index": c.after_index,
        "moved": c.moved or c.kind == "moved",
        "diff": [[op.tag, op.before, op.after] for op in c.diff],
    }


def history_json(history: History) -> dict[str, Any]:
    """The stable JSON form of a history (schema ``xlate-history/1``)."""
    return {
        "schema": SCHEMA,
        "signature": thawed(history.signature),
        "left_out": [{"file": f, "reason": r} for f, r in history.left_out],
        "articles": [
            {
                "key": a.key,
                "notes": list(a.notes),
                "versions": [
                    {
                        "id": v.outlet.id,
                        "path": v.outlet.path,
                        "language": v.outlet.language,
                        "title": v.outlet.title,
                        "published": v.published.to_json() if v.published else None,
                        "modified": v.modified.to_json() if v.modified else None,
                        "sentences": len(v.outlet.sentences),
                    }
                    for v in a.versions
                ],
                "edits": [
                    {
                        "before": s.edit.before,
                        "after": s.edit.after,
                        "same_article": s.edit.same_article,
                        "unchanged": s.edit.unchanged,
                        "notice": s.notice,
                        "headline": _change_json(s.edit.headline) if s.edit.headline else None,
                        "changes": [_change_json(c) for c in s.edit.changes],
                    }
                    for s in a.steps
                ],
            }
            for a in history.articles
        ],
    }
