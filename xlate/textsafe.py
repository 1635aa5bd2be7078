"""Making untrusted article text inert before it reaches a terminal or an export.

Saved pages can carry ANSI/OSC escape sequences, C0/C1 control characters and bidirectional
overrides. :func:`inert` replaces each with a visible stand-in (``\\x1b`` becomes ``␛``, others
``\\u202e``-style), keeping tabs and line breaks. Markup escaping for rich is the renderer's job.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\x1b":
        return "␛"
    return f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}"


def inert(text: str) -> str:
    """``text`` with every control, escape and bidi-override character made visible."""
    return _UNSAFE.sub(_visible, text)


# Characters that survive json.dumps(ensure_ascii=False) raw but act on a terminal or an
# editor: C1 controls and bidirectional overrides (C0 controls json escapes itself).
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_BIDI}]")


def json_inert(encoded: str) -> str:
    """JSON text with C1 controls and bidi overrides written as \\uXXXX escapes.

    The data is unchanged (a JSON reader gets the same strings back); only the bytes on
    disk or on a terminal become inert. Such characters can only occur inside JSON strings.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# Characters that open Markdown (or inline HTML) constructs wherever they stand; "#", "-" or
# "1." open something only at a line start, which inline article text never occupies. "&"
# opens a character reference ("&#x202e;" renders as a live bidi override).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md(text: object) -> str:
    """Article text safe in Markdown: controls visible, metacharacters escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", inert(str(text))).replace("\n", " ")


_NAME_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]")


def _name_escape(match: re.Match[str]) -> str:
    ch = match.group()
    if "\udc80" <= ch <= "\udcff":  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    if ch == "\x1b":
        return "␛"
    return f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}"


def shown_path(path: object) -> str:
    """A file name as text that can be printed and written: bytes that are not UTF-8 become
    ``\\xe9``, and every control character (a line break too, which could forge a line of
    output), escape and bidi override becomes an escape like ``\\x0a``."""
    return _NAME_UNSAFE.sub(_name_escape, str(path))


def clipped(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word's end where there is one in its
    second half, with "…" when cut ("'G7 warned Russia of the consequences of…'", not
    "'... of an invasion of Uk'")."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "…"


def plural(count: int, word: str, many: str = "") -> str:
    """``count`` and ``word`` as a user reads them: "1 file", "4 files", "2,000 sentences"
    (``many``: the plural when it is not ``word`` + "s")."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
