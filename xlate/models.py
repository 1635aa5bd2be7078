"""Argos Translate packages: listing, coverage, and installation (online or from a file).

Only ``argostranslate.package`` is imported here (about 0.03 s); never
``argostranslate.translate``, which pulls in stanza and torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


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


def covers(source: str, target: str) -> bool:
    """Whether installed packages translate ``source`` to ``target``, directly or via English."""
    pairs = _pairs()
    return (source, target) in pairs or ((source, "en") in pairs and ("en", target) in pairs)
