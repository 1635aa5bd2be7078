"""The Argos Translate engine, driven directly through each package's parts.

``argostranslate.translate`` imports stanza and torch (about 5 s) and, offline, its
``translate()`` fails for packages without a bundled sentence splitter. xlate segments
sentences itself, so this engine uses what ``argostranslate.package`` finds and installs:
the package's tokenizer (``pkg.tokenizer``), its CTranslate2 model
(``ctranslate2.Translator(pkg.package_path / "model")``) and its ``target_prefix``, with
argostranslate's own decoding options. Sentences of many articles go to CTranslate2 in one
``translate_batch`` call.

Settings follow argostranslate's (``ARGOS_DEVICE_TYPE``, ``ARGOS_INTER_THREADS``,
``ARGOS_INTRA_THREADS``, ``ARGOS_BATCH_SIZE``, ``ARGOS_COMPUTE_TYPE``, ``ARGOS_BEAM_SIZE``,
``ARGOS_PACKAGES_DIR``); the options of :class:`ArgosOptions` override them. Threads and batch
size are the exception when neither sets them: argostranslate's defaults (one translator using
every core, batches of 32) lose to :func:`default_threads`, chosen by
``benchmarks/argos_threads_bench.py``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlate.errors import EngineError, NoModelError
from xlate.limits import ARGOS_BATCH_SIZE, MAX_DECODING_LENGTH, MAX_SENTENCE_CHARS
from xlate.model import Translation

PIVOT = "en"


@dataclass(frozen=True, slots=True)
class ArgosOptions:
    """CTranslate2 decoding and threading; ``None`` means argostranslate's setting."""

    beam_size: int | None = None
    batch_size: int | None = None
    intra_threads: int | None = None
    inter_threads: int | None = None
    device: str | None = None
    compute_type: str | None = None
    max_decoding_length: int = MAX_DECODING_LENGTH
    packages_dir: Path | None = None
    max_sentence_chars: int = MAX_SENTENCE_CHARS  # longer input is split, never truncated


@dataclass(frozen=True, slots=True)
class ThreadPlan:
    """How CTranslate2 spreads one ``translate_batch`` call over the cores."""

    inter_threads: int  # sub-batches translated at once
    intra_threads: int  # threads inside each of them (0: CTranslate2 decides)
    batch_size: int  # sentences per sub-batch, at most

    def sub_batch(self, sentences: int) -> int:
        """The sub-batch size for one call of ``sentences``: ``batch_size``, or less, so that
        every translator gets a share when the call holds fewer than they could take at once
        (an article of 12 sentences in one sub-batch of 32 would leave the other cores idle).
        CTranslate2 sorts the sentences by length before it cuts them into sub-batches, so
        the shorter sub-batches pad no more than the longer ones."""
        share = -(-sentences // max(1, self.inter_threads))  # ceiling division
        return max(1, min(self.batch_size, share))


def default_threads(cores: int) -> ThreadPlan:
    """xlate's setting for ``cores`` cores when neither an option nor ``ARGOS_*`` sets one.

    One single-threaded translator per core, each taking sub-batches of 8 sentences: with
    argostranslate's default (one translator, ``intra_threads=0``, i.e. every core inside one
    batch) the threads wait on each other at every decoding step. Measured in
    ``benchmarks/argos_threads_bench.py`` (docs/performance.md)."""
    return ThreadPlan(inter_threads=max(1, cores), intra_threads=1, batch_size=ARGOS_BATCH_SIZE)


def usable_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s limit included)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def thread_plan(options: ArgosOptions, environ: Mapping[str, str], settings: Any) -> ThreadPlan:
    """Threads and batch size: an option, else an ``ARGOS_*`` variable, else xlate's default."""
    default = default_threads(usable_cores())

    def pick(option: int | None, variable: str, setting: int, fallback: int) -> int:
        if option is not None:
            return option
        return setting if variable in environ else fallback

    return ThreadPlan(
        inter_threads=pick(
            options.inter_threads,
            "ARGOS_INTER_THREADS",
            settings.inter_threads,
            default.inter_threads,
        ),
        intra_threads=pick(
            options.intra_threads,
            "ARGOS_INTRA_THREADS",
            settings.intra_threads,
            default.intra_threads,
        ),
        batch_size=pick(
            options.batch_size, "ARGOS_BATCH_SIZE", settings.batch_size, default.batch_size
        ),
    )


