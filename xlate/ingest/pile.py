"""The pile: what the user names (files, folders, event bundles at any depth) walked once into
the files to read, the bundles' translation memories and events, and every file passed over
with the reason. translate, compare and events all start here, and name articles by one rule
(:func:`unique_ids`).

In a folder:

- a subfolder with a ``manifest.json`` is a bundle: its manifest's articles are read (with
  its metadata), its ``.tmx`` files are memories, and its manifest is never an article;
- ``NAME_files/`` beside ``NAME.html`` (a "Webpage, complete" save) is the page's resources;
- a file :func:`~xlate.ingest.paths.article_kind` does not take, a hidden file or folder, and
  a bundle's files its manifest does not list are passed over, each named with the reason;
- ``xlate translate``'s Markdown and text outputs (listed in the ``xlate-report.json`` beside
  them) are refused with a hint, never read as new articles.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from xlate.errors import BundleError, InputError
from xlate.ingest.bundle import MANIFEST, Bundle, ManifestEntry, is_bundle, load_manifest
from xlate.ingest.paths import (
    ARTICLE_SUFFIXES,
    article_kind,
    article_stem,
    article_suffix,
    check_regular,
    read_bounded,
)
from xlate.limits import MAX_MANIFEST_BYTES
from xlate.model import Article
from xlate.textsafe import shown_path

REPORT = "xlate-report.json"  # the report of an ``xlate translate`` batch, beside its outputs
RESOURCES = "_files"  # "Webpage, complete": NAME.html and its NAME_files/ folder
_PAGE_SUFFIXES = (".html", ".htm")
NO_SUCH_PATH = "no such file or folder"  # a path named that does not exist


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read, and its bundle manifest entry when it came from a bundle."""

    path: Path
    entry: ManifestEntry | None = None
    problem: str = ""  # why it cannot be read, found when the pile was walked
    id: str = ""  # the pile's id for the file's article (see :func:`with_pile_id`)


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A file (or folder) a walk did not read, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Pile:
    """The files of what the user named, each once, in the order named (a folder's in name
    order), with what the walk passed over."""

    files: tuple[InputFile, ...]
    memories: tuple[Path, ...] = ()
    roots: tuple[Path, ...] = ()  # folders and bundles, which no output folder may lie inside
    real_paths: frozenset[str] = frozenset()  # the files' real paths (never overwritten)
    passed_over: tuple[PassedOver, ...] = ()
    events: tuple[str, ...] = ()  # the ``event`` lines of the bundles found
    missing: tuple[str, ...] = ()  # paths named that do not exist
    empty: tuple[str, ...] = ()  # folders named in which no article file was found
    notes: tuple[str, ...] = ()  # bundles whose articles were named without the bundle

    def require_articles(self) -> None:
        """An :class:`InputError`, before anything is read or translated, when no path named
        holds an article: for the first that does not exist, or folder without any article
        file. Among others, such a path does not stop the rest: a file that does not exist
        fails when read, and a folder without articles is passed over, each said."""
        if any(os.path.lexists(f.path) for f in self.files):  # a path named twice is one file
            return
        if self.missing:
            raise InputError(self.missing[0], NO_SUCH_PATH)
        if self.empty:
            kinds = ", ".join(sorted(ARTICLE_SUFFIXES)) + ", or any of them gzip-compressed"
            inside = f"{shown_path(Path(self.empty[0]))}/"
            passed = [x for x in self.passed_over if x.path.startswith(inside) and x.path != inside]
            said = f"; {passed_over_line(passed)}" if passed else ""
            raise InputError(
                self.empty[0], f"no article files in this folder (looked for {kinds}){said}"
            )
        if not self.files and self.passed_over:  # every file named was passed over
            raise InputError(None, f"nothing to read: {passed_over_line(self.passed_over)}")


