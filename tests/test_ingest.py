"""Reading saved articles: formats, encodings, boilerplate, and clear errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import ROOT

from xlate.errors import EncodingError, FormatError, InputError
from xlate.ingest.decode import decode
from xlate.ingest.formats import parse_text, read_articles
from xlate.ingest.furniture import strip_repeated_lines
from xlate.model import Article

RUSSIAN = "Япония сохранит санкции против России, заявил министр."
JAPANESE = "岩屋外相は制裁を維持する考えを示した。"

ENCODINGS = [
    ("utf-8", RUSSIAN, "utf-8"),
    ("utf-8-sig", RUSSIAN, "utf-8-sig"),
    ("utf-16", RUSSIAN, "utf-16"),
    ("cp1251", RUSSIAN * 3, "cp1251"),
    ("koi8-r", RUSSIAN * 3, "koi8-r"),
    ("shift_jis", JAPANESE * 3, "shift_jis"),
    ("euc-jp", JAPANESE * 3, "euc-jp"),
]


@pytest.mark.parametrize(("encoding", "text", "expected"), ENCODINGS)
def test_encodings_are_detected(tmp_path: Path, encoding: str, text: str, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    [article] = read_articles(path)
    assert article.text == text
    # charset-normalizer names some codecs by their superset (cp932 for shift_jis)
    aliases = {"shift_jis": {"shift_jis", "cp932"}, "euc-jp": {"euc_jp", "euc_jis_2004"}}
    assert article.encoding.replace("_", "-") in {
        a.replace("_", "-") for a in aliases.get(expected, {expected})
    }


# Japanese news as agencies and portals write it: full-width Latin letters beside ASCII
# ("ＮＥＷＳ", "ＷｏＷ！"). charset-normalizer finds no encoding for the first two in Shift_JIS
# or EUC-JP, and took the third in Shift_JIS for UTF-16 (a trial's WMT22 news was refused).
JAPANESE_NEWS = [
    "東京・港区の会議場で外相会談（東都テレビＮＥＷＳ ） - Yahoo!ニュース7日午後、"
    "東京都港区の会議場で日露外相会談が開かれた。",
    "（ＷｏＷ！Ｋｏｒｅａ）韓国の外交部は、日本との協議を再開すると明らかにした。",
]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "cp932"])
@pytest.mark.parametrize("text", JAPANESE_NEWS, ids=["tv-news", "wow-korea"])
def test_japanese_news_in_a_legacy_encoding_is_read(encoding: str, text: str) -> None:
    decoded, found = decode(text.encode(encoding), "news.txt")
    assert decoded == text
    assert found in {"cp932", "shift_jis", "euc_jp", "euc_jis_2004"}


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "iso8859_5", "mac_cyrillic"])
def test_russian_in_a_single_byte_encoding_is_never_read_as_japanese(encoding: str) -> None:
    text = RUSSIAN * 3 + " Все ждут ответа Москвы: жёсткого ответа."
    decoded, found = decode(text.encode(encoding), "news.txt")
    assert decoded == text
    assert found not in {"cp932", "euc_jp"}


OTHER_SCRIPTS = [
    ("iso8859_7", "Η κυβέρνηση διατηρεί τις κυρώσεις κατά της Ρωσίας, είπε ο υπουργός. " * 4),
    ("cp1256", "قالت الحكومة إنها ستبقي العقوبات على روسيا ما دامت الحرب مستمرة. " * 4),
]


@pytest.mark.parametrize(("encoding", "text"), OTHER_SCRIPTS)
def test_encodings_of_other_scripts_are_not_mistaken_for_cyrillic(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    [article] = read_articles(path)
    assert article.text == text.strip()


CP1252 = ROOT / "tests" / "data" / "cp1252"


@pytest.mark.parametrize("name", ["cafe.txt", "summit.md", "latin1.txt", "brussels.json"])
def test_cp1252_and_latin1_files_round_trip_exactly(name: str) -> None:
    """Single high bytes between ASCII are cp1252 (Latin-1's superset), never UTF-8 with
    U+FFFD: every accent, curly quote and euro sign comes back, and the encoding says so."""
    path = CP1252 / name
    expected = (CP1252 / f"{name}.utf8").read_text(encoding="utf-8")
    [article] = read_articles(path)
    assert article.encoding == "cp1252"
    assert "\ufffd" not in article.text + article.title
    [again] = parse_text(expected, path, path.suffix, "utf-8")
    assert (article.title, article.text) == (again.title, again.text)
    assert path.read_bytes().decode("cp1252") == expected


DECISIONS = [
    # (bytes, the encoding field): each decision is visible in it
    ("Café, 3 €".encode("cp1252"), "cp1252"),
    (("Обычный текст статьи. " * 10).encode() + b"\xff\xfe", "utf-8 (2 invalid byte(s) replaced)"),
    (
        b"Japan keeps its sanctions \xff\xfe on Russia \x80\x81\x82.",
        "utf-8 (5 invalid byte(s) replaced)",
    ),
    (("Японские санкции остаются в силе. " * 3).encode("cp1251"), "cp1251"),
    ("naïve".encode(), "utf-8"),
]


@pytest.mark.parametrize(("data", "encoding"), DECISIONS)
def test_encoding_decisions(data: bytes, encoding: str) -> None:
    assert decode(data, "a.txt")[1] == encoding


ONE_LINE = [
    ("Привет\n", "Привет"),  # echo "Привет" | xlate detect -
    ("Япония сохранит санкции против России\n", "Япония сохранит санкции против России"),
    ("Headline alone\n\n2024-11-12\n", "Headline alone"),
]


@pytest.mark.parametrize(("text", "body"), ONE_LINE)
def test_a_single_line_is_text_not_a_title_over_nothing(
    tmp_path: Path, text: str, body: str
) -> None:
    article = _text_article(tmp_path, text)
    assert (article.title, article.text) == ("", body)


def test_a_headline_over_text_is_still_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Япония сохранит санкции\n\nМинистр заявил об этом во вторник.\n")
    [article] = read_articles(path)
    assert (article.title, article.text) == (
        "Япония сохранит санкции",
        "Министр заявил об этом во вторник.",
    )


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    [article] = read_articles(path, encoding="cp1251")
    assert (article.text, article.encoding) == (RUSSIAN, "cp1251")


UNMARKED = [  # UTF-16 saved without a byte-order mark, as some Windows tools save it
    ("utf-16-le", "The minister said the talks would resume on Monday in Geneva."),
    ("utf-16-be", RUSSIAN),
    ("utf-16-le", JAPANESE),  # a review: no NUL byte but the line break's
    ("utf-16-be", "一　二。これは" * 3),  # 一 and the ideographic space: NULs on both sides
    ("utf-16-le", "a" * 2046 + "😀 then more words"),  # a character across the head's end
]


@pytest.mark.parametrize(("encoding", "text"), UNMARKED)
def test_utf16_without_a_mark_is_read_not_refused_as_binary(
    tmp_path: Path, encoding: str, text: str
) -> None:
    """A trial: English in UTF-16-LE without a mark was "binary file (contains NUL bytes)",
    even with --encoding utf-16-le."""
    path = tmp_path / "a.txt"
    path.write_bytes(f"{text}\n".encode(encoding))
    for given in (None, encoding):
        [article] = read_articles(path, encoding=given)
        assert (article.text, article.encoding) == (text, encoding)


def test_nul_bytes_on_both_sides_of_a_pair_are_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"ab\x00\x00cd\x00\x00" * 64)
    with pytest.raises(InputError, match="contains NUL bytes"):
        read_articles(path)


def test_wrong_explicit_encoding_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    with pytest.raises(EncodingError, match=r"a\.txt: not valid utf-8 at byte 0"):
        read_articles(path, encoding="utf-8")


def test_plain_text_title_date_and_seed_style_noise(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text(
        "Moscow vows harsh answer\n\nNo time to read?\nGet a summary\n\n"
        "Rudenko spoke to TASS. He warned Tokyo.\n\n"
        "No time to read?\nGet a summary\nPrevious Article\n\nNeighbouring Headline Here\n\n"
        "Next Article\n\nAnother Neighbouring Headline\n",
        encoding="utf-8",
    )
    [article] = read_articles(path)
    assert article.title == "Moscow vows harsh answer"
    assert article.text == "Rudenko spoke to TASS. He warned Tokyo."
    assert "Neighbouring Headline Here" in article.removed
    assert "Another Neighbouring Headline" in article.removed
    assert article.removed.count("Get a summary") == 2


def test_markdown_heading_and_date_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# 見出し\n\n*2024年11月19日*\n\n## 小見出し\n\n本文です。\n", encoding="utf-8")
    [article] = read_articles(path)
    assert (article.title, article.date) == ("見出し", "2024年11月19日")
    assert article.text == "小見出し\n\n本文です。"


def test_html_main_text_metadata_and_no_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "".join(f"<p>{RUSSIAN} Абзац номер {i}.</p>" for i in range(4))
    path.write_text(
        '<html lang="ru"><head><title>Заголовок | Вестник</title>'
        '<meta property="og:site_name" content="Вестник">'
        "<script>alert('x')</script></head><body><nav><a href='/'>Главная</a></nav>"
        f"<article><h1>Заголовок</h1>{body}</article><footer>© Вестник</footer></body></html>",
        encoding="utf-8",
    )
    [article] = read_articles(path)
    assert article.language == "ru"
    assert article.outlet == "Вестник"
    assert article.text.count("\n\n") == 3
    assert "alert" not in article.text and "Главная" not in article.text


@pytest.mark.parametrize(
    ("title", "outlet", "url", "expected"),
    [  # the saved pages' titles (a trial: "... | Editorial" named an event)
        (
            "The Guardian view on Hong Kong | Editorial",
            "the Guardian",
            "",
            "The Guardian view on Hong Kong",
        ),
        ("Opinion | Is Football Violence a Crime?", "WSJ", "", "Is Football Violence a Crime?"),
        (
            "Review - shoots for the moon, lands among the stars - VG247",
            "VG247",
            "",
            "Review - shoots for the moon, lands among the stars",
        ),
        (
            "Fact Check: An Oxygen Bar? - News Nation",
            "https://www.newsnation.in",
            "",
            "Fact Check: An Oxygen Bar?",
        ),
        (
            "Black Friday: le occasioni - Remember 80/90 - Memorabilia",
            "Remember 80/90 - Memorabilia",
            "",
            "Black Friday: le occasioni",
        ),
        (
            "LinkNaija | Kate Henshaw Is Stunning | LinkNaija",
            "LinkNaija",
            "",
            "Kate Henshaw Is Stunning",
        ),
        ("Лавров прибыл в Женеву — РИА Новости", "РИА Новости", "", "Лавров прибыл в Женеву"),
        (
            "Russia - Ukraine talks resume in Istanbul",
            "Reuters",
            "",
            "Russia - Ukraine talks resume in Istanbul",
        ),
        ("Bike review | MoreBikes", "", "https://www.morebikes.co.uk/x", "Bike review"),
        ("RIA Novosti", "RIA Novosti", "", "RIA Novosti"),  # nothing but the name: kept
    ],
)
def test_a_page_title_loses_the_site_name_around_it(
    title: str, outlet: str, url: str, expected: str
) -> None:
    from xlate.ingest.pagemeta import headline

    assert headline(title, outlet, url) == expected


# an article's paragraphs for the pages of the title, author and outlet tests
PAGE_BODY = "".join(
    f"<p>{s}</p>"
    for s in [
        "The ministry said on Tuesday that the sanctions would stay in force for a year.",
        "Officials in Tokyo declined to comment on the decision when asked by reporters.",
        "The talks are due to resume in Geneva next month, diplomats said on Wednesday.",
    ]
)


@pytest.mark.parametrize(
    "masthead",
    [
        '<div id="header"><a href="/"><h1>Entermedia News</h1></a></div>',
        '<header><h1 class="site-title">Entermedia News</h1></header>',
    ],
)
def test_the_sites_own_heading_is_not_the_articles_title(tmp_path: Path, masthead: str) -> None:
    """A trial's Korean page: the title read was the site's name, set in an <h1> linking to
    its home page; the page's <title> held the headline."""
    page = (
        "<html><head><title>Japan keeps its sanctions for a year - Entermedia</title></head>"
        f"<body>{masthead}<article>{PAGE_BODY}</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article] = read_articles(path)
    # the site's name after the <title>'s last separator: the outlet (a review)
    assert (article.title, article.outlet) == ("Japan keeps its sanctions for a year", "Entermedia")


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        # the page set's: a byline's label, a date or a word run on after the name
        ("By TOM KRISHER, AP Auto Writer", "TOM KRISHER, AP Auto Writer"),
        ("Текст Венера Ерофеева", "Венера Ерофеева"),
        ("Carrie Arnold November 15, 2019", "Carrie Arnold"),
        ("Detroit News wire services Published", "Detroit News wire services"),
        ("Jane Doe 15.11.2019", "Jane Doe"),
        # a month alone may be a name
        ("Theresa May", "Theresa May"),
        ("Mark Mayfield", "Mark Mayfield"),
        ("Textor Smith", "Textor Smith"),
    ],
)
def test_an_author_is_a_name_without_the_bylines_words(byline: str, name: str) -> None:
    from xlate.ingest.html import byline_name

    assert byline_name(byline) == name


