"""Every format a journalist saves a page in: each read as one article (a feed as one per
item), with the page's own metadata, and bad input refused in one line naming the file."""

from __future__ import annotations

import gzip
import io
import json
import os
import plistlib
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
import saved_pages as make

from xlate.errors import FormatError, InputError
from xlate.ingest import documents, feeds
from xlate.ingest.formats import read_articles
from xlate.ingest.paths import article_kind, checked_kind

HTML = make.article_html().encode()

KINDS = [
    # (file name, content, the kind it is read as)
    ("page.html", HTML, "html"),
    ("page", HTML, "html"),  # saved without an extension
    ("page.php", HTML, "html"),
    ("page.xhtml", HTML, "html"),
    ("page.mhtml", make.mhtml(make.article_html()), "mhtml"),
    ("page.mht", make.mhtml(make.article_html()), "mhtml"),
    ("renamed.html", make.mhtml(make.article_html()), "mhtml"),
    ("letter.eml", make.email_bytes(), "email"),
    ("letter.txt", make.email_bytes(html=False), "email"),  # read by its headers, not as text
    ("paper.pdf", make.pdf(), "pdf"),
    ("paper", make.pdf(), "pdf"),
    ("memo.docx", make.docx_bytes(), "docx"),
    ("feed.rss", make.rss(), "feed"),
    ("feed.xml", make.atom(), "feed"),
    ("feed", make.atom(), "feed"),
    ("notes.txt", b"Subject lines: are not headers\n\nplain words", "text"),
    ("page.txt", HTML, "html"),
    # compressed with gzip, as the shared page set and crawlers keep pages: the name inside
    ("page.html.gz", gzip.compress(HTML), "html"),
    ("page.mhtml.gz", gzip.compress(make.mhtml(make.article_html())), "mhtml"),
    ("letter.txt.gz", gzip.compress(make.email_bytes(html=False)), "email"),
    ("feed.rss.gz", gzip.compress(make.rss()), "feed"),
    ("paper.pdf.gz", gzip.compress(make.pdf()), "pdf"),
    ("damaged.html.gz", b"not gzip at all", "html"),  # its reader says what is wrong
]


