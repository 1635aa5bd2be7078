"""Where glossaries are: the bundled one, and the user's own. Light to import (no matcher, no
stemmer), so that ``--help`` can name them."""

from __future__ import annotations

from pathlib import Path


def default_glossary_path() -> Path:
    """The bundled diplomatic glossary, shipped inside the package.

    ``xlate/glossary/data/diplomatic.toml`` is a link to ``glossaries/diplomatic.toml`` (the
    copy people read and edit); a wheel carries the file itself, so an installed xlate finds
    it too.
    """
    return Path(__file__).parent / "data" / "diplomatic.toml"


def user_glossary_path() -> Path:
    """The user's own glossary: ``glossary.toml`` in xlate's folder of the user's config, as
    platformdirs finds it (``$XDG_CONFIG_HOME/xlate``, else ``~/.config/xlate`` on Linux;
    ``~/Library/Application Support/xlate`` on macOS; ``AppData\\Local\\xlate`` on
    Windows). It need not exist: ``xlate glossary add`` makes it."""
    import platformdirs

    return platformdirs.user_config_path("xlate") / "glossary.toml"


def standard_glossary_paths() -> list[Path]:
    """What xlate uses without --glossary: the bundled glossary, then the user's own when it
    exists (it extends the bundled one, never replaces it)."""
    user = user_glossary_path()
    return [default_glossary_path(), *([user] if user.is_file() else [])]