def test_a_sites_twitter_handle_taken_for_its_name_loses_its_underscores(tmp_path: Path) -> None:
    # a trial: wday.ru's pages had the outlet "Wday_", from <meta name="twitter:site">
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><title>Sanctions stay</title><meta name="twitter:site" content="@Wday_">'
        f"</head><body><article>{PAGE_BODY}</article></body></html>",
        encoding="utf-8",
    )
    assert read_articles(path)[0].outlet == "Wday"


def test_a_page_outlet_is_a_name_not_a_generic_host_label() -> None:
    from xlate.ingest.pagemeta import site_outlet

    # a trial: AP's pages on hosted.ap.org showed as the outlet "Hosted"
    assert site_outlet("Hosted", "https://hosted.ap.org/article/x") == "ap.org"
    assert site_outlet("News", "https://news.bbc.co.uk/1/hi/world") == "bbc.co.uk"
    assert site_outlet("https://www.newsnation.in", "") == "newsnation.in"
    assert site_outlet("ProFootballTalk", "https://profootballtalk.nbcsports.com/x") == (
        "ProFootballTalk"
    )
    assert site_outlet("Вестник", "") == "Вестник"


def test_a_page_whose_metadata_is_known_gives_the_same_text_without_extracting_it() -> None:
    page = Path(__file__).parent.parent / "samples/japan-sanctions/articles/severny-vestnik.html"
    [full] = read_articles(page)
    [known] = read_articles(page, known_title=full.title)
    assert full.title and full.date and full.outlet  # the page's metadata, extracted
    assert (known.text, known.title, known.removed) == (full.text, full.title, full.removed)
    assert (known.date, known.outlet, known.url) == ("", "", "")  # not extracted