@pytest.mark.parametrize(("name", "data", "kind"), KINDS)
def test_each_file_is_recognised_by_its_suffix_and_content(
    tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert article_kind(path) == kind


NOT_ARTICLES = [
    ("notes.xyz", b"plain words", "unsupported file type '.xyz'"),
    ("README", b"plain words, no page", "unsupported file type '\\(none\\)'"),
    ("logo", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported file type '\\(none\\)'"),
    ("data.xml", b'<?xml version="1.0"?><config><a>1</a></config>', "not an RSS or Atom feed"),
    ("backup.tar.gz", gzip.compress(b"plain words"), "unsupported file type '.tar.gz'"),
    ("words.gz", gzip.compress(b"plain words"), "unsupported file type '.gz'"),
]


@pytest.mark.parametrize(("name", "data", "message"), NOT_ARTICLES)
def test_files_that_are_no_article_are_named_with_the_reason(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        checked_kind(path)
    assert info.value.path == str(path)
    assert article_kind(path) is None  # what a folder walk passes over


UNREADABLE = [
    ("gone", None, "cannot read: No such file or directory"),
    ("folder", "dir", "not a regular file \\(a folder\\)"),
    ("pipe", "fifo", "not a regular file \\(a named pipe \\(FIFO\\)\\)"),
]


@pytest.mark.parametrize(("name", "make", "message"), UNREADABLE)
def test_a_path_with_no_suffix_that_cannot_be_read_says_why(
    tmp_path: Path, name: str, make: str | None, message: str
) -> None:
    """Not "unsupported file type '(none)'", which sent the user looking at the content."""
    path = tmp_path / name
    if make == "dir":
        path.mkdir()
    elif make == "fifo":
        os.mkfifo(path)
    with pytest.raises(InputError, match=message):
        checked_kind(path)


# Paths given that are no readable file: what is wrong is said, not "unsupported file type".
NOT_FILES = [
    ("missing", "cannot read: No such file or directory"),
    ("missing.xyz", "cannot read: No such file or directory"),
    ("folder", "not a regular file \\(a folder\\), not an article"),
]


@pytest.mark.parametrize(("name", "message"), NOT_FILES)
def test_a_path_that_is_no_file_is_named_with_what_is_wrong(
    tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=message):
        checked_kind(tmp_path / name)


def test_translate_names_a_missing_file_as_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xlate.cli.main import main

    missing = tmp_path / "saved-page"
    page = tmp_path / "page.txt"
    page.write_text("The minister arrived in Geneva on Monday.\n", encoding="utf-8")
    argv = ["translate", str(missing), str(page), "--out", str(tmp_path / "out"), "--no-cache"]
    assert main(argv) == 1
    # among other files as when named alone (a trial: two messages for one mistake)
    assert f"xlate: error: {missing}: no such file or folder" in (
        capsys.readouterr().err.splitlines()
    )
    assert main(argv[:2] + argv[3:]) == 1  # nothing else named: stopped before any work
    assert f"xlate: error: {missing}: no such file or folder" in capsys.readouterr().err


def _read(tmp_path: Path, name: str, data: bytes) -> list:  # type: ignore[type-arg]
    path = tmp_path / name
    path.write_bytes(data)
    return read_articles(path)


def _has_body(text: str) -> bool:
    """Every paragraph is in ``text`` (with its line breaks, when a PDF wrapped it)."""
    flat = " ".join(text.split())
    return all(p in flat for p in make.PARAGRAPHS)


@pytest.mark.parametrize("name", ["page.mhtml", "renamed.html"])
@pytest.mark.parametrize("charset", ["utf-8", "koi8-r", "shift_jis"])
def test_mhtml_is_its_html_part_in_its_charset(tmp_path: Path, name: str, charset: str) -> None:
    words = {"koi8-r": "Москва ответит Токио", "shift_jis": "岩屋外相は制裁を維持", "utf-8": "Café"}
    paragraphs = [*make.PARAGRAPHS, f"{words[charset]} " * 12]
    html = make.article_html(charset=charset, paragraphs=paragraphs)
    [article] = _read(tmp_path, name, make.mhtml(html, charset))
    assert _has_body(article.text)
    assert words[charset] in article.text
    assert article.title == make.TITLE
    assert article.url == "https://example.com/a"  # from the MHTML headers
    # the email package writes Japanese parts in the mail charset, ISO-2022-JP
    assert article.encoding == {"shift_jis": "iso-2022-jp"}.get(charset, charset)
    assert article.extra == {"saved": "2024-11-20T08:00:00+00:00"}  # saved, not published


@pytest.mark.parametrize(
    ("name", "charset", "binary"),
    [
        ("page.webarchive", "utf-8", True),  # as Safari writes it
        ("page.webarchive", "windows-1251", True),
        ("page.webarchive", "utf-8", False),  # an older archive, XML
        ("saved-without-suffix", "utf-8", True),  # known by its content
    ],
)
def test_a_safari_web_archive_is_its_main_page(
    tmp_path: Path, name: str, charset: str, binary: bool
) -> None:
    """A trial: Safari's default "Web Archive" was passed over as unsupported."""
    words = "Москва ответит Токио" if charset == "windows-1251" else "Café"
    html = make.article_html(charset=charset, paragraphs=[*make.PARAGRAPHS, f"{words} " * 12])
    [article] = _read(tmp_path, name, make.webarchive(html, charset, binary=binary))
    assert _has_body(article.text) and words in article.text
    assert article.title == make.TITLE
    assert article.url == "https://example.com/a"  # the archive's address
    assert article.encoding == charset.upper()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"bplist00\x00\x01 WebMainResource", "damaged Safari web archive"),
        # a review's fuzzing: XML archives cut short, or naming an encoding nobody has
        (
            b'<?xml version="1.0"?><plist version="1.0"><dict><key>WebMainResource</key><dict>',
            "damaged Safari web archive",
        ),
        (b'<?xml version="1.0" encoding="bogus"?><plist/>', "damaged Safari web archive"),
        (plistlib.dumps({"a": 1}), "no Safari web archive"),
        (make.webarchive("GIF89a", kind="image/gif"), "of a image/gif file, not a web page"),
    ],
)
def test_a_web_archive_that_holds_no_page_says_what_is_wrong(
    tmp_path: Path, data: bytes, message: str
) -> None:
    with pytest.raises(FormatError, match=message):
        _read(tmp_path, "page.webarchive", data)


