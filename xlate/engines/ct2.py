"""Any CTranslate2 translation model: OPUS-MT (Marian), NLLB-200 and M2M-100.

A model folder is what ``ct2-transformers-converter --copy_files`` writes: ``model.bin``, its
vocabulary (``shared_vocabulary.json``, or ``source_``/``target_vocabulary``) and the
SentencePiece model(s) of the original. The family is read from the files:

- OPUS-MT / Marian: ``source.spm`` and ``target.spm``; one language pair, named by the folder
  (``opus-mt-ja-en``, ``opus-mt-tc-big-ja-en``) or by the configuration (``pair = "ja-en"``);
  the source gets ``</s>`` appended, as Marian's tokenizer does.
- M2M-100: ``sentencepiece.bpe.model`` and ``__en__``-style language tokens in the vocabulary:
  the source starts with ``__ru__``, the target is forced to start with ``__en__``.
- NLLB-200: ``sentencepiece.bpe.model`` and ``eng_Latn``-style language tokens: ``rus_Cyrl``
  then the source then ``</s>``, the target prefixed with ``eng_Latn``.

Decoding is the Argos engine's (:func:`xlate.engines.argos.decode_batch`: the same thread
plan, sub-batches, beam and length penalty, and the same confidence per sentence).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from xlate.engines.argos import (
    ArgosOptions,
    Made,
    ThreadPlan,
    decode_batch,
    joined_pieces,
    load_translator,
    split_long,
    thread_plan,
)
from xlate.errors import EngineError
from xlate.model import Translation

Family = Literal["marian", "m2m100", "nllb"]
FAMILY_NAMES: dict[Family, str] = {
    "marian": "OPUS-MT/Marian",
    "m2m100": "M2M-100",
    "nllb": "NLLB-200",
}
# NLLB-200 names languages by code and script; xlate routes these three.
NLLB_CODES = {"ru": "rus_Cyrl", "ja": "jpn_Jpan", "en": "eng_Latn"}
MARIAN_FOLDER = re.compile(r"opus-mt-(?:tc-[a-z0-9]+-)?([a-z]{2,3})-([a-z]{2,3})(?:[-_.].*)?")
# A SentencePiece model whose pieces the vocabulary mostly lacks belongs to another model.
MIN_PIECES_KNOWN = 0.9


@dataclass(frozen=True, slots=True)
class ModelFiles:
    """A checked model folder: its family and the files it is used through."""

    path: Path
    family: Family
    source_spm: Path
    target_spm: Path
    vocabulary: frozenset[str]
    pair: tuple[str, str] | None  # Marian's one pair; None for the many-to-many families

    @property
    def label(self) -> str:
        return f"{FAMILY_NAMES[self.family]} model {self.path}"


def read_vocabulary(path: Path) -> list[str]:
    """A CTranslate2 vocabulary file: a JSON list, or one token a line (older converters)."""
    try:
        text = path.read_text(encoding="utf-8")
        tokens = json.loads(text) if path.suffix == ".json" else text.splitlines()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EngineError(f"{path}: cannot read the vocabulary: {exc}") from None
    if not isinstance(tokens, list):
        raise EngineError(f"{path}: cannot read the vocabulary: not a JSON list of tokens")
    return [str(t) for t in tokens]


def _vocabulary(folder: Path) -> frozenset[str]:
    for names in (("shared_vocabulary",), ("target_vocabulary", "source_vocabulary")):
        for suffix in (".json", ".txt"):
            files = [folder / f"{name}{suffix}" for name in names]
            if all(f.is_file() for f in files):
                return frozenset(t for f in files for t in read_vocabulary(f))
    raise EngineError(
        f"{folder}: no vocabulary (shared_vocabulary.json, or source_vocabulary.json and "
        "target_vocabulary.json): not a CTranslate2 translation model"
    )


def _language_family(vocabulary: frozenset[str]) -> Family | None:
    if "__en__" in vocabulary:
        return "m2m100"
    if "eng_Latn" in vocabulary:
        return "nllb"
    return None


def _check_pieces(spm: Path, vocabulary: frozenset[str]) -> None:
    """Raise unless most pieces of the SentencePiece model ``spm`` are in the vocabulary."""
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    except (OSError, RuntimeError) as exc:
        raise EngineError(f"{spm}: not a SentencePiece model: {exc}") from None
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    unknown = sum(piece not in vocabulary for piece in pieces)
    if unknown > (1 - MIN_PIECES_KNOWN) * len(pieces):
        raise EngineError(
            f"{spm} does not match the model's vocabulary: {unknown:,} of its "
            f"{len(pieces):,} pieces are not in it (a SentencePiece model of another model?)"
        )


def inspect_model(path: str | Path, pair: tuple[str, str] | None = None) -> ModelFiles:
    """The family and files of the CTranslate2 model folder ``path``, checked; an
    :class:`EngineError` naming what is missing or inconsistent otherwise."""
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise EngineError(f"{folder}: no such model folder")
    if not (folder / "model.bin").is_file():
        raise EngineError(f"{folder}: not a CTranslate2 model (no model.bin)")
    vocabulary = _vocabulary(folder)
    by_tokens = _language_family(vocabulary)
    marian = [folder / "source.spm", folder / "target.spm"]
    shared = folder / "sentencepiece.bpe.model"
    if all(f.is_file() for f in marian):
        if by_tokens is not None:
            raise EngineError(
                f"{folder}: its files are an OPUS-MT/Marian model's (source.spm, target.spm) "
                f"but its vocabulary has {FAMILY_NAMES[by_tokens]} language tokens"
            )
        family: Family = "marian"
        source_spm, target_spm = marian
        pair = pair or _marian_pair(folder)
    elif shared.is_file():
        if by_tokens is None:
            raise EngineError(
                f"{folder}: its files are an NLLB-200 or M2M-100 model's "
                "(sentencepiece.bpe.model) but its vocabulary has no language tokens "
                "(eng_Latn or __en__)"
            )
        family, source_spm, target_spm = by_tokens, shared, shared
    else:
        raise EngineError(
            f"{folder}: no SentencePiece model: an OPUS-MT/Marian model needs source.spm and "
            "target.spm, an NLLB-200 or M2M-100 model sentencepiece.bpe.model (convert with "
            "ct2-transformers-converter --copy_files ...)"
        )
    for spm in dict.fromkeys((source_spm, target_spm)):
        _check_pieces(spm, vocabulary)
    return ModelFiles(folder, family, source_spm, target_spm, vocabulary, pair)


def _marian_pair(folder: Path) -> tuple[str, str]:
    found = MARIAN_FOLDER.fullmatch(folder.resolve().name)
    if found is None:
        raise EngineError(
            f"{folder}: an OPUS-MT/Marian model translates one language pair, and its folder "
            "does not name it: call the folder opus-mt-SRC-TGT (opus-mt-ja-en) or register "
            'it in the configuration with pair = "ja-en"'
        )
    return found[1], found[2]


class CT2Engine:
    """Translation through one CTranslate2 model folder (:func:`inspect_model`)."""

    name = "ct2"

    def __init__(
        self,
        path: str | Path,
        options: ArgosOptions | None = None,
        pair: tuple[str, str] | None = None,
    ) -> None:
        from argostranslate import settings  # ARGOS_* as the Argos engine reads them

        self.files = inspect_model(path, pair)
        self.options = options or ArgosOptions()
        self._settings = settings
        self.plan: ThreadPlan = thread_plan(self.options, os.environ, settings)
        self._translator: Any = None
        self._spm: dict[Path, Any] = {}
        stat = (self.files.path / "model.bin").stat()
        # The cache's key: a model replaced in place (another size or time) is another model.
        where = self.files.path.resolve()
        self.model = f"{self.files.family}:{where}@{stat.st_size}-{stat.st_mtime_ns}"

    @property
    def beam_size(self) -> int:
        return int(self.options.beam_size or self._settings.beam_size)

    def covers(self, source: str, target: str) -> bool:
        try:
            self.language_tokens(source, target)
        except EngineError:
            return False
        return True

    def language_tokens(self, source: str, target: str) -> tuple[list[str], list[str]]:
        """The tokens the source starts with and the target prefix, for ``source``→``target``."""
        files = self.files
        if files.family == "marian":
            if (source, target) != files.pair:
                pair = "→".join(files.pair or ())
                raise EngineError(f"{files.label} translates {pair} only, not {source}→{target}")
            return [], []
        if files.family == "m2m100":
            codes = [f"__{source}__", f"__{target}__"]
        else:
            codes = [NLLB_CODES.get(source, ""), NLLB_CODES.get(target, "")]
        for lang, code in zip((source, target), codes, strict=True):
            if code not in files.vocabulary:
                raise EngineError(
                    f"{files.label} has no language code for {lang!r}"
                    + (f" (xlate maps {', '.join(NLLB_CODES)})" if files.family == "nllb" else "")
                )
        return [codes[0]], [codes[1]]

    def processor(self, spm: Path) -> Any:
        if spm not in self._spm:
            import sentencepiece

            self._spm[spm] = sentencepiece.SentencePieceProcessor(model_file=str(spm))
        return self._spm[spm]

    @property
    def translator(self) -> Any:
        if self._translator is None:
            what = f"the {self.files.label}"
            self._translator = load_translator(
                self.files.path, what, self.options, self._settings, self.plan
            )
        return self._translator

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        start, prefix = self.language_tokens(source, target)
        pieces = [split_long(s, self.options.max_sentence_chars) for s in sentences]
        texts = [piece for group in pieces for piece in group]
        encoder = self.processor(self.files.source_spm)
        tokens = [[*start, *encoder.encode(text, out_type=str), "</s>"] for text in texts]
        found = decode_batch(
            self.translator,
            tokens,
            prefix,
            self.plan,
            beam_size=self.beam_size,
            max_decoding_length=self.options.max_decoding_length,
        )
        decoder = self.processor(self.files.target_spm)
        outputs = [
            (str(decoder.decode(hypothesis[len(prefix) :])), confidence)
            for hypothesis, confidence in found
        ]
        made = Made(self.name, source, target, self.model)
        return joined_pieces(sentences, pieces, outputs, made)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model": str(self.files.path),
            "family": self.files.family,
            "beam_size": self.beam_size,
            "max_decoding_length": self.options.max_decoding_length,
        }

    def model_for(self, source: str, target: str) -> str:
        self.language_tokens(source, target)
        return self.model


@dataclass(frozen=True, slots=True)
class Registered:
    """A model registered in the configuration under a name ``--engine`` takes."""

    name: str
    path: Path
    pair: tuple[str, str] | None = None


def config_file(environ: Mapping[str, str]) -> Path:
    """The user's configuration file: ``$XLATE_CONFIG``, else ``config.toml`` in the user's
    configuration folder (``~/.config/xlate`` on Linux)."""
    if environ.get("XLATE_CONFIG"):
        return Path(environ["XLATE_CONFIG"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("xlate")) / "config.toml"


def registered_models(path: Path | None = None) -> dict[str, Registered]:
    """The ``[models.NAME]`` tables of the configuration file (none when it does not exist):
    ``path`` (the model's folder) and, for an OPUS-MT model, ``pair`` ("ja-en")."""
    import tomllib

    path = path or config_file(os.environ)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EngineError(f"{path}: cannot read the configuration: {exc}") from None
    tables = data.get("models", {})
    if not isinstance(tables, dict):
        raise EngineError(f"{path}: models must be a table of [models.NAME] tables")
    found = {}
    for name, table in tables.items():
        if name in RESERVED or name.startswith("ct2:"):
            raise EngineError(f"{path}: [models.{name}]: {name!r} is a built-in engine's name")
        if not isinstance(table, dict) or not isinstance(table.get("path"), str):
            raise EngineError(f'{path}: [models.{name}] needs path = "FOLDER"')
        pair = table.get("pair")
        if pair is not None and not (isinstance(pair, str) and PAIR.fullmatch(pair)):
            raise EngineError(f'{path}: [models.{name}]: pair must look like "ja-en"')
        folder = Path(table["path"]).expanduser()
        if not folder.is_absolute():
            folder = path.parent / folder  # relative to the configuration file
        found[name] = Registered(name, folder, tuple(pair.split("-")) if pair else None)  # type: ignore[arg-type]
    return found


PAIR = re.compile(r"[a-z]{2,3}-[a-z]{2,3}")
RESERVED = frozenset({"auto", "argos", "memory", "identity", "ct2"})