def test_json_fields_are_mapped_and_unknown_fields_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    record = {
        "headline": "H",
        "content": RUSSIAN,
        "published": "2024-11-19",
        "lang": "ru",
        "site_name": "Вестник",
        "scraper": "newsgrab",
        "tags": ["x"],
    }
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [article] = read_articles(path)
    assert (article.title, article.date, article.language, article.outlet) == (
        "H",
        "2024-11-19",
        "ru",
        "Вестник",
    )
    assert article.extra == {"scraper": "newsgrab", "tags": ("x",)}  # frozen: lists as tuples


@pytest.mark.parametrize(
    ("given", "date", "published"),
    [
        # a trial: a scraper's time stood whole as the date, where every other article's
        # date is its day
        ("2021-11-21T09:00:00+09:00", "2021-11-21", "2021-11-21T09:00:00+09:00"),
        ("2021-11-21 09:00:00", "2021-11-21", "2021-11-21T09:00:00"),
        ("2021-11-21", "2021-11-21", ""),
        ("21 November 2021", "21 November 2021", ""),  # as written: compare reads it
        ("20211121", "2021-11-21", ""),  # a review: a day is no time at midnight
        ("20211121T0900", "2021-11-21", "2021-11-21T09:00:00"),
    ],
)
def test_a_json_articles_time_gives_its_day_as_the_date(
    tmp_path: Path, given: str, date: str, published: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": RUSSIAN, "published": given}), encoding="utf-8")
    [article] = read_articles(path)
    assert (article.date, article.published) == (date, published)


def test_jsonl_gives_one_article_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": f"Text {i}."}) for i in range(3)]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert [a.id for a in read_articles(path)] == ["n0", "n1", "n2"]


BAD = [
    ("empty.txt", b"", InputError, "empty file"),
    ("blank.txt", b"  \n\n ", InputError, "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, InputError, "binary file \\(a PNG image\\)"),
    # read as the page it holds (a download kept as the server sent it), which has no text
    ("archive.html", gzip.compress(b"<html></html>"), FormatError, "no article text"),
    ("archive.txt", gzip.compress(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), InputError, "a PNG"),
    ("nul.txt", b"abc\x00def" * 10, InputError, "NUL bytes"),
    # random bytes without a NUL: binary, not "may mix encodings; give --encoding" (a trial)
    ("random.txt", bytes((7 * k + 1) % 255 + 1 for k in range(4096)), InputError, "control bytes"),
    ("bad.json", b"{not json", FormatError, "invalid JSON: Expecting property name enclosed"),
    # json's own message waits for the place: it was cut at "starting at" (a trial)
    (
        "cut.json",
        b'{"title": "x", "text": "abc',
        FormatError,
        "invalid JSON: Unterminated string starting at line 1, column 24",
    ),
    ("shape.json", b"[1, 2]", FormatError, "item 1: expected an article object, got int"),
    ("notext.json", b'{"title": "x"}', FormatError, "no text field"),
    ("bad.jsonl", b'\n{oops\n{"title": "a"}\n', FormatError, "line 2: invalid JSON"),
    ("scripts.html", b"<html><script>var a=1;</script></html>", FormatError, "no article text"),
    ("a.pdf", b"%PDF-1.4", FormatError, "damaged PDF"),
    ("notes.xyz", b"some notes", InputError, "unsupported file type '.xyz'"),
    ("noext", b"just some words, no page", InputError, "unsupported file type '\\(none\\)'"),
]


@pytest.mark.parametrize(("name", "data", "error", "message"), BAD)
def test_bad_files_get_a_clear_message_naming_the_file(
    tmp_path: Path, name: str, data: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as info:
        read_articles(path)
    assert str(info.value).startswith(str(path))


def test_text_with_a_few_controls_or_iso_2022_jp_shifts_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes("Первая строка.\f\nВторая\x07 строка.".encode() * 3)
    assert "Вторая" in read_articles(path)[0].text
    path.write_bytes("東京で会談が行われた。".encode("iso-2022-jp") * 20)
    assert "会談" in read_articles(path)[0].text


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("a" * 2000, encoding="utf-8")
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        read_articles(path, max_bytes=1000)


def test_lines_repeated_across_an_outlets_articles_are_boilerplate(tmp_path: Path) -> None:
    articles = []
    for i in range(3):
        path = tmp_path / f"a{i}.json"
        text = f"Sentence number {i} here.\n\nSubscribe to our Telegram channel today"
        path.write_text(json.dumps({"text": text, "site_name": "Wire"}), encoding="utf-8")
        articles += read_articles(path)
    cleaned = strip_repeated_lines(articles)
    assert [a.text for a in cleaned] == [f"Sentence number {i} here." for i in range(3)]
    assert all("Subscribe to our Telegram channel today" in a.removed for a in cleaned)


QUOTE = '"We will respond harshly to any new sanctions," the deputy foreign minister said.'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a{i}.txt", "Report number {i} here.\n\n{quote}"),
        ("a{i}.md", "# Report {i}\n\nReport number {i} here.\n\n{quote}"),
        ("a{i}.json", '{{"text": "Report number {i} here.\\n\\n{escaped}"}}'),
    ],
)
def test_articles_of_unknown_outlets_are_not_stripped_against_each_other(
    tmp_path: Path, name: str, content: str
) -> None:
    """A quote several outlets print word for word is not one outlet's furniture."""
    articles = []
    for i in range(4):
        path = tmp_path / name.format(i=i)
        escaped = QUOTE.replace('"', '\\"')
        path.write_text(content.format(i=i, quote=QUOTE, escaped=escaped), encoding="utf-8")
        articles += read_articles(path)
    assert all(not a.outlet for a in articles)
    assert strip_repeated_lines(articles) == articles


def test_copies_of_one_article_are_not_furniture(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "One line.\n\nAnother line.", "site_name": "Wire"}))
    copies = read_articles(path) * 5
    assert strip_repeated_lines(copies) == copies


