"""MIME containers through the standard ``email`` package: MHTML pages (Chrome's and Edge's
"save as single file", ``.mhtml``/``.mht``) and e-mails (``.eml``, newsletters).

An MHTML page is its ``text/html`` part, decoded in the charset the part names, and read as
an HTML page; its address comes from the page, else from the MHTML headers. An e-mail is its
HTML part, else its plain-text part; its subject is the headline, its date the publication
time, and its sender the outlet when the message names none better.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage, Message
from pathlib import Path

from xlate.errors import FormatError
from xlate.ingest.decode import named_text
from xlate.ingest.furniture import paragraph_blocks, strip_boilerplate
from xlate.ingest.html import html_article
from xlate.ingest.pagemeta import normal_time
from xlate.ingest.paths import article_stem
from xlate.model import Article, FrozenDict
from xlate.textsafe import shown_path


def read_mhtml(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """The page of an MHTML file: its first ``text/html`` part."""
    message = _message(data, path)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise FormatError(path, "MHTML without an HTML part (text/html), nothing to read")
    html, used = part_text(part, path, encoding)
    article = html_article(html, path, stem=shown_path(article_stem(path)))
    address = str(part.get("Content-Location") or message.get("Snapshot-Content-Location") or "")
    saved = normal_time(str(message.get("Date") or ""))
    return [
        replace(
            article,
            url=article.url or address.strip(),
            title=article.title or _header(message, "Subject"),
            encoding=used,
            extra=FrozenDict({"saved": saved} if saved else {}),
        )
    ]


def read_email(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """The article of an e-mail: its HTML body, else its plain-text one."""
    message = _message(data, path)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise FormatError(path, "e-mail without a text or HTML body, nothing to read")
    text, used = part_text(body, path, encoding)
    subject = _header(message, "Subject")
    sent = normal_time(_header(message, "Date"))
    sender = _sender(message)
    if body.get_content_type() == "text/html":
        article = html_article(text, path, stem=shown_path(article_stem(path)), link_lists=True)
        article = replace(
            article,
            title=subject or article.title,
            outlet=article.outlet or sender,
            published=article.published or sent,
            date=article.date or sent[:10],
        )
    else:
        kept, removed = strip_boilerplate(text.replace("\r\n", "\n").split("\n"))
        article = Article(
            id=shown_path(article_stem(path)),
            path=shown_path(path),
            text="\n\n".join(paragraph_blocks(kept)),
            title=subject,
            outlet=sender,
            date=sent[:10],
            published=sent,
            removed=tuple(removed),
        )
    if not article.text.strip():
        raise FormatError(path, "e-mail whose body holds no text")
    return [replace(article, encoding=used)]


def _message(data: bytes, path: Path) -> EmailMessage:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise FormatError(path, f"MIME message that cannot be parsed ({exc})") from None
    assert isinstance(message, EmailMessage)  # the default policy's message class
    return message


def part_text(part: Message, path: Path, encoding: str | None) -> tuple[str, str]:
    """The text of a MIME part, in the charset it names (:func:`named_text`)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise FormatError(path, f"{part.get_content_type()} part without content")
    named = part.get_content_charset() or ""
    return named_text(payload, named, path, encoding, "the part's charset")


def _header(message: EmailMessage, name: str) -> str:
    try:
        return " ".join(str(message.get(name) or "").split())
    except (ValueError, TypeError, LookupError):
        return ""  # a header whose encoded words name no charset Python has


def _sender(message: EmailMessage) -> str:
    """The sender's display name, else their address."""
    try:
        sender = message.get("From")
        addresses = getattr(sender, "addresses", ())
    except (ValueError, TypeError, LookupError):
        return ""
    if addresses:
        return str(addresses[0].display_name or addresses[0].addr_spec)
    return " ".join(str(sender or "").split())
