"""Argos Translate packages: listing, coverage, and installation (online or from a file).

Only ``argostranslate.package`` is imported here (about 0.03 s); never
``argostranslate.translate``, which pulls in stanza and torch.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlate.errors import ModelPackageError, NetworkError, NoModelError
from xlate.textsafe import inert

if TYPE_CHECKING:
    from xlate.engines.available import Fetch


@dataclass(frozen=True, slots=True)
class InstalledModel:
    source: str
    target: str
    version: str
    path: Path
    size: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "version": self.version,
            "name": self.name,
            "size": self.size,
            "path": str(self.path),
        }


def _folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def installed_models() -> list[InstalledModel]:
    """Argos translation packages installed where argostranslate looks (ARGOS_PACKAGES_DIR)."""
    from argostranslate import package

    models = []
    for pkg in package.get_installed_packages():
        if getattr(pkg, "type", "translate") != "translate":
            continue
        if not (isinstance(pkg.from_code, str) and isinstance(pkg.to_code, str)):
            continue  # a package with broken metadata (installed by other means): unusable
        models.append(
            InstalledModel(
                source=pkg.from_code,
                target=pkg.to_code,
                version=str(pkg.package_version),
                path=Path(pkg.package_path),
                size=_folder_size(Path(pkg.package_path)),
                name=package.argospm_package_name(pkg),
            )
        )
    return sorted(models, key=lambda m: (m.source, m.target, m.version))


@cache
def _pairs() -> frozenset[tuple[str, str]]:
    return frozenset((m.source, m.target) for m in installed_models())


def forget_installed() -> None:
    """Read the installed packages anew at the next :func:`covers` (they changed, or the
    folder argostranslate looks in did)."""
    _pairs.cache_clear()


def covers(source: str, target: str) -> bool:
    """Whether installed packages translate ``source`` to ``target``, directly or via English."""
    pairs = _pairs()
    return (source, target) in pairs or ((source, "en") in pairs and ("en", target) in pairs)


# -- installing ---------------------------------------------------------------------------------

MAX_UNCOMPRESSED = 8 * 1024**3  # larger than any published Argos model
MAX_RATIO = 200  # a member expanding more than this is treated as a zip bomb


def check_archive(path: str | Path) -> tuple[str, dict[str, Any]]:
    """The top folder and metadata of a safe Argos package; raise ModelPackageError otherwise."""
    import stat
    import zipfile
    from pathlib import PurePosixPath

    path = Path(path)
    if not path.is_file():
        what = "a folder, not a package file" if path.is_dir() else "no such file"
        raise ModelPackageError(f"{path}: {what}")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError(f"{path}: not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            tops = set()
            total = packed = 0
            for info in infos:
                name = info.filename
                parts = PurePosixPath(name).parts
                if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
                    raise ModelPackageError(f"{path}: refused: absolute path {name!r} in archive")
                if ".." in parts or "\\" in name:
                    raise ModelPackageError(f"{path}: refused: path {name!r} escapes the folder")
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise ModelPackageError(f"{path}: refused: symbolic link {name!r} in archive")
                total += info.file_size
                packed += info.compress_size
                if info.file_size > 1024**2 and info.file_size > MAX_RATIO * max(
                    1, info.compress_size
                ):
                    raise ModelPackageError(
                        f"{path}: refused: {name!r} expands {info.file_size:,} bytes from "
                        f"{info.compress_size:,} (zip bomb?)"
                    )
                if parts:
                    tops.add(parts[0])
            if total > MAX_UNCOMPRESSED:
                raise ModelPackageError(f"{path}: refused: expands to {total:,} bytes")
            # Many small members can do what one large one would: the whole is checked too.
            if total > 1024**2 and total > MAX_RATIO * max(1, packed):
                raise ModelPackageError(
                    f"{path}: refused: {len(infos):,} members expand {total:,} bytes from "
                    f"{packed:,} (zip bomb?)"
                )
            if len(tops) != 1:
                raise ModelPackageError(
                    f"{path}: not an Argos package (expected one top folder, found {len(tops)})"
                )
            top = tops.pop()
            names = {info.filename for info in infos}
            try:
                info = archive.getinfo(f"{top}/metadata.json")
            except KeyError:
                raise ModelPackageError(
                    f"{path}: not an Argos package (no metadata.json)"
                ) from None
            if info.file_size > MAX_METADATA:
                raise ModelPackageError(
                    f"{path}: metadata.json is {info.file_size:,} bytes (at most {MAX_METADATA:,})"
                )
            raw = archive.read(info)
    except zipfile.BadZipFile as exc:
        raise ModelPackageError(f"{path}: damaged archive: {exc}") from None
    return top, _checked_metadata(path, raw, top, names)


MAX_METADATA = 1024**2
# Language codes as Argos packages write them: "ru", "en", "zh", "pt_BR", "zt".
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,31}")


def _checked_metadata(path: Path, raw: bytes, top: str, names: set[str]) -> dict[str, Any]:
    """The metadata of package ``path``, checked as argostranslate and xlate will use it:
    a package installed with a bad one breaks `models list` and every translation after."""
    import json

    try:
        metadata = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ModelPackageError(
            f"{path}: metadata.json is not valid UTF-8 (byte {exc.start})"
        ) from None
    except json.JSONDecodeError as exc:
        raise ModelPackageError(f"{path}: metadata.json is not valid JSON: {exc}") from None
    except (ValueError, RecursionError) as exc:  # a huge integer; nesting too deep to read
        what = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ModelPackageError(f"{path}: metadata.json cannot be read: {what}") from None
    if (
        not isinstance(metadata, dict)
        or not metadata.get("from_code")
        or not metadata.get("to_code")
    ):
        raise ModelPackageError(f"{path}: metadata.json lacks from_code/to_code")
    if metadata.get("type", "translate") != "translate":
        raise ModelPackageError(
            f"{path}: a {inert(repr(metadata.get('type')))} package, not a translation model"
        )
    for key in ("from_code", "to_code"):
        value = metadata[key]
        if not isinstance(value, str) or not _CODE.fullmatch(value):
            raise ModelPackageError(
                f'{path}: metadata.json: {key} must be a language code such as "ru", '
                f"not {inert(repr(value))[:60]}"
            )
    _check_fields(path, metadata)
    version = metadata.get("package_version")
    if version is not None and (
        not isinstance(version, str | int | float) or not _VERSION.fullmatch(str(version))
    ):
        raise ModelPackageError(
            f"{path}: metadata.json: package_version must be a short version such as "
            f'"1.9", not {inert(repr(version))[:60]}'
        )
    if f"{top}/model/model.bin" not in names:
        raise ModelPackageError(f"{path}: not an Argos package (no model/model.bin)")
    if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & names:
        raise ModelPackageError(
            f"{path}: not an Argos package (no sentencepiece.model or bpe.model)"
        )
    return dict(metadata)


# The other fields argostranslate reads, by the shape it uses them in: a wrong one installed,
# then broke `models list` and every translation ("languages": 7, "source_languages": "abc").
_TEXT_FIELDS = ("code", "from_name", "to_name", "argos_version", "target_prefix")
_LIST_FIELDS = ("from_codes", "to_codes", "links", "dependencies")
_LANGUAGE_LISTS = ("languages", "source_languages", "target_languages")


def _check_fields(path: Path, metadata: dict[str, Any]) -> None:
    def wrong(key: str, shape: str) -> ModelPackageError:
        shown = inert(repr(metadata[key]))[:60]
        return ModelPackageError(f"{path}: metadata.json: {key} must be {shape}, not {shown}")

    for key in _TEXT_FIELDS:
        if key in metadata and not isinstance(metadata[key], str):
            raise wrong(key, "text")
    for key in _LIST_FIELDS:
        if key in metadata and not isinstance(metadata[key], list):
            raise wrong(key, "a list")
    for key in _LANGUAGE_LISTS:
        value = metadata.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(lang, dict)
            and all(isinstance(lang.get(k, ""), str) for k in ("code", "name"))
            for lang in value
        ):
            raise wrong(key, 'a list of languages such as {"code": "ru", "name": "Russian"}')


def install_file(path: str | Path) -> InstalledModel:
    """Install a checked ``.argosmodel`` file with argostranslate's package API (offline)."""
    from argostranslate import package, settings

    top, _ = check_archive(path)
    folder = Path(settings.package_data_dir) / top
    existed = folder.exists()
    try:
        package.install_from_path(Path(path))
    except Exception as exc:  # argostranslate raises bare Exception; OSError on a full disk
        removed = ""
        if not existed and folder.exists():  # a partial package would be listed as installed
            shutil.rmtree(folder, ignore_errors=True)
            removed = f"; removed the partly extracted {folder}"
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ModelPackageError(f"{path}: installation failed: {reason}{removed}") from None
    _pairs.cache_clear()
    for model in installed_models():
        if model.path.name == top:
            return model

    raise ModelPackageError(f"{path}: installed, but argostranslate does not list {top}")