def test_furniture_never_takes_a_whole_article(tmp_path: Path) -> None:
    articles = []
    for i in range(3):
        path = tmp_path / f"a{i}.json"
        text = "Shared slogan\n\nAnother shared line" + ("" if i == 0 else f"\n\nUnique {i}.")
        path.write_text(json.dumps({"text": text, "site_name": "Wire"}), encoding="utf-8")
        articles += read_articles(path)
    cleaned = strip_repeated_lines(articles)
    assert cleaned[0] == articles[0]
    assert [a.text for a in cleaned[1:]] == ["Unique 1.", "Unique 2."]


def test_a_file_named_twice_or_also_found_in_its_folder_is_read_once(tmp_path: Path) -> None:
    from xlate.ingest.pile import read_pile

    (tmp_path / "a.txt").write_text("Japan keeps its sanctions.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Moscow answers.", encoding="utf-8")
    a = str(tmp_path / "a.txt")
    files = read_pile([a, a, str(tmp_path)]).files
    assert sorted(f.path.name for f in files) == ["a.txt", "b.txt"]
    # a bundle may list one file under several ids: several articles, all kept
    bundle = read_pile([str(ROOT / "samples" / "japan-sanctions")]).files
    assert len(read_pile([str(ROOT / "samples" / "japan-sanctions")] * 2).files) == len(bundle)


