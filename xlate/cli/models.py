"""``xlate models``: list, install and remove Argos Translate models."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlate.cli.common import Subparsers


def add_models_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "models",
        help="list, install and remove Argos Translate models",
        description=(
            "Manage the Argos Translate packages xlate translates with. They live where "
            "argostranslate keeps them (ARGOS_PACKAGES_DIR, by default "
            "~/.local/share/argos-translate/packages)."
        ),
        epilog=(
            "examples:\n  xlate models list\n  xlate models install ru en      (online)\n"
            "  xlate models install translate-ru_en-1_9.argosmodel   (offline)\n"
            "  xlate models remove ru en"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser("list", help="installed models: pairs, versions, sizes")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_models_list)
    install = actions.add_parser(
        "install",
        help="install SRC TGT from the Argos index (online) or FILE.argosmodel (offline)",
        description=(
            "`install SRC TGT` downloads the package from the Argos package index; "
            "`install FILE.argosmodel` installs a package file after checking it (no absolute "
            "or escaping paths, no links, no zip bombs, a real Argos translation package)."
        ),
    )
    install.add_argument("what", nargs="+", metavar="SRC TGT | FILE")
    install.set_defaults(handler=_models_install, parser=install)
    remove = actions.add_parser("remove", help="uninstall the SRC→TGT model")
    remove.add_argument("source", metavar="SRC")
    remove.add_argument("target", metavar="TGT")
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


def _models_install(args: argparse.Namespace) -> int:
    from xlate.engines.packages import install_file, install_pair

    if len(args.what) == 1:
        model = install_file(args.what[0])
    elif len(args.what) == 2:
        model = install_pair(*args.what)
    else:
        args.parser.error("give SRC TGT (two language codes) or one FILE.argosmodel")
    from xlate.textsafe import inert  # a package's metadata is not ours: print it inert

    print(inert(f"installed {model.source}→{model.target} {model.version} at {model.path}"))
    return 0


def _models_remove(args: argparse.Namespace) -> int:
    from xlate.engines.packages import remove_pair

    model = remove_pair(args.source, args.target)
    from xlate.textsafe import inert

    print(inert(f"removed {model.source}→{model.target} {model.version} ({model.path})"))
    return 0