class _Walk:
    """What a walk has found so far (a :class:`Pile` once it is done)."""

    def __init__(self) -> None:
        self.files: list[InputFile] = []
        self.memories: list[Path] = []
        self.roots: list[Path] = []
        self.passed: list[PassedOver] = []
        self.events: list[str] = []
        self.missing: list[str] = []
        self.empty: list[str] = []
        self.notes: list[str] = []
        self.enclosing: dict[Path, Bundle | None] = {}  # bundles above the paths named
        self.listed: dict[Path, dict[str, str]] = {}  # translate outputs, by folder

    def pass_over(self, path: Path, reason: str, folder: bool = False) -> None:
        self.passed.append(PassedOver(shown_path(path) + ("/" if folder else ""), reason))

    def add_bundle(self, bundle: Bundle) -> list[InputFile]:
        """The bundle's articles (in its manifest's order), then its entries that could not be
        taken, each failing alone; its memories, event and root kept, and its files it does
        not list passed over."""
        self.memories += bundle.memories
        if bundle.event:
            self.events.append(bundle.event)
        self.roots.append(bundle.root.resolve())
        self._unlisted(bundle)
        failing = [InputFile(path, problem=problem) for path, problem in bundle.problems]
        return [InputFile(entry.file, entry) for entry in bundle.entries] + failing

    def named_file(self, path: Path) -> InputFile:
        """A file named directly, refused when it is ``xlate translate``'s Markdown or text
        output, listed in the batch report beside it (each folder's report read once)."""
        if path.suffix.lower() not in (".md", ".txt") or not (path.parent / REPORT).is_file():
            return InputFile(path)
        if path.parent not in self.listed:
            self.listed[path.parent] = _outputs_listed(path.parent)
        problem = self.listed[path.parent].get(path.name, "")
        return InputFile(path, problem=problem) if problem else InputFile(path)

    def adopt(self, start: int, folder: Path, named: Path) -> None:
        """The files found from ``start`` on (from ``named``, a file or folder) read as the
        articles of the bundle ``folder`` lies in, when it lies in one: the manifest's
        metadata and the bundle's memories are used as when the bundle is named (a file its
        manifest does not list is read as it is). With a broken manifest the files are read
        as they are, and a note says so. Each bundle is loaded and noted once."""
        root = enclosing_bundle(folder)
        if root is None:
            return
        if root not in self.enclosing:
            self.enclosing[root] = self._enclosing(root, named)
        bundle = self.enclosing[root]
        if bundle is None:
            return
        entries: dict[str, list[ManifestEntry]] = {}
        for entry in bundle.entries:
            entries.setdefault(str(entry.file), []).append(entry)
        adopted = []
        for item in self.files[start:]:
            listed = entries.get(os.path.realpath(item.path)) if not item.problem else None
            adopted += [InputFile(e.file, e) for e in listed] if listed else [item]
        self.files[start:] = adopted

    def _enclosing(self, root: Path, named: Path) -> Bundle | None:
        """The bundle at ``root``, which ``named`` lies in, its memories and event kept and a
        note made; None (and a note why) when its manifest cannot be read."""
        shown = shown_path(os.path.relpath(root) if root.is_relative_to(Path.cwd()) else root)
        try:
            bundle = load_manifest(root)
        except BundleError as exc:
            self.notes.append(
                f"{shown_path(named)} belongs to the bundle {shown}, whose manifest cannot be "
                f"read ({exc}): its memories are not used; run `xlate translate {shown}` "
                "once it is fixed, or pass --memory"
            )
            return None
        self.memories += bundle.memories
        if bundle.event:
            self.events.append(bundle.event)
        self.notes.append(
            f"{shown_path(named)} belongs to the bundle {shown}: read with its manifest and "
            "translation memories"
        )
        return bundle

    def _unlisted(self, bundle: Bundle) -> None:
        """The bundle's files that are neither its manifest, a memory nor an article it lists."""
        listed = {os.path.realpath(e.file) for e in bundle.entries}
        for top, folders, names in os.walk(bundle.root):
            folders.sort()
            for name in sorted(names):
                path = Path(top, name)
                if Path(top) == bundle.root and (name == MANIFEST or name.endswith(".tmx")):
                    continue
                if os.path.realpath(path) not in listed:
                    self.pass_over(path, f"not listed in {shown_path(bundle.root / MANIFEST)}")


