"""Output names: one per article, never two articles to one file nor an output over an
input, and an output already finished (by this article) skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xlate.errors import InputError
from xlate.ingest.pile import InputFile, Pile
from xlate.model import Article
from xlate.textsafe import shown_path
from xlate.translate.core import Analysis
from xlate.translate.outputs import PARSE_LIMIT, output_state
from xlate.translate.results import FileResult, Progress, TranslateOptions, changed_settings


def check_output_folder(out_dir: Path, inputs: Pile, option: str = "--out") -> None:
    """Refuse an output folder that is an input folder (or bundle) or lies inside one: a later
    run on that folder would read the outputs as articles. A folder of input files given by
    name is fine: no output takes an input's name (:func:`output_path`). ``option``: the
    option that named the folder, for the message."""
    out = Path(os.path.realpath(out_dir))  # never raises, even for a link loop
    for root in inputs.roots:
        if out == root or out.is_relative_to(root):
            raise InputError(
                out_dir,
                f"output folder is inside the input folder {shown_path(root)}; choose another "
                f"{option} (xlate never writes into its inputs)",
            )


def check_output_file(out_file: Path, inputs: Pile) -> None:
    """Refuse an output file (a listing, a report) inside an input folder or bundle: a later
    run on that folder would read it as an article."""
    out = Path(os.path.realpath(out_file))
    for root in inputs.roots:
        if out.is_relative_to(root):
            raise InputError(
                out_file,
                f"is inside the input folder {shown_path(root)}, where a later run would read "
                "it as an article; choose another --out (xlate never writes into its inputs)",
            )


_MAX_STEM_BYTES = 120  # file names have 255 bytes; the temporary name adds to the output's


def output_name(article: Article, target: str, out_format: str) -> str:
    """``<id>.<target>.<format>``, the id made safe as a file name (a long id is shortened and
    given a hash of the whole, so that two long ids stay two names)."""
    safe = (
        "".join(c if c.isalnum() or c in "-_." else "_" for c in article.id).strip(".") or "article"
    )
    if len(safe.encode()) > _MAX_STEM_BYTES:
        digest = hashlib.sha256(article.id.encode()).hexdigest()[:12]
        cut = safe.encode()[: _MAX_STEM_BYTES - 13].decode(errors="ignore")
        safe = f"{cut}-{digest}"
    return f"{safe}.{target}.{out_format}"


def plan_outputs(
    loaded: Sequence[tuple[str, Article, Analysis]],
    out_dir: Path,
    options: TranslateOptions,
    used_names: OutputNames,
    results: list[FileResult],
    notify: Progress,
) -> list[tuple[str, Article, Path, Analysis]]:
    pending = []
    for source, article, analysis in loaded:
        path = output_path(article, source, out_dir, options, used_names)
        if already_finished(path, options, source, article, used_names):
            results.append(skipped_result(source, article, path))
            notify("file", {"status": "skipped", "file": source, "article": article.id})
            continue
        pending.append((source, article, path, analysis))
    return pending


@dataclass(slots=True)
class OutputNames:
    """The output names taken in a batch, and whose article each output held in the last run
    (from its report), so that a name given to another article this time is not skipped."""

    taken: set[str] = field(default_factory=set)
    earlier: dict[str, tuple[str, str]] = field(default_factory=dict)  # name: (file, article)
    inputs: set[str] = field(default_factory=set)  # real paths of the input files: never written
    partial: set[str] = field(default_factory=set)  # outputs the last run left partial: redone
    failed: set[tuple[str, str]] = field(default_factory=set)  # (real path, article): redone
    settings: dict[str, Any] | None = None  # what the last run made its outputs with
    # the report's rows of the outputs it knows (this run's and those it kept from earlier
    # runs), which the next report keeps where this run leaves them as they are
    rows: list[dict[str, Any]] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # settings outputs were made again for
    _held: dict[tuple[str, str], str] | None = None  # (real path, article): earlier name

    @classmethod
    def after(cls, report: Path) -> OutputNames:
        """The names of the run whose report is ``report`` (none if it is missing or bad)."""
        names = cls()
        try:
            if report.stat().st_size > _REPORT_READ_LIMIT:
                return names
            data = json.loads(report.read_text(encoding="utf-8"))
            names.settings = (
                data.get("settings") if isinstance(data.get("settings"), dict) else None
            )
            # "kept": outputs of earlier runs the last one left alone (another folder's
            # articles translated into the same output folder), so that they stay known
            files = [*data.get("files", []), *data.get("kept", [])]
            for row in files:
                # the real path: "file" is as the last run was given it, from its folder
                source = row.get("real_path") or row["file"]
                if row.get("status") == "failed" and row.get("article"):
                    names.failed.add((os.path.realpath(source), row["article"]))
                if row.get("output"):
                    names.earlier[Path(row["output"]).name] = (source, row["article"])
                    names.rows.append(row)
                    if row.get("status") == "partial":
                        names.partial.add(Path(row["output"]).name)
        except (OSError, ValueError, RecursionError, AttributeError, KeyError, TypeError):
            pass  # no usable report: outputs are checked by their own header (JSON)
        return names

    def held_by(self, source: str, article: str) -> str | None:
        """The output name the last run gave ``article`` of the file ``source`` (as its
        report says), or None."""
        if not self.earlier:
            return None
        if self._held is None:
            self._held = {
                (os.path.realpath(file), id_): name for name, (file, id_) in self.earlier.items()
            }
        return self._held.get((os.path.realpath(source), article))

    def kept_ids(self, files: Sequence[InputFile]) -> list[InputFile]:
        """``files`` with the id each one's article was written under in the last run, where
        the pile now names it otherwise (a file of the same name was added beside it or in
        another folder, or removed): its output is then still its own, and skipped. Only for
        a file of one article. A file new to the batch whose id an earlier file takes back
        is numbered anew (``x/story#3``), so that adding a file renames no other's output."""
        earlier: dict[str, set[str]] = {}
        for source, article in self.earlier.values():
            earlier.setdefault(os.path.realpath(source), set()).add(article)
        claims: dict[str, int] = {}  # an id of the last run: the file that holds it back
        for n, item in enumerate(files):
            held = earlier.get(os.path.realpath(item.path), set())
            if len(held) == 1 and item.id:
                claims.setdefault(next(iter(held)), n)
        owned = {n: old for old, n in claims.items()}
        final = [owned.get(n, item.id) for n, item in enumerate(files)]
        used = set(owned.values())
        for n in range(len(files)):
            if n in owned:
                continue
            if final[n] in used:  # another file's id in the last run: numbered anew
                base, count = final[n].split("#")[0], 2
                while f"{base}#{count}" in used or f"{base}#{count}" in claims:
                    count += 1
                final[n] = f"{base}#{count}"
            used.add(final[n])
        return [
            item if item.id == new else replace(item, id=new)
            for item, new in zip(files, final, strict=True)
        ]


_REPORT_READ_LIMIT = 256 * 1024 * 1024


def output_path(
    article: Article,
    source: str,
    out_dir: Path,
    options: TranslateOptions,
    used_names: OutputNames,
) -> Path:
    """Where ``article``'s output goes: its name or, if another article of this batch took
    it or held it in the last run, its name with a hash of its file and id. Names are thus
    the same in every run, whatever files are added and in whatever order they come."""
    earlier = used_names.held_by(source, article.id)  # the last run's name for it
    if earlier is not None and earlier not in used_names.taken:
        used_names.taken.add(earlier)
        return out_dir / earlier
    name = output_name(article, options.target, options.out_format)
    stem, rest = name.split(".", 1)
    if name in used_names.taken or not _holds(out_dir / name, source, article, used_names):
        # the file's real path: the same name from whatever folder the batch is run (a review)
        real = os.path.realpath(source)
        digest = hashlib.sha256(f"{real}\0{article.id}".encode()).hexdigest()[:8]
        name = f"{stem}-{digest}.{rest}"
        n = 2
        while name in used_names.taken or not _holds(out_dir / name, source, article, used_names):
            name = f"{stem}-{digest}-{n}.{rest}"
            n += 1
    used_names.taken.add(name)
    return out_dir / name


def _is_input(path: Path, used_names: OutputNames) -> bool:
    if not used_names.inputs or not os.path.lexists(path):
        return False  # nothing there (a new output's usual case): no input either
    return os.path.realpath(path) in used_names.inputs


def _holds(path: Path, source: str, article: Article, used_names: OutputNames) -> bool:
    """Whether the output at ``path`` is ``article``'s, or nobody's: never an input file;
    the last run's report says whose it was (its rows and those it kept from earlier runs);
    without one, a JSON output says so itself, and a file that says nothing of it is no
    output of xlate's (a user's own ``story.en.json`` or ``story.en.md`` beside the
    articles): it is kept, and the output takes another name."""
    if _is_input(path, used_names):
        return False
    earlier = used_names.earlier.get(path.name)
    if earlier is not None:
        return _same_file(earlier[0], source) and earlier[1] == article.id
    if path.suffix == ".json" and path.is_file():
        held = _held_article(path)
        if held is None:
            return False
        return _same_file(str(held.get("path", "")), article.path) and held.get("id") == article.id
    # a text or Markdown output says nothing of itself: a file there that no report lists is
    # somebody's own (a user's story.en.md), kept, and the output takes another name
    return not os.path.lexists(path)


def already_finished(
    path: Path,
    options: TranslateOptions,
    source: str = "",
    article: Article | None = None,
    used_names: OutputNames | None = None,
) -> bool:
    """Whether a complete output from an earlier run is there to keep (without ``force``):
    it must hold this article, not another that had its name in that run, and have every
    sentence translated (a partial one is done again: a model may have been installed since,
    and a batch that leaves sentences untranslated never ends as if it had not), and be
    newer than its input (an input edited since is translated again)."""
    if options.force or not path.exists() or _edited_since(source, path):
        return False
    if options.settings is not None and used_names is not None:
        # made with other settings (another glossary, engine, checks): each JSON output says
        # what it was made with; a text or Markdown one, the last report
        made: Mapping[str, Any] | None = (
            _held_settings(path) if options.out_format == "json" else used_names.settings
        )
        if made is None and options.out_format != "json":
            made = options.settings  # no report says: kept, as before settings were kept
        changed = changed_settings(made, options.settings)
        if changed:
            used_names.changed.update(changed)
            return False
    if (
        used_names is not None
        and article is not None
        and (os.path.realpath(source), article.id) in used_names.failed
    ):
        return False  # the last run failed it (--strict-glossary): an earlier output is stale
    state = output_state(path, options.out_format)  # the output says if partial
    if state != "complete":
        return False
    if used_names is not None and path.name in used_names.partial:
        return False  # the last run's report says so (a text output marks no status)
    return article is None or _holds(path, source, article, used_names or OutputNames())


def _edited_since(source: str, output: Path) -> bool:
    """Whether the input ``source`` was changed after ``output`` was written (False when
    either cannot be read: the other checks decide)."""
    try:
        return os.stat(source).st_mtime > os.stat(output).st_mtime
    except (OSError, ValueError):
        return False


def _same_file(earlier: str, now: str) -> bool:
    """Whether two names of an input are one file (spelt alike, or leading to one file)."""
    return earlier == now or os.path.realpath(earlier) == os.path.realpath(now)


def _held_settings(path: Path) -> dict[str, Any] | None:
    """The ``settings`` field of a JSON output, on the line after its ``article``; ``None``
    if it is not there (an output of an earlier xlate)."""
    return _header_field(path, "settings", 3)


def _held_article(path: Path) -> dict[str, Any] | None:
    """The ``article`` field of a JSON output; ``None`` if it is not there."""
    return _header_field(path, "article", 2)


def _header_field(path: Path, key: str, line: int) -> dict[str, Any] | None:
    """The object ``key`` of a JSON output, read from its header's ``line`` (from 1 after
    the opening brace: "xlate", "article", "settings", as xlate writes them) without
    reading the sentences; from the whole file when it is laid out otherwise (an output a
    user edited and saved again with other indentation); ``None`` if it is not there."""
    try:
        with path.open(encoding="utf-8") as handle:
            for _ in range(line + 1):
                text = handle.readline(1024 * 1024)
        name, value = text.strip().removesuffix(",").split(": ", 1)
        held = json.loads(value) if name == f'"{key}"' else None
    except (OSError, ValueError, RecursionError):
        held = None
    if held is None:
        held = _parsed_field(path, key)
    return held if isinstance(held, dict) else None


def _parsed_field(path: Path, key: str) -> Any:
    """The field ``key`` of a JSON file parsed whole (up to the size outputs are parsed at),
    or ``None``."""
    try:
        if path.stat().st_size > PARSE_LIMIT:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data.get(key) if isinstance(data, dict) else None


def skipped_result(source: str, article: Article, path: Path) -> FileResult:
    return FileResult(source, "skipped", article.id, str(path), error="already translated")
