"""``xlate models``: list, install and remove Argos Translate models."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers
    from xlate.engines.packages import InstalledModel


def add_models_parser(sub: Subparsers) -> None:
    from xlate.engines.index import PACKAGE_LIST, index_url

    p = sub.add_parser(
        "models",
        help="list, install and remove Argos Translate models",
        description=(
            "Manage the Argos Translate packages xlate translates with. They live where "
            "argostranslate keeps them (ARGOS_PACKAGES_DIR, by default "
            "~/.local/share/argos-translate/packages).\n\n"
            "Getting a model:\n"
            "  online:  xlate models install ru en   (or: russian english)\n"
            "  offline: 1. download the .argosmodel file from the package list,\n"
            f"              {PACKAGE_LIST}\n"
            "              (on any machine that is online), then\n"
            "           2. xlate models install FILE.argosmodel\n"
            "  The Argos package index that `install SRC TGT` and `available` read\n"
            f"  (ARGOS_PACKAGE_INDEX moves it):\n  {index_url()}"
        ),
        epilog=(
            "examples:\n  xlate models list\n  xlate models available\n"
            "  xlate models install ru en      (online)\n"
            "  xlate models install translate-ru_en-1_9.argosmodel   (offline)\n"
            "  xlate models remove ru en"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser("list", help="installed models: pairs, versions, sizes")
    listing.add_argument(
        "--json", action="store_true", help="one JSON list of the models, for a script"
    )
    listing.set_defaults(handler=_models_list)
    available = actions.add_parser(
        "available",
        help="the models the Argos package index offers (online)",
        description=(
            f"List the translation packages of the Argos package index ({index_url()}; "
            "ARGOS_PACKAGE_INDEX moves it). Offline, says where the index is and how to "
            "install a downloaded file."
        ),
    )
    available.add_argument(
        "--json", action="store_true", help="one JSON list of the index's models, for a script"
    )
    available.set_defaults(handler=_models_available)
    install = actions.add_parser(
        "install",
        help="install SRC TGT from the Argos index (online) or FILE.argosmodel (offline)",
        description=(
            "`install SRC TGT` downloads the package from the Argos package index; SRC and "
            "TGT are codes (ru) or English names (russian). `install FILE.argosmodel` "
            "installs a package file after checking it (no absolute or escaping paths, no "
            "links, no zip bombs, a real Argos translation package); such files are listed, "
            f"with download links, at {PACKAGE_LIST}"
        ),
        usage="xlate models install [-h] SRC TGT | FILE.argosmodel [FILE.argosmodel ...]",
    )
    install.add_argument("what", nargs="+", metavar="SRC TGT | FILE.argosmodel")
    install.set_defaults(handler=_models_install, parser=install)
    remove = actions.add_parser("remove", help="uninstall the SRC→TGT model")
    remove.add_argument("source", metavar="SRC", help="the source language (ru, or Russian)")
    remove.add_argument("target", metavar="TGT", help="the target language (en)")
    remove.set_defaults(handler=_models_remove)

    def usage(args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(handler=usage)


def _models_list(args: argparse.Namespace) -> int:
    import json

    from xlate.engines.packages import installed_models

    models = installed_models()
    if args.json:
        print(json.dumps([m.to_dict() for m in models], indent=2))
        return 0
    if not models:
        print("no Argos models installed; see `xlate models install --help`")
        return 0
    from xlate.render.console import make_console
    from xlate.render.models import models_table

    make_console().print(models_table(models))
    return 0


def _models_available(args: argparse.Namespace) -> int:
    import json

    from xlate.engines.available import available_models

    models = available_models()
    if args.json:
        from xlate.textsafe import json_inert  # the index is not ours: printed inert

        print(json_inert(json.dumps([m.to_dict() for m in models], ensure_ascii=False, indent=2)))
        return 0
    from xlate.render.console import make_console
    from xlate.render.models import available_table

    make_console().print(available_table(models))
    return 0


def _models_install(args: argparse.Namespace) -> int:
    from pathlib import Path

    from xlate.cli.common import print_error
    from xlate.engines.index import language_code
    from xlate.engines.packages import install_file, install_pair, installed_models
    from xlate.errors import PACKAGE_LIST, LanguageError, ModelPackageError

    def is_file(word: str) -> bool:  # "en" is a language even beside a folder named en
        if word.lower().endswith(".argosmodel"):
            return True
        try:
            language_code(word)
        except LanguageError:
            return Path(word).exists()
        return False

    files = [w for w in args.what if is_file(w)]
    if files and len(files) < len(args.what):
        args.parser.error("give SRC TGT (two languages) or FILE.argosmodel files, not both")
    if files:  # each file in turn; one that cannot be installed is said, the others go on
        failed = []
        for name in files:
            before = {m.path for m in installed_models()}
            try:
                model = install_file(name)
            except ModelPackageError as exc:
                print_error(f"{exc}; a package file is listed, with its download link, at "
                            f"{PACKAGE_LIST}")  # fmt: skip
                failed.append(name)
                continue
            _say_installed(model, " (it was installed: replaced)" if model.path in before else "")
        return 1 if failed else 0
    if len(args.what) == 1:
        source = language_code(args.what[0])  # a language alone: say what is missing
        args.parser.error(
            f"give two languages (`xlate models install {source} en`) or a FILE.argosmodel"
        )
    if len(args.what) != 2:
        args.parser.error("give SRC TGT (two language codes) or FILE.argosmodel files")
    _say_installed(install_pair(*args.what))
    return 0


def _say_installed(model: InstalledModel, note: str = "") -> None:
    from xlate.textsafe import inert  # a package's metadata is not ours: print it inert

    print(inert(f"installed {model.source}→{model.target} {model.version} at {model.path}{note}"))


def _models_remove(args: argparse.Namespace) -> int:
    from xlate.engines.index import language_code
    from xlate.engines.packages import remove_pair

    model = remove_pair(language_code(args.source), language_code(args.target))
    from xlate.textsafe import inert

    print(inert(f"removed {model.source}→{model.target} {model.version} ({model.path})"))
    return 0
