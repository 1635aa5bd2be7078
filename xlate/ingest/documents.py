"""Documents: PDF (its text layer, through PDFium by pypdfium2) and Word ``.docx`` (through
python-docx). Each file is one article.

PDFium was chosen by measurement (benchmarks/pdf_bench.py: the fastest of pypdf,
pdfminer.six and pypdfium2, and the text the other two agree with most). A PDF with more
than MAX_PDF_PAGES pages is refused before any page is read, and one without a text layer (a
scan) is refused with "no text layer: needs OCR". A ``.docx`` is a zip: its parts' unpacked
sizes are checked against MAX_UNPACKED_BYTES before anything is unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from xlate.errors import DependencyError, FormatError
from xlate.ingest.furniture import paragraph_blocks
from xlate.ingest.pagemeta import normal_time
from xlate.ingest.paths import article_stem
from xlate.limits import MAX_PDF_PAGES, MAX_UNPACKED_BYTES
from xlate.model import Article
from xlate.textsafe import plural, shown_path


def read_pdf(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """The article of a PDF's text layer; its title from the metadata, else its first line."""
    try:
        import pypdfium2
    except ImportError as exc:
        raise DependencyError(f"PDF reading is unavailable ({exc}); reinstall xlate") from None
    if not data.startswith(b"%PDF-"):
        raise FormatError(path, "not a PDF (it does not start with %PDF-)")
    _check_streams(data, path)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise FormatError(path, _pdf_problem(str(exc))) from None
    try:
        pages = len(document)
        if pages > MAX_PDF_PAGES:
            raise FormatError(
                path, f"PDF of {pages:,} pages, over the {MAX_PDF_PAGES:,}-page limit"
            )
        texts = [_page_text(document, i) for i in range(pages)]
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    pages_lines = [text.splitlines() for text in texts]
    # every page's furniture stripped (a list, not any(): that stopped at the first page)
    printed = _browser_print(info) and any([_strip_print_furniture(p) for p in pages_lines])
    removed = _strip_running_lines(pages_lines)
    lines = [line.rstrip() for page in pages_lines for line in (*page, "")]
    if not any(line.strip() for line in lines):
        raise FormatError(path, f"no text layer: needs OCR ({plural(pages, 'page')} of images)")
    title = " ".join(str(info.get("Title", "")).split())
    if _FILE_NAME.fullmatch(title):  # a browser names a page without a title by its file
        title = ""
    if not title:
        title, lines = _first_line(lines)
    paragraphs = list(paragraph_blocks(lines))
    # a page a browser printed was dated when it was printed, which says nothing of when the
    # article was published: the file's time stands in, as for any saved page
    published = "" if printed else _pdf_time(str(info.get("CreationDate", "")))
    return [
        Article(
            id=shown_path(article_stem(path)),
            path=shown_path(path),
            text="\n\n".join(paragraphs),
            title=title,
            date=published[:10],
            published=published,
            modified="" if printed else _pdf_time(str(info.get("ModDate", ""))),
            author=" ".join(str(info.get("Author", "")).split()),
            removed=tuple(removed),
        )
    ]


# A document's running header and footer, and its page numbers: the same short line at the
# top or bottom of many pages ("Shared MIME-info Database"), with a page number beside it or
# not ("Chapter 3: Utilities 6"), and numbers that count the pages ("2", "Page 4 of 12").
_RUNNING_PAGES = 3  # the fewest pages a running line is looked for in, and found on
_RUNNING_CHARS = 80  # a running header or footer is no longer
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*(\d{1,4})\s*[-–—]", re.I
)
_NUMBER_BESIDE = re.compile(r"^\d{1,4}\s+|\s+\d{1,4}$")