class _Package:
    """One installed Argos package with its model loaded on first use."""

    def __init__(self, pkg: Any, options: ArgosOptions, settings: Any) -> None:
        self.pkg = pkg
        self.source = pkg.from_code
        self.target = pkg.to_code
        self.version = str(pkg.package_version)
        self.name = f"translate-{self.source}_{self.target}"
        self._options = options
        self._settings = settings
        self._translator: Any = None
        self.plan = thread_plan(options, os.environ, settings)
        if getattr(pkg, "tokenizer", None) is None:
            raise EngineError(
                f"Argos package {self.name} at {pkg.package_path} has no tokenizer "
                "(sentencepiece.model or bpe.model)"
            )

    @property
    def translator(self) -> Any:
        if self._translator is None:
            folder = Path(self.pkg.package_path) / "model"
            what = f"the model of {self.name}"
            self._translator = load_translator(
                folder, what, self._options, self._settings, self.plan
            )
        return self._translator

    def translate(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """Each sentence's translation and its confidence (:func:`decode_batch`)."""
        if not sentences:
            return []
        tokenizer = self.pkg.tokenizer
        tokens = [tokenizer.encode(sentence) for sentence in sentences]
        prefix = self.pkg.target_prefix
        o, s = self._options, self._settings
        found = decode_batch(
            self.translator,
            tokens,
            [prefix] if prefix else [],
            self.plan,
            beam_size=o.beam_size or s.beam_size,
            max_decoding_length=o.max_decoding_length,
        )
        return [(self._decode(hypothesis, prefix), confidence) for hypothesis, confidence in found]

    def _decode(self, hypothesis: list[str], prefix: str) -> str:
        value = str(self.pkg.tokenizer.decode(hypothesis))
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        return value.lstrip(" ")


def load_translator(
    folder: Path, what: str, options: ArgosOptions, settings: Any, plan: ThreadPlan
) -> Any:
    """The CTranslate2 translator of the model ``folder`` on the device, compute type and
    threads that ``options`` (else argostranslate's ``settings``) and ``plan`` give."""
    import ctranslate2

    try:
        return ctranslate2.Translator(
            str(folder),
            device=options.device or settings.device,
            inter_threads=plan.inter_threads,
            intra_threads=plan.intra_threads,
            compute_type=options.compute_type or settings.compute_type,
        )
    except (RuntimeError, ValueError) as exc:
        raise EngineError(f"cannot load {what}: {exc}") from None


LENGTH_PENALTY = 0.2  # argostranslate's: CTranslate2 divides each score by length**0.2


def decode_batch(
    translator: Any,
    tokens: Sequence[Sequence[str]],
    prefix: Sequence[str],
    plan: ThreadPlan,
    *,
    beam_size: int,
    max_decoding_length: int,
) -> list[tuple[list[str], float]]:
    """Sentences' tokens through a CTranslate2 translator in one call, sub-batched by ``plan``:
    each one's best hypothesis (``prefix`` included, as CTranslate2 returns it) and its mean
    log-probability per generated token.

    CTranslate2's score is the hypothesis's summed log-probability divided by
    ``length**LENGTH_PENALTY``, where the length counts the prefix and the end-of-sentence
    token (absent when decoding stopped at ``max_decoding_length``); the mean is taken over
    the tokens the model chose (the prefix was given, not chosen). The Argos engine and
    :mod:`xlate.engines.ct2` both decode here.
    """
    if not tokens:
        return []
    results = translator.translate_batch(
        [list(t) for t in tokens],
        target_prefix=[list(prefix)] * len(tokens) if prefix else None,
        replace_unknowns=True,
        max_batch_size=plan.sub_batch(len(tokens)),
        beam_size=beam_size,
        num_hypotheses=1,
        length_penalty=LENGTH_PENALTY,
        max_decoding_length=max_decoding_length,
        return_scores=True,
    )
    found = []
    for result in results:
        hypothesis = result.hypotheses[0]
        length = len(hypothesis) + (len(hypothesis) < max_decoding_length)
        chosen = max(1, length - len(prefix))
        found.append((hypothesis, result.scores[0] * length**LENGTH_PENALTY / chosen))
    return found


def _version(pkg: Any) -> tuple[int, Any]:
    """A sort key for package versions: 1.10 after 1.9; unparsable versions first."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(str(pkg.package_version)))
    except InvalidVersion:
        return (0, str(pkg.package_version))


def split_long(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after punctuation or at a
    space where possible; joined with spaces they give back every word."""
    pieces = []
    rest = text.strip()
    limit = max(1, limit)  # each piece holds a character at least: the loop ends
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind(mark) + 1 for mark in (", ", "; ", ": ", "、", "，"))
        if rest[limit].isspace() and cut < limit // 3:
            cut = limit  # the window ends exactly at a word's end
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit  # one unbroken run (CJK, a URL): cut by length
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    pieces.append(rest)
    return [p for p in pieces if p]


