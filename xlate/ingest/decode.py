"""Bytes to text: a byte-order mark wins, then strict UTF-8, then UTF-8 with a few bad bytes
replaced (only for text that is otherwise multi-byte UTF-8), then cp1252 (Latin-1's superset)
for single high bytes between ASCII, then charset-normalizer's best guess; ``encoding=``
overrides all. Files that are not text at all (images, archives, executables) are refused
with what they are.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from xlate.errors import EncodingError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x7fELF", "an executable"),
)


def named_text(
    data: bytes, named: str, path: str | Path, encoding: str | None, whose: str
) -> tuple[str, str]:
    """``data`` decoded in the encoding its container names (``whose``: a MIME part's
    charset, a web archive's text encoding) when Python knows it as a text encoding, and
    ``encoding=`` does not say otherwise; else (none named, an unknown or hostile name such
    as a compression codec) detected as any file is, and the encoding says so."""
    if encoding is None and named:
        try:
            if codecs.lookup(named)._is_text_encoding:
                return data.decode(named, errors="replace"), named
        except (LookupError, ValueError):
            pass
        text, used = decode(data, path)
        return text, f"{used} ({whose} {named[:40]!r} is not a text encoding)"
    return decode(data, path, encoding)


def decode(data: bytes, path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """``data`` as text, and the name of the encoding it was read in."""
    if encoding:
        problem = text_encoding(encoding)
        if problem:
            raise EncodingError(path, problem)
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise EncodingError(path, f"not valid {encoding} at byte {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise EncodingError(path, f"not valid {name} at byte {exc.start}") from None
    unmarked = utf16_unmarked(data[:4096])
    if unmarked:
        try:
            return data.decode(unmarked), unmarked
        except UnicodeDecodeError as exc:
            raise EncodingError(path, f"not valid {unmarked} at byte {exc.start}") from None
    if _ISO_2022_JP.search(data):  # 7-bit, so valid UTF-8 too: its shifts tell it
        try:
            return data.decode("iso-2022-jp"), "iso-2022-jp"
        except UnicodeDecodeError as exc:
            raise EncodingError(
                path,
                f"not valid ISO-2022-JP at byte {exc.start} (its shifts into Japanese are there); "
                "give --encoding to read it otherwise",
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with a few corrupt bytes stays UTF-8: the bytes become U+FFFD, visibly, instead of
    # another codec garbling every valid multi-byte character of the file.
    repaired, bad = utf8_replacing(data)
    if _looks_like_utf8(data) and bad <= bad_byte_budget(len(data)):
        return repaired, _repaired_name(bad)
    runs = [len(run) for run in _HIGH_RUN.findall(data)]
    western = _western_single_byte(data, runs)
    if western:
        return data.decode(western), western
    if max(runs) <= 3 and bad <= bad_byte_budget(len(data)):
        # Stray bytes in ASCII that no Western codec reads as text (ÿþ, \x81): UTF-8 damaged,
        # shown as U+FFFD, not a guessed codec's garbage. Cyrillic or Japanese words are
        # longer runs of high bytes and go to charset-normalizer.
        return repaired, _repaired_name(bad)
    from charset_normalizer import from_bytes

    candidates = list(from_bytes(data))
    best = _prefer_japanese(candidates) if candidates else None
    if best is None or not _HIRAGANA.search(str(best)):
        japanese = _strict_japanese(data)
        if japanese:
            return japanese
    if best is None:
        raise EncodingError(
            path,
            f"not valid UTF-8 (first bad byte at {first_bad}) and no single encoding fits: the "
            "file may mix encodings; give --encoding to read it as one",
        )
    return str(best), best.encoding


# Japanese prose writes its particles and endings in hiragana (の, は, を, した). Bytes that
# decode without error as Shift_JIS or EUC-JP into text with a tenth of its non-ASCII
# characters in hiragana are Japanese: Russian in a single-byte codec read so gives kanji,
# half-width katakana and private-use characters, and never that much hiragana.
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_STRICT_JAPANESE = ("cp932", "euc_jp")  # cp932: Shift_JIS with Windows' additions


def _strict_japanese(data: bytes) -> tuple[str, str] | None:
    """``data`` read, without error, as Japanese prose, and the codec that reads it; or None.

    charset-normalizer finds no encoding for some Japanese news in Shift_JIS and EUC-JP
    (full-width Latin letters beside ASCII: "（中京テレビＮＥＷＳ）"), or ranks UTF-16 first."""
    for codec in _STRICT_JAPANESE:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = sum(1 for c in text if not c.isascii())
        if wide and len(_HIRAGANA.findall(text)) * 10 >= wide:
            return text, codec
    return None


# ISO-2022-JP's shift into JIS X 0208 (ESC $ B, ESC $ @), as Japanese e-mail and old pages use
_ISO_2022_JP = re.compile(rb"\x1b\$[B@]")


def _repaired_name(bad: int) -> str:
    return f"utf-8 ({bad} invalid byte(s) replaced)"


_REPAIRED = re.compile(r"utf-8 \(\d+ invalid byte\(s\) replaced\)")


def is_repaired_utf8(name: str) -> bool:
    """Whether ``name`` is what :func:`decode` reports for UTF-8 with bad bytes replaced:
    not a codec (reading such a file again, detection repairs it again)."""
    return _REPAIRED.fullmatch(name) is not None


def text_encoding(name: object) -> str | None:
    """Why ``name`` cannot read bytes as text (not a string, unknown, or a codec such as
    ``undefined`` or ``rot13`` that decodes no bytes), or None when it can."""
    if not isinstance(name, str):
        return f"encoding {name!r} is not a name"
    try:
        b"a".decode(name)
    except UnicodeDecodeError:
        pass  # a codec for text that ``a`` alone is not (UTF-16)
    except LookupError:
        return f"unknown encoding {name!r}"
    except (UnicodeError, TypeError, ValueError):
        return f"encoding {name!r} cannot read text"
    return None


def utf8_replacing(data: bytes) -> tuple[str, int]:
    """``data`` as UTF-8 with bad bytes as U+FFFD, and how many replacements were made."""
    text = data.decode("utf-8", errors="replace")
    return text, text.count("\ufffd") - data.count("\ufffd".encode())


def bad_byte_budget(size: int) -> int:
    """How many bad bytes a UTF-8 file of ``size`` bytes may have and still be read as UTF-8."""
    return max(8, size // 200)


_HIGH_BYTES = bytes(range(0x80, 0x100))


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _looks_like_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes are mostly well-formed UTF-8 (multi-byte) sequences.

    A file with none at all is not UTF-8 with a few bad bytes (a cp1252 "Café" is not).
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return True
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return valid > 0 and valid * 2 >= high


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# What Western text saved as cp1252 or Latin-1 writes with its high bytes: letters (é ü ñ ß),
# typographic punctuation (“ ” ‘ ’ – — … «), currency (€ £), and a few signs (° § © ® ™).
_WESTERN = re.compile(r"[^\W\d_]|[“”‘’‚„–—…«»‹›•€£¥¢°§©®™±×÷·¹²³¼½¾¡¿\xa0]")


def _western_single_byte(data: bytes, runs: list[int]) -> str | None:
    """``cp1252`` (Latin-1's superset) when ``data``, whose runs of high bytes have the lengths
    ``runs``, has the signature of Western single-byte text: its high bytes stand alone (or in
    twos, "öß") between ASCII, and each reads as a letter or a typographic sign. Cyrillic
    single-byte text writes whole words of high bytes, Japanese double-byte text runs of
    pairs; neither passes."""
    if not runs or max(runs) > 2:
        return None
    try:
        decoded = bytes(b for b in set(data) if b >= 0x80).decode("cp1252")
    except UnicodeDecodeError:  # 81 8D 8F 90 9D: C1 controls in Latin-1, text in neither
        return None
    return "cp1252" if all(_WESTERN.match(ch) for ch in decoded) else None


# charset-normalizer is asked about every encoding it knows: restricting it to the ones saved
# ru/ja/en pages use is 4x faster but decodes Greek or Arabic bytes as confident Cyrillic.
_KANA = re.compile(r"[\u3040-\u30ff]")


_KOREAN_OR_CHINESE = frozenset(
    "cp949 euc_kr johab iso2022_kr gb2312 gbk gb18030 hz big5 big5hkscs cp950".split()
)


_JAPANESE = frozenset(
    "euc_jp euc_jis_2004 euc_jisx0213 shift_jis cp932 shift_jis_2004 shift_jisx0213 "
    "iso2022_jp".split()
)


def _prefer_japanese(candidates: list[Any]) -> Any:
    """The library's best guess, except for one known ambiguity of the EUC family.

    EUC-JP bytes are also valid EUC-KR and GB codes, and charset-normalizer may rank the
    Korean or Chinese reading first. When it does, a Japanese reading among its next guesses
    that contains kana (which Korean and Chinese text never has) wins.
    """
    first = candidates[0]
    if first.encoding in _KOREAN_OR_CHINESE:
        for match in candidates[1:5]:
            if match.encoding in _JAPANESE and _KANA.search(str(match)):
                return match
    return first


def sniff_binary(data: bytes, path: str | Path, encoding: str | None = None) -> None:
    """Refuse images, archives and executables with a message saying what the file is. Text
    in UTF-16 or UTF-32 (a mark, ``encoding``, or UTF-16 without a mark) holds NUL bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not an article")
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _wide(encoding) or utf16_unmarked(head):
        return
    if b"\x00" in head:
        raise InputError(
            path,
            "binary file (contains NUL bytes), not an article; if it is text in UTF-16 or "
            "UTF-32, give --encoding",
        )
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if controls >= max(8, len(head) // 100):
        raise InputError(
            path,
            f"binary file ({controls} control bytes in its first {len(head):,}), not an article",
        )


def _wide(encoding: str | None) -> bool:
    return bool(encoding) and str(encoding).replace("_", "-").lower().startswith(
        ("utf-16", "utf-32", "utf16", "utf32")
    )


def utf16_unmarked(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text saved in UTF-16 without a byte-order mark (as
    some Windows tools save it), or None. Only a head with NUL bytes is asked (text in any
    other encoding has none): it is UTF-16 when it decodes so (a character cut at the
    head's end aside) into text, nearly all of it letters, digits, spaces and punctuation,
    with no control character but tab and line breaks, and either nearly all its NULs fall
    on one side of the pairs (the high bytes of the spaces, digits and Latin letters of
    English and Russian) or a tenth of its letters are kana or Hangul (Japanese, Korean).
    Chinese without a mark needs ``--encoding``."""
    if len(head) < 8 or b"\x00" not in head:
        return None
    firsts, seconds = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    for nuls, others, name in ((seconds, firsts, "utf-16-le"), (firsts, seconds, "utf-16-be")):
        try:
            text = codecs.getincrementaldecoder(name)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        # English, Russian: spaces, digits (a character past U+FFFF may hold a NUL elsewhere)
        ascii_side = others <= pairs // 100 and nuls >= pairs // 10
        if (ascii_side or _kana_share(text) >= 0.1) and _reads_as_text(text):
            return name
    return None


def _kana_share(text: str) -> float:
    """The share of kana and Hangul among ``text``'s letters: Japanese (and Korean) text has
    plenty, bytes of another kind read as UTF-16 (ASCII pairs give 扡 敤) next to none."""
    letters = [ch for ch in text if ch.isalpha()]
    own = sum("\u3040" <= ch <= "\u30ff" or "\uac00" <= ch <= "\ud7af" for ch in letters)
    return own / len(letters) if letters else 0.0


def _reads_as_text(text: str) -> bool:
    """Whether decoded ``text`` is text, not bytes read as characters: no control character
    but tab and line breaks, and nearly all letters, digits, spaces and punctuation (bytes
    read as UTF-16 fall in unassigned, private or symbol ranges as often as not)."""
    if not text or any(ch < " " and ch not in "\t\n\r" for ch in text):
        return False
    import unicodedata

    readable = sum(unicodedata.category(ch)[0] in "LNPZ" or ch in "\t\n\r" for ch in text)
    return readable >= 0.95 * len(text)


# Bytes no text in any encoding xlate reads holds more than a few of: C0 controls but tab, the
# line breaks, form feed, and ESC, SO and SI (ISO-2022-JP's shifts)
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 14, 15, 27))


def stream_codec(head: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """The codec and the name to report, for a file starting with ``head``."""
    if encoding:
        problem = text_encoding(encoding)
        if problem:
            raise EncodingError(path, problem)
        return encoding, encoding
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, name
    unmarked = utf16_unmarked(head[:4096])
    if unmarked:
        return unmarked, unmarked
    whole_lines = head[: head.rfind(b"\n") + 1] or head
    _, used = decode(whole_lines, path)
    return ("utf-8", "utf-8") if used.startswith("utf-8 (") else (used, used)
