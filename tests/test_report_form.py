"""Reports a reader can take in: dates in ISO form (the page's own beside it), a legend that
reads without colour, a pager that leaves the report on screen, CJK fonts in the HTML."""

from __future__ import annotations

import json
import re
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from conftest import SAMPLES

from xlate.cli.main import main
from xlate.dates import shown_date
from xlate.render.html import _FONTS, _SERIF
from xlate.render.pager import page as _page

ARTICLES = SAMPLES / "articles"  # a folder: each page's date as it wrote it
MEMORY = ["--engine", "memory", "--memory", str(SAMPLES / "memory.tmx")]

DATES = [
    ("2024-11-19", "2024-11-19"),
    ("2024-11-19T06:15:00Z", "2024-11-19"),
    ("2024-11-19 06:15:00+09:00", "2024-11-19"),
    ("20.11.2024", "2024-11-20 (20.11.2024)"),
    ("2024年11月21日", "2024-11-21 (2024年11月21日)"),
    ("Nov 19, 2024", "2024-11-19 (Nov 19, 2024)"),
    ("19 ноября 2024", "2024-11-19 (19 ноября 2024)"),
    ("yesterday", "yesterday"),
    ("", ""),
]


@pytest.mark.parametrize(("written", "shown"), DATES)
def test_dates_are_shown_in_iso_form_with_the_original_beside(written: str, shown: str) -> None:
    assert shown_date(written) == shown


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample's articles compared, in every format."""
    out = tmp_path_factory.mktemp("reports")
    # a copy without the bundle's manifest, whose dates are ISO already: the pages' own dates
    articles = shutil.copytree(ARTICLES, out / "articles")
    texts = {}
    for fmt in ("txt", "md", "html", "json"):
        path = out / f"report.{fmt}"
        assert main(["compare", str(articles), "--out", str(path), *MEMORY]) == 0
        texts[fmt] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_every_report_gives_iso_dates(reports: dict[str, str], fmt: str) -> None:
    text = reports[fmt]
    assert "2024-11-19 to 2024-11-21" in text
    assert "2024-11-20 (20.11.2024)" in text and "2024-11-21 (2024年11月21日)" in text
    assert "20.11.2024 to" not in text and "T06:15" not in text


def test_the_json_event_dates_are_iso(reports: dict[str, str]) -> None:
    assert json.loads(reports["json"])["event"]["dates"] == "2024-11-19 to 2024-11-21"


def test_events_order_and_date_articles_by_the_day_not_the_writing(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    for name, day in (("a", "21.11.2024"), ("b", "2024-11-19"), ("c", "2024年11月20日")):
        text = (ARTICLES / "meridian-post.txt").read_text(encoding="utf-8").splitlines()
        (folder / f"{name}.txt").write_text("\n".join([text[0], day, *text[2:]]), "utf-8")
    out = tmp_path / "events.json"
    assert main(["events", str(folder), "--out", str(out), "--min-outlets", "1", *MEMORY]) == 0
    [event] = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert (event["first"], event["last"]) == ("2024-11-19", "2024-11-21")


def test_the_legend_reads_without_colour(reports: dict[str, str]) -> None:
    legend = " ".join(reports["txt"][reports["txt"].index("highlighted") :].split()[:60])
    assert "name 12 framing not:" not in legend
    shown = "shown as Name (a name), 12 (a number or date), framing (a framing word), not (a "
    assert shown + "negation)" in legend


def test_the_pager_leaves_the_report_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real pager process: what it is given, and LESS with -X (no alternate screen, so
    the report stays after q) and -F (no paging when it fits)."""
    seen = tmp_path / "seen.json"
    script = (
        "import json, os, sys; "
        f"json.dump({{'less': os.environ.get('LESS'), 'text': sys.stdin.read()}}, "
        f"open({str(seen)!r}, 'w'))"
    )
    monkeypatch.setenv("PAGER", f"{sys.executable} -c {json.dumps(script)}")
    monkeypatch.delenv("LESS", raising=False)
    _page("the report\n", StringIO())
    got = json.loads(seen.read_text())
    assert got["text"] == "the report\n"
    assert set("FRX") <= set(got["less"].lstrip("-"))
    monkeypatch.setenv("LESS", "-S")  # the user's own LESS wins
    _page("again\n", StringIO())
    assert json.loads(seen.read_text())["less"] == "-S"


def _faces(stack: str) -> list[str]:
    return [f.strip('"') for f in re.findall(r'"[^"]+"|[\w-]+', stack)]


@pytest.mark.parametrize(
    ("system", "japanese_faces"),
    [
        ("macOS", {"Hiragino Sans", "Hiragino Kaku Gothic ProN"}),
        ("Windows", {"Yu Gothic", "Meiryo", "MS PGothic"}),
        ("Linux", {"Noto Sans CJK JP", "IPAexGothic", "TakaoPGothic", "VL PGothic"}),
    ],
)
def test_the_html_font_stacks_have_japanese_faces_on_every_system(
    system: str, japanese_faces: set[str]
) -> None:
    assert japanese_faces <= set(_faces(_FONTS)), system
    assert _faces(_FONTS)[-1] == "sans-serif" and _faces(_SERIF)[-1] == "serif"
    serif = set(_faces(_SERIF))
    assert serif & {"Hiragino Mincho ProN", "Yu Mincho", "MS PMincho", "Noto Serif CJK JP"}


def test_the_html_uses_the_stacks_for_outlet_names(reports: dict[str, str]) -> None:
    css = reports["html"]
    assert f"body{{font:16px/1.5 {_FONTS};" in css