def read_pile(paths: Sequence[str | Path]) -> Pile:
    """The pile of ``paths``: article files named directly, found in folders (at any depth),
    or listed by the manifests of bundles (named, or found in a folder).

    A bundle named whose manifest is broken raises :class:`BundleError`; one found in a folder
    fails as one file with its message, and the rest go on. A file found in a folder that cannot
    be read as one (a pipe, a device, a symbolic link loop or one leading outside the folder),
    and a subfolder that cannot be listed, are kept with their problem: each fails with its
    message, and the rest go on.
    """
    walk = _Walk()
    for raw in paths:
        path = Path(raw)
        if is_bundle(path):
            walk.files += walk.add_bundle(load_manifest(path))
        elif path.is_dir():
            before = len(walk.files)
            _walk_folder(path, walk)
            walk.roots.append(path.resolve())
            if len(walk.files) == before:
                walk.empty.append(str(raw))
                walk.pass_over(path, "no article files in it", folder=True)
            walk.adopt(before, path, path)
        else:
            # No root: an output folder may be beside the file, or be its folder (outputs
            # never take an input's name). A later run reads this file, not its folder.
            if os.path.lexists(path):  # a loop or a dangling link: the read says which
                walk.files.append(walk.named_file(path))
            else:  # said as when it is named alone
                walk.missing.append(str(raw))
                walk.files.append(InputFile(path, problem=NO_SUCH_PATH))
            walk.adopt(len(walk.files) - 1, path.parent, path)
    files, real = _once(walk.files)
    return Pile(
        _with_ids(files),
        tuple(dict.fromkeys(walk.memories)),
        tuple(walk.roots),
        real,
        tuple(walk.passed),
        tuple(dict.fromkeys(walk.events)),
        tuple(walk.missing),
        tuple(walk.empty),
        tuple(dict.fromkeys(walk.notes)),
    )


def _once(files: Sequence[InputFile]) -> tuple[tuple[InputFile, ...], frozenset[str]]:
    """Each article once: a file named twice, or named and found in a folder given too, is
    read once (a bundle may list one file under several ids: those are several articles).
    Also the files' real paths."""
    seen: set[tuple[str, ManifestEntry | None]] = set()
    kept = []
    for item in files:
        # a manifest's files are real paths already (load_manifest resolved them)
        real = str(item.entry.file) if item.entry else os.path.realpath(item.path)
        key = (real, item.entry)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return tuple(kept), frozenset(real for real, _ in seen)


def enclosing_bundle(folder: Path) -> Path | None:
    """The bundle ``folder`` (not itself one) lies in: the nearest folder above it, or it,
    with a manifest; None when there is none."""
    here = Path(os.path.abspath(folder))
    for above in (here, *here.parents):
        if is_bundle(above):
            return above
    return None


def own_id(item: InputFile) -> str:
    """The id a file gives its article by itself: its manifest entry's, else its name's stem
    (as :mod:`xlate.ingest.formats` names an article)."""
    return item.entry.id if item.entry else shown_path(article_stem(item.path))


def _with_ids(files: Sequence[InputFile]) -> tuple[InputFile, ...]:
    """``files`` with the pile's id for each: its own, made unique by :func:`unique_ids`."""
    ids = unique_ids([(str(item.path), own_id(item)) for item in files])
    return tuple(replace(item, id=id_) for item, id_ in zip(files, ids, strict=True))


def with_pile_id(item: InputFile, articles: Sequence[Article]) -> list[Article]:
    """``articles`` read from ``item`` named by the pile's id for it where they are named
    after the file (``index`` becomes ``site-a/index``, the second article of a file
    ``site-a/index-2``): every command gives a pile's articles the same ids."""
    own = own_id(item)
    if not item.id or item.id == own:
        return list(articles)
    return [
        replace(a, id=item.id + a.id[len(own) :])
        if a.id == own or a.id.startswith(f"{own}-")
        else a
        for a in articles
    ]


