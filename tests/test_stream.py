"""Large plain-text articles are read and translated part by part, with the same result."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES

from xlate import files
from xlate.engines.chain import build_chain
from xlate.errors import EncodingError
from xlate.ingest import stream as ingest
from xlate.ingest.formats import read_articles
from xlate.ingest.furniture import Furniture, strip_boilerplate
from xlate.ingest.pile import read_pile
from xlate.ingest.stream import TextStream, open_text_stream
from xlate.translate.batch import translate_batch
from xlate.translate.outputs import output_state
from xlate.translate.report import REPORT
from xlate.translate.results import TranslateOptions

STREAMED = ["vostochnoe-obozrenie", "toto-shinpo", "hokuyo-nippo", "meridian-post"]


def translate(out: Path, events: list[str] | None = None, **options: object) -> dict[str, Any]:
    inputs = read_pile([SAMPLES])
    chain = build_chain("auto", memories=inputs.memories, use_cache=False)
    seen = [] if events is None else events
    batch = translate_batch(
        inputs,
        out,
        chain,
        TranslateOptions(**options),  # type: ignore[arg-type]
        progress=lambda kind, data: seen.append(kind),
    )
    return {r.article: r for r in batch.results}


@pytest.mark.parametrize("out_format", ["json", "txt", "md"])
def test_a_streamed_article_gives_the_output_of_the_whole_one(
    tmp_path: Path, out_format: str
) -> None:
    whole = translate(tmp_path / "whole", out_format=out_format)
    # Every .txt and .md article of the bundle streams, in parts of about 120 characters:
    # several paragraphs, sentences and a title spread over many parts.
    events: list[str] = []
    parts = translate(
        tmp_path / "parts", events, out_format=out_format, stream_bytes=0, part_chars=120
    )
    assert events.count("advance") > 3 * len(STREAMED)  # each went through in several parts
    for article in STREAMED:
        name = f"{article}.en.{out_format}"
        assert (tmp_path / "parts" / name).read_bytes() == (
            tmp_path / "whole" / name
        ).read_bytes(), article
    assert {a: r.to_dict() for a, r in parts.items()} == {
        a: r.to_dict() | {"output": r.output.replace("whole", "parts")} for a, r in whole.items()
    }
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == sorted(
        p.name for p in (tmp_path / "whole").iterdir()
    )


def test_parts_are_whole_paragraphs_that_join_into_the_text(tmp_path: Path) -> None:
    path = SAMPLES / "articles" / "vostochnoe-obozrenie.txt"
    [article] = read_articles(path)
    with open_text_stream(path, part_chars=100) as stream:
        parts = list(stream.parts)
        assert stream.article.title == article.title
        assert stream.article.encoding == article.encoding == "cp1251"
        assert tuple(stream.furniture.lines()) == article.removed
    assert len(parts) > 2
    assert "\n\n".join(parts) == article.text


@pytest.mark.parametrize("strict", [True, False])
def test_a_late_uncovered_sentence_fails_a_strict_stream_or_is_flagged(
    tmp_path: Path, strict: bool
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    english = (SAMPLES / "articles" / "meridian-post.txt").read_text(encoding="utf-8")
    # A Russian quote, far into the file: no engine covers it, and only a late part meets it.
    quote = "Москва продолжит жёстко отвечать на любые недружественные шаги."
    (src / "big.txt").write_text(english + f"\n\n{quote}\n", encoding="utf-8")
    (src / "small.txt").write_text(english, encoding="utf-8")
    out = tmp_path / "out"
    inputs = read_pile([src])
    options = TranslateOptions(stream_bytes=len(english) + 10, part_chars=120)
    chain = build_chain("memory", memories=[SAMPLES / "memory.tmx"])
    batch = translate_batch(inputs, out, chain, options, strict=strict)
    status = {Path(r.source).name: r for r in batch.results}
    assert status["small.txt"].status == "ok"
    if strict:  # the output begun is dropped; the batch goes on
        assert status["big.txt"].status == "failed"
        assert "not translated" in status["big.txt"].error
        assert sorted(p.name for p in out.iterdir()) == sorted([REPORT, "small.en.json"])
        return
    assert (status["big.txt"].status, status["big.txt"].untranslated) == ("partial", 1)
    doc = json.loads((out / "big.en.json").read_text(encoding="utf-8"))
    assert (doc["status"], doc["untranslated"]) == ("partial", 1)
    last = doc["sentences"][-1]
    assert (last["translation"], last["flags"]) == (quote, ["untranslated"])


def test_a_streamed_output_is_kept_on_resume_and_redone_with_force(tmp_path: Path) -> None:
    first = translate(tmp_path, stream_bytes=0, part_chars=120)
    assert all(first[a].status == "ok" for a in STREAMED)
    again = translate(tmp_path, stream_bytes=0, part_chars=120)
    assert all(again[a].status == "skipped" for a in STREAMED)
    forced = translate(tmp_path, stream_bytes=0, part_chars=120, force=True)
    assert all(forced[a].status == "ok" for a in STREAMED)


def test_large_outputs_are_checked_by_their_ending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translate(tmp_path, stream_bytes=0, part_chars=120)
    monkeypatch.setattr("xlate.translate.outputs.PARSE_LIMIT", 0)
    whole = tmp_path / "meridian-post.en.json"
    assert output_state(whole, "json") == "complete"
    cut = tmp_path / "cut.en.json"
    cut.write_bytes(whole.read_bytes()[:-40])
    assert output_state(cut, "json") == "incomplete"
    zeroed = tmp_path / "zeroed.en.json"
    zeroed.write_bytes(whole.read_bytes()[:-40] + b"\0" * 40)
    assert output_state(zeroed, "json") == "incomplete"
    # a partial one says so in its tail, found by a scan (a rerun translates it again)
    partial = tmp_path / "partial.en.json"
    body = whole.read_bytes()
    tail = body.rindex(b'\n  "boilerplate_removed"')
    partial.write_bytes(body[:tail] + b'\n  "status": "partial", "untranslated": 1,' + body[tail:])
    assert output_state(partial, "json") == "partial"  # whole, and partial


def test_a_byte_beyond_the_sampled_start_that_breaks_the_encoding_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "_HEAD_BYTES", 64)
    path = tmp_path / "mixed.txt"
    utf8 = ("Обычный текст статьи.\n" * 10).encode()
    path.write_bytes(utf8 + ("Конец статьи в другой кодировке.\n" * 3).encode("cp1251"))
    with (
        pytest.raises(EncodingError, match=r"beyond the first 64 bytes.*--encoding"),
        open_text_stream(path) as stream,
    ):
        list(stream.parts)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8-sig", b"\xef\xbb\xbf"), ("utf-8-sig", b""), ("cp1251", b"")],
)
def test_a_byte_that_breaks_a_given_encoding_is_reported_where_it_is(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    """With --encoding the user chose the codec: the message says where the file breaks it,
    as the whole-file reader does, not that the encoding was detected."""
    path = tmp_path / "given.txt"
    good = bom + ("Обычный текст статьи.\n" * 10).encode(encoding.removesuffix("-sig"))
    path.write_bytes(good + b"\x98 and the rest\n")  # 0x98: neither UTF-8 nor cp1251
    with (
        pytest.raises(EncodingError, match=rf"not valid {encoding} at byte {len(good)}$"),
        open_text_stream(path, encoding=encoding) as stream,
    ):
        list(stream.parts)


def test_a_few_bad_bytes_in_utf8_become_replacement_characters_as_in_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "_HEAD_BYTES", 64)
    path = tmp_path / "damaged.txt"
    path.write_bytes(("Обычный текст статьи.\n\n" * 10).encode() + b"\xff\xfe broken.\n")
    [whole] = read_articles(path)
    with open_text_stream(path) as stream:
        assert "\n\n".join(stream.parts) == whole.text
    assert whole.text.endswith("\ufffd\ufffd broken.")


def test_streamed_json_output_is_one_valid_document(tmp_path: Path) -> None:
    translate(tmp_path, stream_bytes=0, part_chars=60)
    doc = json.loads((tmp_path / "hokuyo-nippo.en.json").read_text(encoding="utf-8"))
    sentences = doc["sentences"]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    text = read_articles(SAMPLES / "articles" / "hokuyo-nippo.txt")[0].text
    for s in sentences:  # offsets index the whole article, not the part
        assert " ".join(text[s["start"] : s["end"]].split()) == " ".join(s["source"].split())


def test_removed_furniture_spilled_to_disk_comes_back_in_order() -> None:
    lines = ["Body line one.", "Previous Article", "A Neighbour's Headline", "Read more"] * 5
    kept, removed = strip_boilerplate(lines)
    furniture = Furniture(spill_after=3)
    assert list(furniture.filter(lines)) == kept
    assert furniture.count == len(removed) == 15
    assert len(furniture.removed) < 3  # the rest went to disk
    assert list(furniture.lines()) == removed
    furniture.close()


def test_outputs_get_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    translate(tmp_path / "out", stream_bytes=0, part_chars=120)
    reference = tmp_path / "reference"
    reference.write_text("x")
    expected = reference.stat().st_mode & 0o777
    for path in (tmp_path / "out").iterdir():
        assert path.stat().st_mode & 0o777 == expected, path.name


@pytest.mark.parametrize(
    ("sample", "encoding"),
    [
        ("meridian-post.txt", "utf-16"),
        ("meridian-post.txt", "utf-8-sig"),
        ("vostochnoe-obozrenie.txt", "koi8-r"),
        ("hokuyo-nippo.txt", "euc-jp"),
    ],
)
def test_encodings_and_windows_line_ends_stream_like_the_whole_file(
    tmp_path: Path, sample: str, encoding: str
) -> None:
    [article] = read_articles(SAMPLES / "articles" / sample)
    text = (SAMPLES / "articles" / sample).read_bytes()
    decoded = text.decode(article.encoding)
    if encoding == "koi8-r":  # it has no guillemets or dashes
        decoded = decoded.translate(str.maketrans({"«": '"', "»": '"', "—": "-", "–": "-"}))
    path = tmp_path / sample
    path.write_bytes(decoded.replace("\n", "\r\n").encode(encoding))
    [whole] = read_articles(path)
    with open_text_stream(path, part_chars=80) as stream:
        parts = list(stream.parts)
        assert (stream.article.title, stream.article.date) == (whole.title, whole.date)
        assert tuple(stream.furniture.lines()) == whole.removed
    assert "\n\n".join(parts) == whole.text
    assert len(whole.text) > 0.8 * len(article.text)


def _failing_read(*args: Any, **kwargs: Any) -> Iterator[TextStream]:
    """``open_text_stream`` whose parts stop with an I/O error after the first."""

    def parts(real: Iterator[str]) -> Iterator[str]:
        yield next(real)
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with open_text_stream(*args, **kwargs) as stream:
        yield replace(stream, parts=parts(stream.parts))


def _full_disk(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Outputs named ``name`` are written to /dev/full: every write fails, disk full."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full (a device on which every write fails with ENOSPC)")
    create = files._create_temporary

    def temporary(path: Path) -> tuple[int, Path]:
        if path.name != name:
            return create(path)
        return os.open("/dev/full", os.O_WRONLY), path.with_name(f".{name}.full.part")

    monkeypatch.setattr(files, "_create_temporary", temporary)


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        ("write", "big.txt: cannot write big.en.json: No space left on device"),
        ("read", "big.txt: cannot read (OSError: [Errno 5] Input/output error)"),
    ],
)
def test_a_failure_partway_through_a_stream_says_whether_reading_or_writing_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str, message: str
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    english = (SAMPLES / "articles" / "meridian-post.txt").read_text(encoding="utf-8")
    (src / "big.txt").write_text("\n\n".join([english] * 20), encoding="utf-8")  # 28 kB
    (src / "small.txt").write_text(english, encoding="utf-8")
    if failure == "write":
        _full_disk(monkeypatch, "big.en.json")
    else:
        monkeypatch.setattr(
            "xlate.translate.stream.open_text_stream", contextmanager(_failing_read)
        )
    out = tmp_path / "out"
    options = TranslateOptions(stream_bytes=len(english) + 10, part_chars=2000)
    chain = build_chain("memory", memories=[SAMPLES / "memory.tmx"])
    batch = translate_batch(read_pile([src]), out, chain, options)
    status = {Path(r.source).name: r for r in batch.results}
    assert status["small.txt"].status == "ok"  # the batch goes on
    assert status["big.txt"].status == "failed"
    assert f"{status['big.txt'].source}: {status['big.txt'].error}".endswith(message)
    assert sorted(p.name for p in out.iterdir()) == sorted([REPORT, "small.en.json"])


# -- a paragraph longer than a part: a file of one line, hard-wrapped text with no blank line --

CUTS = [
    # (paragraph, max_chars, pieces): the last sentence end that fits, else a line break, else
    # a space, else by length; no cut after an abbreviation or before a lower-case word
    ("Tokyo keeps them. Moscow answers. It ends.", 36,
     ["Tokyo keeps them. Moscow answers.", "It ends."]),
    ("Talks began. Mr. Smith met Dr. Jones there.", 30,
     ["Talks began.", "Mr. Smith met Dr. Jones there."]),
    ("Рост 5 млн. В итоге санкции. Всё.", 30, ["Рост 5 млн. В итоге санкции.", "Всё."]),
    ("He said «stop!» and left. «Why?» — asked he.", 30,
     ["He said «stop!» and left.", "«Why?» — asked he."]),
    ("制裁を続ける。ロシアは反発した。", 10, ["制裁を続ける。", "ロシアは反発した。"]),
    ("「続ける。」と述べた。次に", 11, ["「続ける。」と述べた。", "次に"]),
    ("no end mark here\nbut a line break and more", 30,
     ["no end mark here", "but a line break and more"]),
    ("words without any end mark at all", 20, ["words without any", "end mark at all"]),
    ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ("Short enough.", 13, ["Short enough."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "max_chars", "pieces"), CUTS)
def test_a_paragraph_longer_than_its_limit_is_cut_where_a_sentence_ends(
    text: str, max_chars: int, pieces: list[str]
) -> None:
    from xlate.ingest.furniture import paragraph_blocks

    assert list(paragraph_blocks(text.split("\n"), max_chars)) == pieces
    assert all(len(piece) <= max_chars for piece in pieces)


def test_a_file_of_one_line_streams_in_parts_within_their_budget(tmp_path: Path) -> None:
    """A file with no line break was one part, whatever its size (30 MB peaked at 4.9 GB):
    its parts now keep to the budget, and both readers cut it alike."""
    from xlate.limits import PART_CHARS

    sentence = "Japan keeps its sanctions on Russia while talks stay frozen. "
    path = tmp_path / "one-line.txt"
    path.write_text(sentence * (3 * PART_CHARS // len(sentence)) + "The end.", encoding="utf-8")
    [whole] = read_articles(path)
    with open_text_stream(path) as stream:
        parts = list(stream.parts)
    assert len(parts) == 4 and max(map(len, parts)) <= PART_CHARS
    assert all(part.endswith("frozen.") for part in parts[:-1])  # cut at sentence ends
    assert "\n\n".join(parts) == whole.text
    assert whole.text.replace("\n\n", " ") == path.read_text(encoding="utf-8")


def test_a_streamed_file_of_one_line_gives_the_output_of_the_whole_one(tmp_path: Path) -> None:
    from xlate.limits import PART_CHARS

    src = tmp_path / "in"
    src.mkdir()
    sentence = "Moscow promises a harsh response to the sanctions of Tokyo. "
    text = sentence * (PART_CHARS // len(sentence) + 500)
    (src / "one-line.txt").write_text(text.strip(), encoding="utf-8")
    outputs = {}
    for name, stream_bytes in (("whole", 10**9), ("parts", 0)):
        options = TranslateOptions(stream_bytes=stream_bytes, part_chars=100_000)
        chain = build_chain("identity", use_cache=False)
        out = tmp_path / name
        [result] = translate_batch(read_pile([src]), out, chain, options).results
        assert result.status == "ok", result.error
        outputs[name] = (out / "one-line.en.json").read_text(encoding="utf-8")
    assert outputs["parts"] == outputs["whole"]
    doc = json.loads(outputs["whole"])
    assert {s["paragraph"] for s in doc["sentences"]} == {0, 1}