@dataclass(frozen=True, slots=True)
class Made:
    """What every translation of one engine call shares: engine, pair, model and flags."""

    engine: str
    source: str
    target: str
    model: str
    flags: tuple[str, ...] = ()


def joined_pieces(
    sentences: Sequence[str],
    pieces: Sequence[Sequence[str]],
    outputs: Sequence[tuple[str, float]],
    made: Made,
) -> list[Translation | None]:
    """Each sentence's translation from those of its pieces (:func:`split_long`), in order:
    their texts joined with spaces (flagged ``split:N`` when there are several), and the
    lowest of their confidences (one doubtful piece makes the sentence doubtful)."""
    results: list[Translation | None] = []
    done = 0
    for sentence, group in zip(sentences, pieces, strict=True):
        mine = outputs[done : done + len(group)]
        done += len(group)
        extra = (f"split:{len(group)}",) if len(group) > 1 else ()
        results.append(
            Translation(
                sentence,
                " ".join(text for text, _ in mine),
                made.source,
                made.target,
                made.engine,
                model=made.model,
                flags=made.flags + extra,
                confidence=min((c for _, c in mine), default=None),
            )
        )
    return results


class ArgosEngine:
    name = "argos"

    def __init__(self, options: ArgosOptions | None = None) -> None:
        self.options = options or ArgosOptions()
        self._packages: dict[tuple[str, str], _Package] | None = None
        self._used: set[str] = set()

    def _installed(self) -> dict[tuple[str, str], _Package]:
        if self._packages is None:
            from argostranslate import package, settings

            folder = self.options.packages_dir
            if folder is not None and not Path(folder).is_dir():
                raise EngineError(f"{folder}: no such Argos packages folder")
            folders = [folder] if folder is not None else None
            found = package.get_installed_packages(folders)
            self._packages = {}
            for pkg in sorted(found, key=_version):  # the newest of a pair wins
                if getattr(pkg, "type", "translate") == "translate":
                    self._packages[(pkg.from_code, pkg.to_code)] = _Package(
                        pkg, self.options, settings
                    )
        return self._packages

    def path(self, source: str, target: str) -> list[_Package]:
        """The packages that take ``source`` to ``target``: one, or two through English."""
        installed = self._installed()
        if (source, target) in installed:
            return [installed[(source, target)]]
        if (source, PIVOT) in installed and (PIVOT, target) in installed:
            return [installed[(source, PIVOT)], installed[(PIVOT, target)]]
        raise NoModelError(source, target)

    def covers(self, source: str, target: str) -> bool:
        try:
            self.path(source, target)
        except NoModelError:
            return False
        return True

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        chain = self.path(source, target)
        pieces = [split_long(s, self.options.max_sentence_chars) for s in sentences]
        texts = [piece for group in pieces for piece in group]
        confidences = [0.0] * len(texts)
        for step in chain:
            found = step.translate(texts)
            texts = [text for text, _ in found]
            # Through English, a sentence is as sure as its less sure step.
            confidences = [min(c, new) for c, (_, new) in zip(confidences, found, strict=True)]
        model = " + ".join(f"{p.name}@{p.version}" for p in chain)
        self._used.update(f"{p.name}@{p.version}" for p in chain)
        flags = ("pivot-en",) if len(chain) > 1 else ()
        outputs = list(zip(texts, confidences, strict=True))
        made = Made(self.name, source, target, model, flags)
        return joined_pieces(sentences, pieces, outputs, made)

    def describe(self) -> dict[str, Any]:
        o = self.options
        return {
            "name": self.name,
            "packages": sorted(self._used),  # the ones that translated something
            "beam_size": o.beam_size,
            "max_decoding_length": o.max_decoding_length,
        }

    def model_for(self, source: str, target: str) -> str:
        return " + ".join(f"{p.name}@{p.version}" for p in self.path(source, target))