def _strip_running_lines(pages: list[list[str]]) -> list[str]:
    """Drop from each page's first and last lines a running header or footer (found on a
    quarter of the pages or more, three at least: a chapter's header runs on its pages
    only) and the page numbers (numbers that go up with the pages); the lines dropped, in
    order. A line that differs but for a number inside ("Moscow, 1 March 2024"), a
    sentence, a label ("Question:") or a number that counts no page is the text's."""
    if len(pages) < _RUNNING_PAGES:
        return []
    enough = max(_RUNNING_PAGES, len(pages) // 4)

    def edges(page: list[str]) -> list[int]:
        filled = [k for k, line in enumerate(page) if line.strip()]
        return sorted({*filled[:_EDGE_LINES], *filled[-_EDGE_LINES:]})

    def key(line: str) -> str:  # the line as it runs: without a page number beside it
        plain = " ".join(line.split())
        if len(plain) > _RUNNING_CHARS or plain.endswith((".", "!", "?", "。", ":")):
            return ""
        return _NUMBER_BESIDE.sub("", plain) if not plain.isdigit() else ""

    def beside(line: str) -> int | None:  # the number beside a line's words, if any
        found = _NUMBER_BESIDE.search(" ".join(line.split()))
        return int(found.group().strip()) if found else None

    def runs(page: list[str], k: int, i: int) -> tuple[str, int | None]:
        """A page's line as it may run: its words, and its number less the page's place."""
        number = beside(page[k])
        return key(page[k]), None if number is None else number - i

    def counts(line: str, i: int) -> int | None:
        """A number alone on a line ("2", "Page 4 of 12"), less the page's place."""
        alone = _PAGE_NUMBER.fullmatch(line.strip())
        return None if alone is None else int(alone[1] or alone[2]) - i

    lines: Counter[tuple[str, int | None]] = Counter()
    offsets: Counter[int] = Counter()
    for i, page in enumerate(pages):
        for k in edges(page):
            if key(page[k]):
                lines[runs(page, k, i)] += 1
            offset = counts(page[k], i)
            if offset is not None:
                offsets[offset] += 1
    # words that run as they are, or beside a number that counts the pages ("Chapter 3:
    # Utilities 6"); not "12 people detained" beside 40, 7 and 3, nor a one-word "Day 3"
    running = {
        (words, offset)
        for (words, offset), n in lines.items()
        if n >= enough and (offset is None or len(words.split()) > 1)
    }
    counting = {o for o, n in offsets.items() if n >= enough}
    drops = [
        [
            k
            for k in edges(page)
            if (key(page[k]) and runs(page, k, i) in running) or counts(page[k], i) in counting
        ]
        for i, page in enumerate(pages)
    ]
    if all(len(d) == sum(1 for x in p if x.strip()) for d, p in zip(drops, pages, strict=True)):
        return []  # nothing would be left: the lines are the text
    removed: list[str] = []
    for page, drop in zip(pages, drops, strict=True):
        removed += [page[k].strip() for k in drop]
        for k in reversed(drop):
            del page[k]
    return removed


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_PIECE = 64 * 1024


def _check_streams(data: bytes, path: Path) -> None:
    """A PDF whose compressed (zlib) streams unpack to more than MAX_UNPACKED_BYTES in all (a
    compression bomb) is refused: each is unpacked a piece at a time and thrown away, so
    this check holds at most a piece in memory. Images are not counted: reading the text
    layer never unpacks them, and large photographs are no bomb."""
    total = 0
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start : start + 1] != b"\x78":  # no zlib header: not Flate, or not a stream
            continue
        head = data[max(0, match.start() - 1024) : match.start()]
        if b"/Image" in head[head.rfind(b"obj") + 1 :]:
            continue  # an image: text extraction never unpacks it
        inflate = zlib.decompressobj()
        position = start
        try:
            while not inflate.eof and position < len(data):
                pending = bytes(view[position : position + _PIECE])
                position += _PIECE
                while pending and not inflate.eof:
                    total += len(inflate.decompress(pending, _PIECE))
                    pending = inflate.unconsumed_tail
                    if total > MAX_UNPACKED_BYTES:
                        raise FormatError(
                            path,
                            f"PDF whose streams unpack to more than {MAX_UNPACKED_BYTES:,} "
                            "bytes, over the limit (a compression bomb?)",
                        )
        except zlib.error:
            continue  # PDFium reads what it can of a damaged stream


# A web page printed to PDF by a browser: each page's header and footer (Chromium: "12/7/26,
# 2:15 PM" with the page's title, and the address with "1/1"; Firefox: "Page 1 of 2").
_BROWSERS = re.compile(r"Skia/PDF|Chrome|Chromium|Firefox|Mozilla|WebKit|Safari|Edg/", re.I)
_PRINT_FURNITURE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AP]M)?(?:\s.*)?"
    r"|(?:https?|file)://\S+\s+\d+\s*/\s*\d+"
    r"|(?:Page\s+)?\d+\s+of\s+\d+",
    re.I,
)
_FILE_NAME = re.compile(r"[\w.-]+\.(?:html?|xhtml|php|aspx?|jsp|pdf|txt)", re.I)