DATELINES = [  # ECB+ datelines (its text untokenised), and what a trial user's files had
    "THURSDAY, DECEMBER 3, 2009, 9:36 AM",
    "7:15 a.m. Dec. 7, 2009",
    "May 3, 2013 at 7:31 AM ET",
    "Published: Tuesday, Aug. 2 2011 7:08 p.m. MDT",
    "Updated Thu 6 May 2010, 9:03am AEST",
    "MONDAY, JUNE 11TH, 2012 AT 10:49 AM",
    "AFP, Tuesday 2 Jul 2013",
    "Posted 2/3/2009 11:11 PM",
]


def _text_article(tmp_path: Path, text: str) -> Article:
    """The one article of a .txt file holding ``text`` (UTF-8)."""
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [article] = read_articles(path)
    return article


@pytest.mark.parametrize("dateline", DATELINES)
def test_a_dateline_under_the_title_is_the_date(tmp_path: Path, dateline: str) -> None:
    article = _text_article(
        tmp_path,
        f"Texas Lifer Escapes Prison Van Near Houston\n{dateline}\n\n"
        "A Texas inmate serving a life sentence escaped from a prison van.\n",
    )
    assert article.title == "Texas Lifer Escapes Prison Van Near Houston"
    assert article.date == dateline
    assert article.text == "A Texas inmate serving a life sentence escaped from a prison van."


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("", ""),
        (
            "Texas Lifer Escapes Prison Van Near Houston\n\n",
            "Texas Lifer Escapes Prison Van Near Houston",
        ),
    ],
)
@pytest.mark.parametrize("dateline", DATELINES)
def test_a_date_over_the_text_is_the_date_not_the_title(
    tmp_path: Path, dateline: str, head: str, title: str
) -> None:
    """A trial: a page saved as text opening with "Friday, June 7, 2013" had that line for
    its headline in compare's report."""
    article = _text_article(
        tmp_path,
        f"{dateline}\n\n{head}A Texas inmate serving a life sentence escaped from a van.\n",
    )
    assert (article.title, article.date) == (title, dateline)
    assert article.text == "A Texas inmate serving a life sentence escaped from a van."