def _walk_folder(folder: Path, walk: _Walk) -> None:
    """The article files and bundles under ``folder``, in name order, each checked; the rest
    passed over with the reason. Links to folders are not followed (a link loop is listed as
    a file, and refused)."""

    def unreadable(exc: OSError) -> None:
        if exc.filename is not None:
            where = Path(os.fsdecode(exc.filename))
            problem = f"cannot read the folder: {exc.strerror}"
            found.append((where, [InputFile(where, problem=problem)]))

    found: list[tuple[Path, list[InputFile]]] = []  # a file, or a bundle's files, by path
    for top, folders, names in os.walk(folder, onerror=unreadable):
        kept = []
        for name in sorted(folders):
            reason = _folder_passed(Path(top), name, names)
            if reason:
                walk.pass_over(Path(top, name), reason, folder=True)
            elif is_bundle(Path(top, name)):
                found.append((Path(top, name), _found_bundle(Path(top, name), walk)))
            else:
                kept.append(name)
        folders[:] = kept
        outputs = _outputs_listed(Path(top)) if REPORT in names else {}
        for name in sorted(names):
            item = _found_file(Path(top, name), folder, outputs, walk)
            if item is not None:
                found.append((item.path, [item]))
    walk.files += [item for _, items in sorted(found, key=lambda x: x[0]) for item in items]


def _folder_passed(top: Path, name: str, names: Sequence[str]) -> str:
    """Why the subfolder ``name`` of ``top`` is passed over ("" when it is walked)."""
    if name.startswith("."):
        return "hidden"
    if os.path.islink(os.path.join(top, name)):  # a loop, or a folder read twice or elsewhere
        return "a link to a folder, not followed (name the folder itself to read it)"
    if name.endswith(RESOURCES):
        page = name.removesuffix(RESOURCES)
        for suffix in _PAGE_SUFFIXES:
            if page + suffix in names:
                return f"resources of {page}{suffix}"
    return ""


def _found_bundle(root: Path, walk: _Walk) -> list[InputFile]:
    """A bundle found in a folder: its articles, or its manifest as a file that fails with
    what is wrong with it (the rest of the pile goes on)."""
    try:
        bundle = load_manifest(root)
    except BundleError as exc:
        walk.roots.append(root.resolve())
        message = str(exc)
        name = shown_path(root / MANIFEST)
        problem = message.removeprefix(f"{name}: ") if message.startswith(name) else message
        return [InputFile(root / MANIFEST, problem=f"bundle not read: {problem}")]
    return walk.add_bundle(bundle)


def _found_file(path: Path, folder: Path, outputs: dict[str, str], walk: _Walk) -> InputFile | None:
    """The file ``path`` found in ``folder`` to read (with its problem if it has one), or
    None when it is passed over (said in ``walk``)."""
    name = path.name
    if name.startswith("."):
        walk.pass_over(path, "hidden")
        return None
    if name.startswith("~$"):  # Word's owner file beside an open document: no document
        walk.pass_over(path, "an Office lock file")
        return None
    if article_kind(path) is None:
        suffix = article_suffix(path)
        walk.pass_over(path, f"{suffix} unsupported" if suffix else "no extension, unsupported")
        return None
    if name in outputs:
        return InputFile(path, problem=outputs[name])
    try:
        check_regular(path, folder)
    except InputError as exc:
        return InputFile(path, problem=exc.problem)
    return InputFile(path)