_EDGE_LINES = 3  # a page's header and footer are among its first and last lines of text


def _browser_print(info: dict[str, str]) -> bool:
    """Whether a browser made the PDF, by its Producer or Creator (also a publisher's PDF
    made with headless Chrome: only a page that has the print header or footer loses them)."""
    return bool(_BROWSERS.search(f"{info.get('Producer', '')} {info.get('Creator', '')}"))


def _strip_print_furniture(page: list[str]) -> bool:
    """Drop a browser's header and footer lines from ``page``'s first and last lines (whole
    lines only: "3 of 10 Americans ..." stays); whether any was."""
    edges = {
        *range(min(_EDGE_LINES, len(page))),
        *range(max(0, len(page) - _EDGE_LINES), len(page)),
    }
    furniture = [k for k in sorted(edges) if _PRINT_FURNITURE.fullmatch(page[k].strip())]
    for k in reversed(furniture):
        del page[k]
    return bool(furniture)


def _first_line(lines: list[str]) -> tuple[str, list[str]]:
    """The first line as a title (short, not a sentence), and the lines after it."""
    start = next(i for i, line in enumerate(lines) if line.strip())
    first = lines[start].strip()
    if len(first) > 200 or first.endswith((".", "!", "?", ",", ";", ":")):
        return "", lines
    return first, lines[start + 1 :]


def _page_text(document: object, index: int) -> str:
    page = document[index]  # type: ignore[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_bounded()).replace("\r\n", "\n").replace("\r", "\n")
        finally:
            textpage.close()
    finally:
        page.close()


def _pdf_problem(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF: it needs a password, which xlate does not ask for"
    if "format" in message.lower() or "not found" in message.lower():
        return "damaged PDF: PDFium cannot read its structure"
    return f"PDF that cannot be read ({message})"


_PDF_DATE = re.compile(
    r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?"
)


def _pdf_time(text: str) -> str:
    """A PDF date (``D:20241119094000+03'00'``) as ISO 8601; "" when it is none."""
    match = _PDF_DATE.match(text.strip())
    if match is None:
        return ""
    year, month, day, hour, minute, second, zulu, sign, off_h, off_m = match.groups()
    moment = (
        f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    )
    if zulu:
        moment += "+00:00"
    elif sign:
        moment += f"{sign}{off_h}:{off_m or '00'}"
    return normal_time(moment)


def read_docx(data: bytes, path: Path, encoding: str | None = None) -> list[Article]:
    """The article of a Word document: its paragraphs and tables' text, in order; its title
    from the document's properties, else its first paragraph when that is a heading."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:
        raise DependencyError(f"Word reading is unavailable ({exc}); reinstall xlate") from None
    _check_zip(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FormatError(path, f"not a Word document that can be read ({exc})") from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError: a damaged part
        raise FormatError(path, f"damaged Word document ({exc})") from None
    paragraphs: list[tuple[str, str]] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                paragraphs.append(("", " | ".join(c for c in cells if c)))
        else:
            paragraphs.append((block.style.name if block.style else "", block.text.strip()))
    paragraphs = [(style, text) for style, text in paragraphs if text]
    if not paragraphs:
        raise FormatError(path, "Word document without text")
    core = document.core_properties
    title = " ".join((core.title or "").split())
    if not title and paragraphs[0][0].startswith(("Title", "Heading")):
        title = paragraphs.pop(0)[1]
    modified = normal_time(core.modified.isoformat()) if core.modified else ""
    return [
        Article(
            id=shown_path(article_stem(path)),
            path=shown_path(path),
            text="\n\n".join(text for _, text in paragraphs),
            title=title,
            modified=modified,
            author=" ".join((core.author or "").split()),
        )
    ]


def _check_zip(data: bytes, path: Path) -> None:
    """A broken zip, or one that would unpack to more than MAX_UNPACKED_BYTES (a compression
    bomb), is refused before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError(path, f"damaged Word document: not a readable zip ({exc})") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormatError(
            path,
            f"Word document that unpacks to {unpacked:,} bytes, over the "
            f"{MAX_UNPACKED_BYTES:,}-byte limit (a compression bomb?)",
        )
    if "word/document.xml" not in names:
        raise FormatError(path, "zip without word/document.xml: not a Word document")