def test_email_html_part_subject_date_and_sender(tmp_path: Path) -> None:
    [article] = _read(tmp_path, "letter.eml", make.email_bytes())
    assert _has_body(article.text)
    assert article.title == make.TITLE
    assert article.published == "2024-11-19T09:40:00+03:00"
    assert article.date == "2024-11-19"
    assert article.outlet == "Pacific Ledger Briefing"


def test_email_renamed_txt_is_read_without_its_headers(tmp_path: Path) -> None:
    [article] = _read(tmp_path, "letter.txt", make.email_bytes(html=False))
    assert article.text == "\n\n".join(make.PARAGRAPHS)
    assert "Subject:" not in article.text and "From:" not in article.text
    assert article.title == make.TITLE


@pytest.mark.parametrize("charset", ["zlib_codec", "base64", "x-no-such-charset", "rot13"])
def test_email_with_a_hostile_charset_is_read_by_detection(tmp_path: Path, charset: str) -> None:
    data = make.email_bytes(html=False).replace(b'charset="utf-8"', f'charset="{charset}"'.encode())
    assert f'charset="{charset}"'.encode() in data
    [article] = _read(tmp_path, "letter.eml", data)
    assert article.text == "\n\n".join(make.PARAGRAPHS)
    assert "not a text encoding" in article.encoding


def test_xhtml_and_html_without_extension(tmp_path: Path) -> None:
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + make.article_html().replace(
            "<!DOCTYPE html>\n<html", '<html xmlns="http://www.w3.org/1999/xhtml"'
        )
    ).encode()
    for name, data in (("page.xhtml", xhtml), ("saved-page", HTML)):
        [article] = _read(tmp_path, name, data)
        assert _has_body(article.text), name
        assert article.title.startswith(make.TITLE)


def test_pdf_text_layer_title_and_dates(tmp_path: Path) -> None:
    [article] = _read(tmp_path, "paper.pdf", make.pdf())
    assert article.title == make.TITLE  # its first line: the metadata has none
    assert _has_body(article.text)
    assert article.published == "2024-11-19T09:40:00+03:00"
    [titled] = _read(tmp_path, "titled.pdf", make.pdf(title="From the metadata"))
    assert titled.title == "From the metadata"
    assert titled.text.startswith(make.TITLE)


PRINTS = Path(__file__).parent / "data" / "browser-print"


def test_a_page_printed_to_pdf_by_a_browser_keeps_no_print_furniture() -> None:
    # a trial: "12/7/26, 2:15 PM file:///.../pdfsrc.html 1/1" was a sentence only one outlet
    # said, the title was the file's name, and the time of printing the article's date
    [untitled] = read_articles(PRINTS / "chromium-no-title.pdf")
    [titled] = read_articles(PRINTS / "chromium-titled.pdf")
    for article in (untitled, titled):
        assert "file://" not in article.text and "12/7/26" not in article.text
        assert "1/1" not in article.text
        assert (article.date, article.published, article.modified) == ("", "", "")
        assert "Foreign ministers of the Group of Seven warned Russia" in article.text
    assert untitled.title.startswith("G7 warns Russia of massive consequences")  # not page.html
    assert titled.title == "G7 warns Russia - Example News"
    assert titled.text.rstrip().endswith("invaded\nUkraine.")  # the header line is gone