def _outputs_listed(folder: Path) -> dict[str, str]:
    """The Markdown and text outputs the ``xlate translate`` report in ``folder`` lists, by
    file name, each with the hint that refuses it."""
    try:
        data = json.loads(read_bounded(folder / REPORT, MAX_MANIFEST_BYTES, kind="a report"))
        rows = (
            [*data["files"], *data.get("kept", [])]
            if isinstance(data, dict) and "xlate" in data
            else []
        )
        names = {Path(str(row["output"])).name for row in rows if row.get("output")}
    except (InputError, ValueError, RecursionError, TypeError, KeyError, AttributeError):
        return {}  # not a report of ours: its neighbours are read as they are
    hint = {
        ".md": "an `xlate translate` output in Markdown, not an article",
        ".txt": "an `xlate translate` output in text, not an article",
    }
    return {
        name: f"{hint[suffix]}: give the articles, or their translations in JSON "
        "(`xlate translate --format json`)"
        for name in names
        if (suffix := Path(name).suffix.lower()) in hint
    }


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An input a comparison, a history or an events listing could not use (unreadable, or
    nothing of it translated)."""

    file: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason}


def left_out(errors: Sequence[Exception]) -> tuple[LeftOut, ...]:
    """The inputs ``errors`` kept out (each reported as an :class:`InputError` naming its
    file), sorted by file."""
    found = [LeftOut(e.path or "", e.problem) for e in errors if isinstance(e, InputError)]
    return tuple(sorted(found, key=lambda x: (x.file, x.reason)))


def unread_lines(left: Sequence[LeftOut], passed: Sequence[PassedOver]) -> list[str]:
    """One line per input left out (with the reason) and per file a walk of the inputs
    passed over: what a comparison or an events listing does not cover."""
    lines = [f"left out: {x.file}: {x.reason}" for x in left]
    return lines + [f"passed over: {x.path} ({x.reason})" for x in passed]


def passed_over_line(passed: Sequence[PassedOver]) -> str:
    """One line counting and naming what a walk passed over ("" for nothing): ``passed over 4:
    2 .pdf unsupported, page_files/ (resources of page.html), notes.xyz unsupported``. Files
    passed over for the same reason are counted together when there are several."""
    if not passed:
        return ""
    reasons: dict[str, list[str]] = {}
    for item in passed:
        reasons.setdefault(item.reason, []).append(item.path)
    parts = []
    for reason, where in reasons.items():
        if len(where) > 1:
            parts.append(f"{len(where)} {reason}")
        elif reason.endswith(" unsupported"):
            parts.append(f"{Path(where[0]).name} unsupported")
        else:
            folder = "/" if where[0].endswith("/") else ""
            parts.append(f"{Path(where[0]).name}{folder} ({reason})")
    return f"passed over {len(passed)}: {', '.join(parts)}"


def unique_ids(items: Sequence[tuple[str, str]]) -> list[str]:
    """Article ids made unique across a pile, the one rule of every command: an id that
    (path, id) pairs share is prefixed with as many of each file's folders as tell them apart
    (``a/article``, ``b/article``; two bundles with the same ids become ``bundle1/articles/x``
    and ``bundle2/articles/x``); the same file twice is numbered (``d/x``, ``d/x#2``). A name
    made is never one another article has already (an id may hold a ``/``): it is numbered."""
    groups: dict[str, list[int]] = {}
    for n, (_, id_) in enumerate(items):
        groups.setdefault(id_, []).append(n)
    ids = [id_ for _, id_ in items]
    for id_, members in groups.items():
        if len(members) < 2:
            continue
        folders = [Path(items[n][0]).parent.parts for n in members]
        folders = [f[1:] if f and f[0] == Path(f[0]).anchor else f for f in folders]
        deepest = max(len(f) for f in folders)
        named = next(
            (c for k in range(1, deepest + 1) if len(set(c := _named(folders, id_, k))) == len(c)),
            _named(folders, id_, 1),  # the same file twice: numbered below
        )
        paths = [items[n][0] for n in members]
        named = [  # two files of one folder and one stem (feed.rss, feed.atom): by their names
            _by_file_name(name, path, id_)
            if len({p for p, m in zip(paths, named, strict=True) if m == name}) > 1
            else name
            for name, path in zip(named, paths, strict=True)
        ]
        seen: dict[str, int] = {}
        for n, name in zip(members, named, strict=True):
            seen[name] = seen.get(name, 0) + 1
            ids[n] = name if seen[name] == 1 else f"{name}#{seen[name]}"
    return _numbered(ids, [id_ for _, id_ in items])


def _numbered(ids: list[str], given: list[str]) -> list[str]:
    """``ids`` with each made name that another article's id already holds numbered."""
    taken = set(given)
    used: set[str] = set()
    for n, (made, original) in enumerate(zip(ids, given, strict=True)):
        new, count = made, 1
        while new in used or (new != original and new in taken):
            count += 1
            new = f"{made}#{count}"
        ids[n] = new
        used.add(new)
    return ids


def _by_file_name(name: str, path: str, id_: str) -> str:
    """``name`` with the id's file stem written as the whole file name ("feed-1" of
    feed.rss: "feed.rss-1"), when the id begins with the stem (else as it is)."""
    stem, whole = article_stem(Path(path)), Path(path).name
    if not id_.startswith(stem) or whole == stem:
        return name
    return name[: len(name) - len(id_)] + whole + id_[len(stem) :]


def _named(folders: Sequence[tuple[str, ...]], id_: str, depth: int) -> list[str]:
    """``id_`` under the last ``depth`` folders of each file."""
    return ["/".join((*f[max(len(f) - depth, 0) :], id_)) for f in folders]