def test_many_date_lines_are_read_without_recursion(tmp_path: Path) -> None:
    # a review: each date line read the rest again one level deeper; 1,200 raised
    # RecursionError; a date alone is the file's text, as any single line is
    article = _text_article(tmp_path, "Friday, June 7, 2013\n" * 1200 + "\nThe minister met.\n")
    assert (article.title, article.date) == ("", "Friday, June 7, 2013")
    assert article.text.endswith("The minister met.")
    alone = _text_article(tmp_path, "Friday, June 7, 2013\n")
    assert (alone.title, alone.date, alone.text) == ("", "", "Friday, June 7, 2013")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a trial's Shift_JIS article: its headline ends with ！ and was the first sentence
        (
            "中古住宅の購入時は要注意！\n\n購入の前に建物の状態を確認する必要がある。\n",
            "中古住宅の購入時は要注意！",
        ),
        (
            "なぜ物価は上がり続けるのか？\n\n専門家は円安の影響を指摘している。\n",
            "なぜ物価は上がり続けるのか？",
        ),
        # a first paragraph of sentences is no headline, nor a line straight over the text
        ("こんにちは！今日はいい天気ですね。\n\n本文です。\n", ""),
        ("要注意！\n購入の前に建物の状態を確認する必要がある。\n", ""),
    ],
)
def test_a_japanese_headline_may_end_with_an_exclamation(
    tmp_path: Path, text: str, title: str
) -> None:
    assert _text_article(tmp_path, text).title == title


@pytest.mark.parametrize("dateline", ["Mumbai, Nov 11 -", "MOSCOW, Nov. 20 (Reuters) \u2014"])
def test_a_wire_dateline_without_a_year_under_the_title_is_dropped(
    tmp_path: Path, dateline: str
) -> None:
    """A trial (ECB+ 12_3ecbplus): "Mumbai, Nov 11 -" under the headline made the two lines
    one sentence of the body, and the article had no title."""
    article = _text_article(
        tmp_path,
        f"Indian Navy foils attack in Gulf of Aden, nabs 26 pirates\n{dateline}\n\n"
        "The navy thwarted an attack by pirates on merchant vessels yesterday.\n",
    )
    assert article.title == "Indian Navy foils attack in Gulf of Aden, nabs 26 pirates"
    assert (article.date, article.text) == (
        "",
        "The navy thwarted an attack by pirates on merchant vessels yesterday.",
    )


def test_a_headline_written_as_a_sentence_over_a_dateline_is_the_title(tmp_path: Path) -> None:
    """A trial's ECB+ file: its title ends with a full stop, and its date was read as the
    body's first sentence (the 2008 articles then joined a 2011 event)."""
    article = _text_article(
        tmp_path,
        "The Indian navy has captured 23 Somalian pirates.\nDecember 13, 2008\n\n"
        "The Indian navy said on Saturday it had captured 23 pirates in the Gulf of Aden.\n",
    )
    assert (article.title, article.date) == (
        "The Indian navy has captured 23 Somalian pirates.",
        "December 13, 2008",
    )
    assert article.text.startswith("The Indian navy said on Saturday")
    # a sentence over a paragraph is still the text, not a title
    assert _text_article(tmp_path, "He died on Monday.\nHis family said so.\n").title == ""