def test_every_page_of_a_browser_print_loses_its_header_and_footer(tmp_path: Path) -> None:
    # the furniture of the first page was dropped and the next pages' kept (a last read)
    pages = [
        [
            f"Body of page {n} says what the article says on it.",
            "",
            "12/7/26, 2:30 PM Title",
            f"file:///tmp/page.html {n}/3",
        ]
        for n in (1, 2, 3)
    ]
    [article] = _read(tmp_path, "print.pdf", make.pdf(pages, producer="Skia/PDF m156"))
    assert "Body of page 3 says" in article.text
    assert "12/7/26" not in article.text and "file://" not in article.text
    assert article.published == ""


def test_a_pdf_made_with_a_browser_engine_keeps_its_body_and_its_date(tmp_path: Path) -> None:
    # a review: lines of the body that look like a print footer were dropped, and a
    # publisher's PDF made with headless Chrome lost its real date
    body = [
        "Poll shows a split electorate",
        "",
        "3 of 10 Americans would vote for him,",
        "the survey found, and the data are at",
        "https://example.org/poll.csv 2/3 of the way down the page.",
        "The rest of the article follows in an ordinary sentence.",
    ]
    [article] = _read(tmp_path, "poll.pdf", make.pdf([body], producer="Skia/PDF m120"))
    assert "3 of 10 Americans" in article.text and "https://example.org/poll.csv" in article.text
    assert article.published == "2024-11-19T09:40:00+03:00"  # no print furniture: its own date


BAD_FILES = [
    (
        "scan.pdf",
        lambda: make.pdf(content=b"0 0 0 rg 72 72 200 200 re f"),
        "no text layer: needs OCR",
    ),
    ("locked.pdf", make.encrypted_pdf, "encrypted PDF: it needs a password"),
    ("cut.pdf", lambda: make.pdf()[:300], "damaged PDF"),
    ("broken.docx", lambda: make.docx_bytes()[:2000], "damaged Word document: not a readable zip"),
    ("empty-zip.docx", lambda: _zip({"a.txt": b"x"}), "not a Word document"),
    ("empty.rss", lambda: make.rss(0), "feed without items"),
    ("bad.rss", lambda: make.rss()[:-30], "feed XML that cannot be read"),
    (
        "entities.rss",
        lambda: (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]>'
            b"<rss><channel>&a;</channel></rss>"
        ),
        "feed XML refused",
    ),
    ("pocket.html", lambda: _link_list(40).encode(), "40 links around 3 words: a list of links"),
    # compressed: named .gz and no gzip, cut short, holding nothing
    ("damaged.html.gz", lambda: b"not gzip at all", "not gzip-compressed data, though named so"),
    ("cut.html.gz", lambda: gzip.compress(HTML)[:-30], "gzip-compressed data cut short"),
    ("empty.txt.gz", lambda: gzip.compress(b"  \n"), "empty file"),
]


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _link_list(count: int) -> str:
    links = "".join(
        f'<li><a href="https://site{i}.example/story">Story number {i} about the summit</a></li>'
        for i in range(count)
    )
    return (
        "<html><head><title>Pocket Export</title></head><body><h1>Unread</h1>"
        f"<ul>{links}</ul><h1>Read Archive</h1></body></html>"
    )


