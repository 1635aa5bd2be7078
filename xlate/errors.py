"""The one exception tree of xlate.

Every error a user can cause derives from :class:`XlateError`, and its message says what to do.
The command line turns any ``XlateError`` into a one-line message and exit code 1.

    XlateError
    ├── InputError            a file or text we cannot read (names the file and the problem)
    │   ├── EncodingError     bytes that decode in no supported encoding
    │   └── FormatError       well-formed bytes of the wrong shape (JSON, TMX, manifest, HTML)
    ├── LimitError            more input than a limit allows (--max-articles, --max-sentences)
    ├── BundleError           a sample/event bundle whose manifest is missing or inconsistent
    ├── EngineError           a translation engine cannot do what was asked
    │   ├── NoModelError      no installed Argos model covers a language pair
    │   └── UntranslatedError sentences no engine could translate (lists them)
    ├── ModelPackageError     an .argosmodel archive that is unsafe or not an Argos package,
    │                         or a pair the package index does not offer
    ├── NetworkError          the Argos package index could not be reached
    ├── LanguageError         a language code or name xlate does not know
    ├── CacheError            the translation cache cannot be opened or written
    ├── ExecutorError         the executor cannot run the batch (no such executor, Ray down)
    └── DependencyError       a library xlate needs is missing or broken (reinstall)

Only subclasses are raised: ``XlateError`` itself is what callers catch.
"""

from __future__ import annotations

from pathlib import Path

from xlate.textsafe import clipped, plural


class XlateError(Exception):
    """Root of every error xlate raises on purpose."""


class InputError(XlateError):
    """An input file (or text) that cannot be used; the message names the file."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        from xlate.textsafe import shown_path

        self.path = None if path is None else shown_path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)

    def __reduce__(self) -> tuple[type[InputError], tuple[str | None, str]]:
        return (type(self), (self.path, self.problem))  # errors cross process boundaries


class EncodingError(InputError):
    """Bytes that decode in none of the supported encodings."""


class FormatError(InputError):
    """Decodable input whose structure is wrong (bad JSON shape, malformed TMX, ...)."""


class LimitError(XlateError):
    """More input than a limit allows; the message names the option that raises it."""


class BundleError(XlateError):
    """An event bundle whose manifest is missing, malformed or points at the wrong files."""


class EngineError(XlateError):
    """A translation engine cannot do what was asked."""


class NoModelError(EngineError):
    """No installed Argos package (directly or through a pivot) covers a language pair."""

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target
        super().__init__(no_model_message(source, target))

    def __reduce__(self) -> tuple[type[NoModelError], tuple[str, str]]:
        return (type(self), (self.source, self.target))


class UntranslatedError(EngineError):
    """Sentences that no engine in the chain could translate: what fails an article under
    ``strict`` (``xlate translate --strict``) instead of writing it ``partial``."""

    def __init__(self, sentences: list[str], hint: str, title: str = "") -> None:
        self.sentences = sentences  # the body's, counted as the summary counts them
        self.hint = hint
        self.title = title  # the title, when it too was left untranslated
        shown = "; ".join(
            repr(clipped(s, 60)) for s in [*([title] if title else []), *sentences][:3]
        )
        left = len(sentences) + bool(title) - 3
        more = f" and {left} more" if left > 0 else ""
        what = plural(len(sentences), "sentence") if sentences else ""
        what = " and ".join(w for w in (what, "the title" if title else "") if w)
        super().__init__(f"{what} not translated ({shown}{more}); {hint}")

    def __reduce__(self) -> tuple[type[UntranslatedError], tuple[list[str], str, str]]:
        return (type(self), (self.sentences, self.hint, self.title))


class ModelPackageError(XlateError):
    """An .argosmodel file that is unsafe to extract or is not an Argos package, or a language
    pair for which the package index offers none."""


# The Argos package index as a page to browse, with a download link per package, and the two
# steps for a machine without the network that every "no model" message quotes
# (xlate.engines.index has the JSON index and the rest).
PACKAGE_LIST = "https://www.argosopentech.com/argospm/index/"
OFFLINE_STEPS = (
    f"download the model's .argosmodel file from {PACKAGE_LIST} and run "
    "`xlate models install FILE.argosmodel`"
)


def no_model_message(source: str, target: str) -> str:
    """What to do when no model covers ``source``→``target``: the online command, and the two
    steps (where to download, how to install the file) for a machine that is offline."""
    return (
        f"no model installed for {source}→{target}; run `xlate models install {source} {target}` "
        f"(online), or {OFFLINE_STEPS} (offline)"
    )


class LanguageError(XlateError):
    """A language code or name that xlate (or the Argos index) does not know."""


class NetworkError(XlateError):
    """The Argos package index (or a package download) could not be reached."""


class CacheError(XlateError):
    """The translation cache database cannot be opened or written."""


class ExecutorError(XlateError):
    """The executor named cannot run the batch: unknown, or its cluster cannot be reached."""


class DependencyError(XlateError):
    """A library xlate needs cannot be imported: the installation is broken."""