def install_pair(source: str, target: str, fetch: Fetch | None = None) -> InstalledModel:
    """Download and install the ``source``→``target`` package from the Argos index (online).

    ``source`` and ``target`` are codes or English names (``russian``); a word that names no
    language (of xlate's list, or of the index when online) is refused, with the list."""
    from argostranslate import package, settings

    from xlate.engines.available import fetch_index, index_languages, parse_index
    from xlate.engines.index import LANGUAGES, OFFLINE_STEPS, language_code

    words = (source, target)
    try:
        data, where = fetch_index() if fetch is None else fetch_index(fetch=fetch)
    except NetworkError:
        for word in words:  # a word no language has: that is the first thing to fix
            language_code(word, LANGUAGES)
        raise
    offered = parse_index(data, where)
    known = index_languages(offered)
    source, target = language_code(source, known), language_code(target, known)
    Path(settings.local_package_index).write_bytes(data)
    if not any((m.source, m.target) == (source, target) for m in offered):
        raise ModelPackageError(
            f"the Argos package index offers no {source}→{target} package (`xlate models "
            f"available` lists its pairs; through English: install {source} en and en {target})"
        )
    available = package.get_available_packages()
    matches = [p for p in available if p.from_code == source and p.to_code == target]
    if not matches:
        raise NoModelError(source, target) from None
    try:
        download = matches[0].download()
    except Exception as exc:  # argostranslate raises bare Exception on failed downloads
        raise NetworkError(
            f"download of {source}→{target} failed: {exc}; offline, {OFFLINE_STEPS}"
        ) from None
    return install_file(download)


def remove_pair(source: str, target: str) -> InstalledModel:
    from argostranslate import package

    for model in installed_models():
        if (model.source, model.target) == (source, target):
            for pkg in package.get_installed_packages():
                if Path(pkg.package_path) == model.path:
                    package.uninstall(pkg)
                    _pairs.cache_clear()
                    return model
    raise NoModelError(source, target)