@pytest.mark.parametrize(("name", "build", "message"), BAD_FILES)
def test_bad_files_are_refused_in_one_line_naming_the_file(
    tmp_path: Path,
    name: str,
    build,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / name
    path.write_bytes(build())
    with pytest.raises(InputError, match=message) as info:
        read_articles(path)
    assert str(info.value).startswith(f"{path}: ")
    assert "\n" not in str(info.value)


def test_pdf_with_100000_pages_is_refused_before_reading_them(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    path.write_bytes(make.pdf([], page_count=100_000))
    with pytest.raises(FormatError, match="PDF of 100,000 pages, over the 5,000-page limit"):
        read_articles(path)


def test_pdf_compression_bomb_is_refused_with_memory_bounded(tmp_path: Path) -> None:
    bomb = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (300 * 2**20)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make.pdf(content=bomb))
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match="unpack to more than 268,435,456 bytes"):
            read_articles(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20


def test_docx_paragraphs_tables_and_properties(tmp_path: Path) -> None:
    [article] = _read(tmp_path, "memo.docx", make.docx_bytes())
    assert article.title == make.TITLE  # the first heading
    assert _has_body(article.text)
    assert "Sanctions | widened in November" in article.text
    assert article.author == "Anna Petrova"
    [titled] = _read(tmp_path, "titled.docx", make.docx_bytes(title="Memo title"))
    assert titled.title == "Memo title"


def test_docx_compression_bomb_is_refused_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 4 * 2**20)
    data = _zip(
        {"word/document.xml": b"<w:document>" + b" " * (8 * 2**20), "[Content_Types].xml": b""}
    )
    with pytest.raises(FormatError, match="unpacks to 8,388,"):
        _read(tmp_path, "bomb.docx", data)


def test_rss_items_are_articles_with_the_feed_as_outlet(tmp_path: Path) -> None:
    first, second = _read(tmp_path, "ledger.rss", make.rss())
    assert (first.id, second.id) == ("ledger-1", "ledger-2")
    assert first.outlet == second.outlet == "Pacific Ledger"
    assert first.title == f"Item 1: {make.TITLE}"
    assert first.url == "https://ledger.example/1"
    assert first.published == "2024-11-19T09:00:00+03:00"
    assert first.author == "Anna Petrova"
    assert first.text == "\n\n".join(make.PARAGRAPHS[:2])
    assert first.notes == ()
    assert second.text == make.PARAGRAPHS[2]
    assert second.notes == (feeds.SUMMARY_ONLY,)


def test_atom_entry(tmp_path: Path) -> None:
    [entry] = _read(tmp_path, "vestnik.atom", make.atom())
    assert entry.outlet == "Severny Vestnik"
    assert entry.url == "https://vestnik.example/48213"
    assert entry.published == "2024-11-19T09:40:00+03:00"
    assert entry.modified == "2024-11-19T11:05:00+03:00"
    assert entry.author == "Отдел политики"
    assert entry.text == "Москва продолжит жёстко отвечать.\n\nТокио выбрал конфронтацию."