@pytest.mark.parametrize(
    "line",
    ["He died on May 3, 2013.", "On May 3, 2013 Smith died", "Page was born on 22 April 1923"],
)
def test_a_sentence_that_names_a_date_is_no_dateline(tmp_path: Path, line: str) -> None:
    article = _text_article(tmp_path, f"Obituary\n\n{line}\n\nMore text follows here.\n")
    assert (article.title, article.date) == ("Obituary", "")
    assert article.text.startswith(line)


def test_a_headline_cased_title_straight_over_the_text_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Texas Lifer Escapes Prison Van Near Houston\n"
        "A Texas inmate serving a life sentence escaped from a prison van.\n",
        encoding="utf-8",
    )
    [article] = read_articles(path)
    assert article.title == "Texas Lifer Escapes Prison Van Near Houston"
    # hard-wrapped prose is joined, not cut into a title
    path.write_text(
        "The inmate, who was serving a life sentence for sexual assault, escaped\n"
        "from a prison van near Houston on Monday.\n",
        encoding="utf-8",
    )
    [article] = read_articles(path)
    assert article.title == ""
    assert article.text.startswith("The inmate, who was serving")
    # a review: a hard-wrapped first line of names is as wide as the next: no title
    for first, second in (
        (
            "Japan's Prime Minister Fumio Kishida and South Korean President Yoon Suk",
            "Yeol met in Tokyo on Thursday and agreed to resume regular visits.",
        ),
        (
            "Bundeskanzler Olaf Scholz und Präsident Emmanuel Macron haben am",
            "Dienstag in Paris über die Lage in der Ukraine gesprochen.",
        ),
    ):
        path.write_text(f"{first}\n{second}\n", encoding="utf-8")
        [article] = read_articles(path)
        assert article.title == "" and article.text.startswith(first), first


@pytest.mark.parametrize(
    ("name", "data", "problems"),
    [
        (
            "dump.json",
            b'[{"title": "A", "text": "Japan keeps its sanctions."}, {"title": "C", "text": ""},'
            b' 7, {"title": "D", "text": ["x"]}]',
            [
                "item 2: the 'text' field is empty",
                "item 3: expected an article object, got int",
                "item 4: the 'text' field is a list, not text",
            ],
        ),
        (
            "dump.jsonl",
            b'{"title": "A", "text": "Japan keeps its sanctions."}\n{oops\n\n{"title": "C"}\n',
            [
                "line 2: invalid JSON: Expecting property name enclosed in double quotes "
                "at column 2",
                "line 4: article object has no text field (one of: text, content, body, "
                "maintext, article)",
            ],
        ),
    ],
)
def test_a_bad_record_fails_alone_and_the_others_are_read(
    tmp_path: Path, name: str, data: bytes, problems: list[str]
) -> None:
    """A trial: one empty record of a scraper's dump failed the whole file, all its good
    records with it. Each bad record stands as a failure naming it; the rest are read."""
    from xlate.ingest.formats import readable

    path = tmp_path / name
    path.write_bytes(data)
    good, bad = readable(read_articles(path))
    assert [a.title for a in good] == ["A"]
    assert [e.problem for e in bad] == problems
    assert all(str(e).startswith(str(path)) for e in bad)


