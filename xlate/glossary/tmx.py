"""TMX 1.4 translation memories: read safely, write atomically.

Parsing goes through defusedxml, which refuses entity declarations and external references
(the "billion laughs" and XXE attacks) instead of expanding them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xlate.errors import FormatError
from xlate.files import parse_untrusted_xml

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native markup of the original document, not text.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut"})


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """One aligned pair of a memory: ``source`` (in ``source_lang``) and ``target``."""

    source_lang: str
    source: str
    target_lang: str
    target: str
    tuid: str = ""


def read_tmx(path: str | Path) -> list[TranslationUnit]:
    """Every (variant, variant) pair of every ``<tu>``, in both directions."""
    path = Path(path)
    root = parse_untrusted_xml(path, "TMX")
    if root.tag != "tmx":
        raise FormatError(path, f"not a TMX file (root element <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise FormatError(path, "TMX has no <body>")
    return list(_units(path, body))


MAX_LANGUAGES = 64  # language variants of one <tu>: every pair of them becomes a unit


def _units(path: Path, body: ET.Element) -> Iterator[TranslationUnit]:
    """A unit for every pair of languages of every ``<tu>``: the first variant of each
    language is used (a second ``<tuv>`` in a language would multiply the units)."""
    for number, tu in enumerate(body.iter("tu"), 1):
        variants: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if not lang or seg is None:
                raise FormatError(path, f"<tu> #{number}: <tuv> without xml:lang or <seg>")
            if _base_lang(lang) not in variants:
                variants[_base_lang(lang)] = _seg_text(seg)
                if len(variants) > MAX_LANGUAGES:
                    raise FormatError(
                        path, f"<tu> #{number}: over {MAX_LANGUAGES} languages in one unit"
                    )
        tuid = tu.get("tuid", "")
        for src_lang, src in variants.items():
            for tgt_lang, tgt in variants.items():
                if src_lang != tgt_lang and src.strip() and tgt.strip():
                    yield TranslationUnit(src_lang, src, tgt_lang, tgt, tuid)


def _base_lang(tag: str) -> str:
    """``ru-RU`` → ``ru``; ``ja_JP`` → ``ja``."""
    return tag.replace("_", "-").split("-")[0].lower()


def _seg_text(seg: ET.Element) -> str:
    """The text of a ``<seg>`` without its inline codes, at any depth of nesting (walked with
    a stack, not recursion: 5,000 nested elements are as easy as five)."""
    parts: list[str] = []
    todo: list[ET.Element | str] = [seg]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item is not seg and item.tag in _CODE_ELEMENTS:
            continue  # native markup of the original document, not text
        parts.append(item.text or "")
        for child in reversed(item):
            todo += [child.tail or "", child]
    return "".join(parts)


def format_tmx(units: Iterable[TranslationUnit], tool_version: str) -> str:
    """A TMX 1.4 document holding ``units`` (one ``<tu>`` each)."""
    from xml.sax.saxutils import escape, quoteattr  # 50 ms to import: only when writing

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="xlate" creationtoolversion={quoteattr(tool_version)}'
        ' datatype="plaintext" segtype="sentence" adminlang="en" srclang="*all*" o-tmf="xlate"/>',
        "  <body>",
    ]
    for unit in units:
        tuid = f" tuid={quoteattr(unit.tuid)}" if unit.tuid else ""
        lines += [
            f"    <tu{tuid}>",
            f'      <tuv xml:lang="{unit.source_lang}"><seg>{escape(unit.source)}</seg></tuv>',
            f'      <tuv xml:lang="{unit.target_lang}"><seg>{escape(unit.target)}</seg></tuv>',
            "    </tu>",
        ]
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)