def test_feed_with_100000_items_is_refused_with_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "flood.rss"
    path.write_bytes(make.rss(100_000, full=False))
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match="more than 10,000 items"):
            read_articles(path, max_bytes=200 * 2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * path.stat().st_size


def test_mhtml_part_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    """The bound that keeps a gigabyte-sized part out, tested with a smaller limit."""
    big = make.article_html(paragraphs=[make.PARAGRAPHS[0]] * 20_000)
    path = tmp_path / "big.mhtml"
    path.write_bytes(make.mhtml(big))
    with pytest.raises(InputError, match="over the 1,000,000-byte limit"):
        read_articles(path, max_bytes=1_000_000)


PAGE_METADATA = [
    (
        '<meta property="article:published_time" content="2024-11-19T09:40:00+03:00">'
        '<meta property="article:modified_time" content="2024-11-19T12:00:00+03:00">'
        '<meta property="og:site_name" content="Pacific Ledger">'
        '<meta property="og:url" content="https://ledger.example/a">'
        '<meta name="author" content="Anna Petrova">',
        ("2024-11-19T09:40:00+03:00", "2024-11-19T12:00:00+03:00", "Pacific Ledger",
         "https://ledger.example/a", "Anna Petrova"),
    ),
    (
        '<script type="application/ld+json">'
        + json.dumps({"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "x"},
            {"@type": "NewsArticle", "datePublished": "2024-11-19T06:40:00Z",
             "dateModified": "2024-11-20T06:40:00Z", "url": "https://ledger.example/b",
             "author": [{"@type": "Person", "name": "A. Petrova"}, {"name": "I. Sato"}],
             "publisher": {"@type": "Organization", "name": "Ledger Media"}},
        ]})
        + "</script>",
        ("2024-11-19T06:40:00+00:00", "2024-11-20T06:40:00+00:00", "Ledger Media",
         "https://ledger.example/b", "A. Petrova, I. Sato"),
    ),
    (
        '<link rel="canonical" href="https://ledger.example/c">',
        # no site name: trafilatura's guess, the address's domain
        ("2024-11-18T21:00:00+09:00", "", "ledger.example", "https://ledger.example/c", ""),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("head", "expected"), PAGE_METADATA)
def test_the_pages_own_metadata(tmp_path: Path, head: str, expected: tuple[str, ...]) -> None:
    html = make.article_html(head=head).replace(
        "<h1>", '<time datetime="2024-11-18T21:00:00+09:00">18 Nov</time><h1>'
    )
    [article] = _read(tmp_path, "page.html", html.encode())
    assert (
        article.published,
        article.modified,
        article.outlet,
        article.url,
        article.author,
    ) == expected
    assert article.date == expected[0][:10]
    assert article.metadata()["published"] == expected[0]


@pytest.mark.parametrize(("subtype", "refused"), [("/Image", False), ("/Form", True)])
def test_pdf_bomb_check_counts_what_text_extraction_unpacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subtype: str, refused: bool
) -> None:
    """A large image is no bomb (reading text never unpacks it); a large form (drawn text)
    is."""
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 2**20)
    extra = (
        (
            f"99 0 obj\n<< /Type /XObject /Subtype {subtype} /Width 2048 /Height 1024 "
            "/BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode >>\nstream\n"
        ).encode()
        + zlib.compress(b"\0" * 2 * 2**20)
        + b"\nendstream\nendobj\n"
    )
    path = tmp_path / "scan.pdf"
    path.write_bytes(make.pdf() + extra)
    if refused:
        with pytest.raises(FormatError, match="unpack to more than 1,048,576 bytes"):
            read_articles(path)
    else:
        [article] = read_articles(path)
        assert _has_body(article.text)


def test_a_pdfs_running_header_and_page_numbers_are_furniture(tmp_path: Path) -> None:
    # a trial: a report's running header "Shared MIME-info Database" and its page numbers
    # were sentences of the text
    pages = [
        [
            "Quarterly Sanctions Review",
            f"Paragraph {n} of the review, which says what page {n} says.",
            f"Officials met on day {n} and agreed on nothing.",
            str(n),
        ]
        for n in range(1, 6)
    ]
    [article] = _read(tmp_path, "report.pdf", make.pdf(pages, title="Review"))
    assert "Quarterly Sanctions Review" not in article.text
    assert not [line for line in article.text.split("\n") if line.strip().isdigit()]
    assert "Paragraph 5 of the review" in article.text and "agreed on nothing" in article.text
    assert article.removed == tuple(
        line for n in range(1, 6) for line in ("Quarterly Sanctions Review", str(n))
    )
    # two pages: too few to tell a running line from the text's own
    [short] = _read(tmp_path, "short.pdf", make.pdf(pages[:2], title="Review"))
    assert short.removed == () and "Quarterly Sanctions Review" in short.text


