"""Small files of every saved-page format, with real structure, built by the tests that read
them: MHTML (as Chrome writes it), Safari web archives, e-mail, PDF (written object by object,
with a text layer, without one, encrypted, or with many pages), Word .docx (python-docx), RSS
and Atom.
"""

from __future__ import annotations

import io
import textwrap
import zlib
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime

MOSCOW = timezone(timedelta(hours=3))

PARAGRAPHS = [
    "Russian Deputy Foreign Minister Andrey Rudenko said Moscow would keep answering "
    "Tokyo's sanctions with countermeasures of its own.",
    "He told the state news agency that Japan had chosen confrontation and that the "
    "decision would not go unanswered in the coming months.",
    "Japan's foreign ministry declined to comment on the remarks on Tuesday evening.",
]
TITLE = "Moscow vows response to Tokyo sanctions"


def article_html(
    *, head: str = "", charset: str = "utf-8", paragraphs: list[str] | None = None
) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{TITLE} | Pacific Ledger</title>
{head}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>{TITLE}</h1>
{body}
</article></main>
<footer><a href="/about">About us</a></footer></body></html>"""


def mhtml(html: str, charset: str = "utf-8", url: str = "https://example.com/a") -> bytes:
    """An MHTML file as Chrome saves one: multipart/related, the page quoted-printable."""
    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = url
    message["Subject"] = TITLE
    message["Date"] = "Wed, 20 Nov 2024 08:00:00 +0000"
    page = MIMEText(html, "html", charset)
    page["Content-Location"] = url
    message.attach(page)
    style = MIMEText("body { color: black }", "css")
    style["Content-Location"] = "https://example.com/style.css"
    message.attach(style)
    return message.as_bytes()


def webarchive(
    html: str,
    charset: str = "utf-8",
    *,
    kind: str = "text/html",
    binary: bool = True,
    url: str = "https://example.com/a",
) -> bytes:
    """A Safari web archive: a property list (binary, as Safari writes it; XML, as older
    ones are) whose main resource is the page, with an image beside it."""
    import plistlib

    archive = {
        "WebMainResource": {
            "WebResourceData": html.encode(charset),
            "WebResourceFrameName": "",
            "WebResourceMIMEType": kind,
            "WebResourceTextEncodingName": charset.upper(),
            "WebResourceURL": url,
        },
        "WebSubresources": [
            {
                "WebResourceData": b"\x89PNG\r\n\x1a\n",
                "WebResourceMIMEType": "image/png",
                "WebResourceURL": "https://example.com/logo.png",
            }
        ],
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY if binary else plistlib.FMT_XML)


def email_bytes(*, html: bool = True, charset: str = "utf-8") -> bytes:
    message = EmailMessage()
    message["From"] = "Pacific Ledger Briefing <briefing@ledger.example>"
    message["To"] = "reader@example.com"
    message["Subject"] = TITLE
    message["Date"] = format_datetime(datetime(2024, 11, 19, 9, 40, tzinfo=MOSCOW))
    message.set_content("\n\n".join(PARAGRAPHS), charset=charset)
    if html:
        message.add_alternative(article_html(), subtype="html")
    return message.as_bytes()


def pdf(
    pages: list[list[str]] | None = None,
    *,
    title: str = "",
    created: str = "D:20241119094000+03'00'",
    content: bytes | None = None,
    page_count: int | None = None,
    producer: str = "",
) -> bytes:
    """A PDF written object by object: one page per list of lines (Helvetica), an /Info
    with ``title`` (and ``producer``); ``content`` replaces every page's content stream
    (compressed); ``page_count`` makes that many pages sharing one content stream."""
    pages = pages if pages is not None else [[TITLE, "", *PARAGRAPHS]]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    made_by = b" /Producer (" + producer.encode("latin-1") + b")" if producer else b""
    info = add(
        b"<< /Title ("
        + title.encode("latin-1")
        + b") /CreationDate ("
        + created.encode()
        + b")"
        + made_by
        + b" >>"
    )
    kids: list[int] = []
    if page_count is not None:
        stream = add(_stream(content or b"BT /F1 12 Tf 72 720 Td (One page of many) Tj ET"))
        for _ in range(page_count):
            kids.append(add(_page(tree, font, stream)))
    for lines in pages:
        if content is not None:
            stream = add(_stream(content))
        else:
            ops = [b"BT /F1 11 Tf 14 TL 72 760 Td"]
            for line in lines:  # wrapped as a writer would, at about 80 characters
                for row in textwrap.wrap(line, 80) or [""]:
                    ops.append(b"(" + row.encode("cp1252") + b") '")
            ops.append(b"ET")
            stream = add(_stream(b"\n".join(ops)))
        kids.append(add(_page(tree, font, stream)))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[tree - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _page(tree: int, font: int, stream: int) -> bytes:
    return (
        f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] "
        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {stream} 0 R >>"
    ).encode()


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return (
        f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
        + packed
        + b"\nendstream"
    )


def encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(*, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.core_properties.author = "Anna Petrova"
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Sanctions"
    table.rows[0].cells[1].text = "widened in November"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rss(items: int = 2, *, full: bool = True) -> bytes:
    entries = []
    for i in range(items):
        content = (
            f"<content:encoded><![CDATA[<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>]]>"
            "</content:encoded>"
            if full and i == 0
            else ""
        )
        entries.append(
            f"<item><title>Item {i + 1}: {TITLE}</title>"
            f"<link>https://ledger.example/{i + 1}</link>"
            f"<pubDate>Tue, 19 Nov 2024 09:{i % 60:02d}:00 +0300</pubDate>"
            f"<dc:creator>Anna Petrova</dc:creator>"
            f"<description>{PARAGRAPHS[2]}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Pacific Ledger</title><link>https://ledger.example/</link>"
        "<description>News</description>" + "".join(entries) + "</channel></rss>"
    ).encode()


def atom() -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Severny Vestnik</title>'
        '<link href="https://vestnik.example/"/><updated>2024-11-19T10:00:00Z</updated>'
        "<entry><title>Руденко: Москва ответит</title>"
        '<link rel="alternate" href="https://vestnik.example/48213"/>'
        "<published>2024-11-19T09:40:00+03:00</published>"
        "<updated>2024-11-19T11:05:00+03:00</updated>"
        "<author><name>Отдел политики</name></author>"
        '<content type="html">&lt;p&gt;Москва продолжит жёстко отвечать.&lt;/p&gt;'
        "&lt;p&gt;Токио выбрал конфронтацию.&lt;/p&gt;</content></entry></feed>"
    ).encode()