def test_links_to_other_articles_in_the_text_are_furniture(tmp_path: Path) -> None:
    # a trial on a saved Express page: "READ MORE: ...", "DON'T MISS" and tagged teasers
    # ("... outbreak [NEWS]") were sentences, and linked as facts
    path = tmp_path / "a.txt"
    teasers = [
        "READ MORE: China plague outbreak confirmed: Two diagnosed in Beijing",
        "DON'T MISS",
        "Plane passengers quarantined after BUBONIC PLAGUE outbreak\u00a0[NEWS]",
        "Читайте также: Лавров прибыл в Женеву",
        "Main image credit: Getty",  # a second trial: credits and an outlet's own teasers
        "More from GlobalPost: Aceh's bloodstained elections",
        "Most read in world news",  # a third trial: a list's heading, an agency credit
        "With Post wires",
        "— With files from The Canadian Press",
        "© 2019 Example News",  # a fourth trial: the site's copyright, a widget's heading
        "Copyright 2019 The Associated Press. All rights reserved.",
        "Related",
        "More:",  # a fifth trial (a saved Al Jazeera page): a label alone, a source credit
        "SOURCE: Al Jazeera News",
        # a sixth (Space.com, The Hill): the author's address, the site's accounts, a stamp
        "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.",
        "Follow us on Twitter @Spacedotcom and on Facebook.",
        "Updated at 1:23 p.m.",
    ]
    kept = [
        "A third case of plague was confirmed in Inner Mongolia on Sunday.",
        "More than 28 contacts were quarantined, officials said.",
        "The report [sic] gave no date.",
        # a review: sentences that open or end like a teaser are the text's
        "More: Japan will also ban exports of dual-use goods, officials said.",
        "Japan listed 14 more firms on Tuesday, the ministry said. [UPDATE]",
        "14:05 Lavrov arrives in Geneva for talks with Blinken [LIVE]",
        "With the wires cut, the city went dark.",
        "Copyright holders sued the company on Monday.",
        "Related talks resume in Geneva next week.",
        "Source: the ministry said the plan would be delayed.",
        "Follow us on the road to Geneva, the minister said.",
        "Updated figures show growth in the third quarter.",
    ]
    path.write_text("Plague case\n\n" + "\n\n".join([kept[0], *teasers, *kept[1:]]), "utf-8")
    [article] = read_articles(path)
    assert article.text.split("\n\n") == kept
    assert [line.replace("\u00a0", " ") for line in article.removed] == [
        t.replace("\u00a0", " ") for t in teasers
    ]


def test_a_long_title_of_separators_is_read_in_linear_time() -> None:
    # a review: each pass read the title from every separator: "word - " x 16,000 took 43 s
    from xlate.ingest.pagemeta import headline

    assert headline("word - " * 16_000, "Site", "https://site.org").startswith("word - word")
    # a second review: one site name cut a pass, each pass reading the whole title
    assert headline("Site - " * 8_000 + "Floods", "Site", "").endswith("Site - Floods")
    # "News" of news.example.org names no site: a headline ending so keeps it
    assert headline("Floods hit - News", "", "https://news.example.org/a") == "Floods hit - News"


PAGE = (
    "<html><head><title>Lavrov meets Iwaya in Moscow</title></head><body>"
    "<nav>Home | News</nav><article><h1>Lavrov meets Iwaya in Moscow</h1>{when}"
    "<p>Russian Foreign Minister Sergei Lavrov met his Japanese counterpart on Tuesday to "
    "discuss the sanctions and the peace treaty talks.</p><p>The ministers agreed to keep "
    "talking, the ministry said in a statement after the meeting.</p><p>Japan has kept its "
    "sanctions in place since 2022, and Moscow has promised a harsh response.</p></article>"
    "<footer>© 2024 Example News</footer></body></html>"
)


@pytest.mark.parametrize(
    ("when", "date"),
    [
        ("", ""),  # a trial: the copyright line became 2024-01-01 on every such page
        ("<p>Published January 1, 2024</p>", "2024-01-01"),
        ("<p>Published March 3, 2024</p>", "2024-03-03"),
        # a review: a real 1 January written with padding or in other languages
        ("<p>2024年01月01日 公開</p>", "2024-01-01"),
        ("<p>Опубликовано 01 января 2024</p>", "2024-01-01"),
        ("<p>Veröffentlicht am 1. Januar 2024</p>", "2024-01-01"),
    ],
)
def test_a_copyright_year_is_no_publication_date(tmp_path: Path, when: str, date: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(when=when), encoding="utf-8")
    [article] = read_articles(path)
    assert (article.date, article.published[:10]) == (date, date)


def test_a_copyright_notice_is_no_outlet_and_no_text(tmp_path: Path) -> None:
    """A fourth trial: a page's meta copyright "© 2020 Foo" became its outlet, a footer's
    "© 2017" its last sentence, and a page holding only "© 2019 Example News" was an
    article of one sentence."""
    said = [
        "The talks between the two foreign ministers will resume in Geneva next week.",
        "Both sides agreed to keep the channel open, the ministry said in a statement.",
        "Officials declined to say which issues would come first on the agenda.",
    ]
    body = "".join(f"<p>{s}</p>" for s in said)
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta name="copyright" content="© 2020 Foo"></head><body>'
        f"<h1>Talks resume in Geneva</h1>{body}<small>&copy; 2017</small></body></html>",
        encoding="utf-8",
    )
    [article] = read_articles(page)
    assert article.outlet == "Foo"
    assert "2017" not in article.text
    only = tmp_path / "only.html"
    only.write_text("<html><body><p>© 2019 Example News</p></body></html>", encoding="utf-8")
    with pytest.raises(FormatError, match="no article text"):
        read_articles(only)