def test_a_pdfs_datelines_labels_and_table_numbers_stay(tmp_path: Path) -> None:
    # a review: digits aside, a digest's datelines, interview labels and a table's numbers
    # at the pages' edges were taken for running lines
    pages = [
        [
            f"Moscow, {n} March 2024",
            "Question:",
            f"What did the minister say on day {n} of the talks?",
            f"{100 * n + 7}",
        ]
        for n in range(1, 6)
    ]
    [article] = _read(tmp_path, "digest.pdf", make.pdf(pages, title="Digest"))
    assert article.removed == ()
    assert "Moscow, 4 March 2024" in article.text and "Question:" in article.text
    assert "407" in article.text
    # a second review: headlines that differ but for a number beside them are no running line
    heads = [
        [f"{n} people detained in Moscow", f"Day {k}", "Police gave no reason for it."]
        for k, n in enumerate((12, 40, 7, 3), 3)
    ]
    [digest] = _read(tmp_path, "heads.pdf", make.pdf(heads, title="Digest"))
    assert digest.removed == () and "40 people detained" in digest.text and "Day 6" in digest.text


def test_a_compressed_page_is_the_page_it_holds(tmp_path: Path) -> None:
    plain = tmp_path / "plain" / "page.html"
    packed = tmp_path / "packed" / "page.html.gz"
    for path in (plain, packed):
        path.parent.mkdir()
    plain.write_bytes(HTML)
    packed.write_bytes(gzip.compress(HTML))
    [a], [b] = read_articles(plain), read_articles(packed)
    assert b.id == a.id == "page"  # not "page.html"
    assert (b.title, b.text, b.outlet, b.date) == (a.title, a.text, a.outlet, a.date)
    # saved still compressed under a page's name (a download kept as the server sent it)
    raw = tmp_path / "raw.html"
    raw.write_bytes(gzip.compress(HTML))
    assert read_articles(raw)[0].text == a.text


def test_a_gzip_bomb_is_refused_with_memory_bounded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"word " * (40 * 2**20)))  # 200 MB in about 200 KB
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="larger decompressed, over the 1,000,000-byte"):
            read_articles(path, max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20


def test_the_shared_page_set_is_read_as_saved() -> None:
    """The 181 real pages ship as .html.gz: a user's folder of them was "passed over 12: 12
    .gz unsupported" (a trial)."""
    from conftest import shared_data

    from xlate.ingest.pile import read_pile

    folder = shared_data("pages", "html")
    pile = read_pile([folder])
    assert not pile.passed_over
    assert len(pile.files) == len(list(folder.glob("*.html.gz"))) > 100
    first = pile.files[0].path
    [article] = read_articles(first)
    assert article.id == first.name.removesuffix(".html.gz") and len(article.text) > 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a whole page: its article, without the menu and the footer
            "<html><head><title>Talks resume</title></head><body><nav>Home | News | Sport"
            "</nav><article><h1>Talks resume</h1><p>The talks will resume next week, officials "
            "said on Monday after the meeting in Geneva.</p><p>Both sides agreed to keep the "
            "channel open, the ministry said in a statement.</p></article><footer>© 2024"
            "</footer></body></html>",
            "The talks will resume next week, officials said on Monday after the meeting in "
            "Geneva.\n\nBoth sides agreed to keep the channel open, the ministry said in a "
            "statement.",
        ),
        (  # a fragment: a paragraph per block
            "<p>The talks will resume next week.</p><p>Both sides agreed to <em>keep</em> it.</p>",
            "The talks will resume next week.\n\nBoth sides agreed to keep it.",
        ),
        ("Plain text that names the <p> tag once stays as it is.", None),
    ],
)
def test_html_saved_as_a_json_articles_text_is_read_as_html(
    tmp_path: Path, text: str, expected: str | None
) -> None:
    """A trial: a scraper's JSON whose "text" held the page's HTML was translated tags and
    all (<html><head><title>..., the menu, the footer)."""
    path = tmp_path / "scraped.json"
    path.write_text(json.dumps({"title": "Talks resume", "text": text}), encoding="utf-8")
    [article] = read_articles(path)
    assert article.text == (text if expected is None else expected)
