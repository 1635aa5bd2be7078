"""The HTML report as a page: its structure, golden files for HTML and Markdown, and a real
browser (headless Chromium, Debian's `chromium`) checking that no width needs sideways
scrolling."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from xlate.compare.build import build_report
from xlate.compare.prepare import prepare_outlets
from xlate.compare.report import Report
from xlate.engines.chain import build_chain
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.ingest.bundle import load_manifest
from xlate.render.html import render_html
from xlate.render.markdown import render_markdown

GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def report() -> Report:
    glossary = load_glossary([default_glossary_path()])[0]
    chain = build_chain("memory", memories=load_manifest(SAMPLES).memories)
    outlets, errors = prepare_outlets([str(SAMPLES)], chain, glossary)
    assert errors == []
    return build_report(outlets, glossary=glossary, event=load_manifest(SAMPLES).event)


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


@pytest.mark.parametrize(
    ("name", "render"), [("compare.md", render_markdown), ("compare.html", render_html)]
)
def test_markdown_and_html_match_their_golden_files(
    report: Report, name: str, render: object
) -> None:
    assert callable(render)
    text = render(report)
    golden = GOLDEN / name
    if os.environ.get("XLATE_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_page_is_self_contained(page: str) -> None:
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert '<meta name="viewport" content="width=device-width,initial-scale=1">' in page


def test_the_page_reads_like_a_comparison_graphic(report: Report, page: str) -> None:
    assert f"<title>{html.escape(report.event)}</title>" in page
    grid = page.split('<section id="coverage">')[1].split("</section>")[0]
    assert grid.count('<tr><th scope="row">') == len(report.facts)  # a row per fact
    on, off = grid.count('class="dot on"'), grid.count('class="dot off"')
    assert on == sum(len(f.outlets) for f in report.facts)
    assert on + off == len(report.facts) * len(report.outlets)
    heat = page.split('<section id="framing">')[1].split("</section>")[0]
    assert heat.count("rgba(142,44,110,") == sum(
        len(c.counts) for c in report.concepts if c.framing
    )
    assert page.count('<article class="fact" id="F') == len(report.facts)
    assert '<section id="legend">' in page
    assert "@media print" in page and "@media (max-width:40rem)" in page
    assert '"Noto Sans CJK JP"' in page and '"Hiragino Sans"' in page  # CJK-capable fonts
    assert '<span class="native" lang="ja">北洋日報</span>' in page


# -- in a real browser --------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 390, 360)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (`apt-get install chromium`; .ci/run installs it)")


def _widths_in_browser(
    tmp_path: Path, page: str, widths: Sequence[int]
) -> dict[int, tuple[int, int]]:
    """{viewport width: (document scrollWidth, clientWidth)} of ``page`` laid out in frames
    of those widths (headless Chromium's own window cannot be narrower than 500 px)."""
    frames = "".join(
        f'<iframe id="w{w}" style="width:{w}px;height:900px;border:0" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe>'
        for w in widths
    )
    probe = tmp_path / "probe.html"
    probe.write_text(
        "<!DOCTYPE html><html><body>"
        + frames
        + "<script>addEventListener('load',()=>{for(const f of document.querySelectorAll"
        "('iframe')){const d=f.contentDocument.documentElement;document.body.insertAdjacentHTML"
        "('beforeend','<pre class=m>'+f.id+' '+d.scrollWidth+' '+d.clientWidth+'</pre>')}})"
        "</script></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            _chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,1000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = {
        int(w): (int(scroll), int(client))
        for w, scroll, client in re.findall(
            r"<pre class=\"m\">w(\d+) (\d+) (\d+)</pre>", result.stdout
        )
    }
    assert set(found) == set(widths), result.stderr[-2000:]
    return found


def test_the_probe_sees_an_overflowing_page(tmp_path: Path) -> None:
    # The control: a page 600 px wide must overflow a 390 px frame, or the probe proves nothing.
    wide = '<!DOCTYPE html><html><body><div style="width:600px">wide</div></body></html>'
    scroll, client = _widths_in_browser(tmp_path, wide, (390,))[390]
    assert scroll > client


def test_the_page_never_scrolls_sideways(tmp_path: Path, page: str) -> None:
    for width, (scroll, client) in _widths_in_browser(tmp_path, page, WIDTHS).items():
        assert scroll <= client, f"{scroll} px of content in a {width} px window ({client})"


def test_the_footer_names_the_engines_that_gave_the_english(tmp_path: Path) -> None:
    """The auto chain holds Argos even with no model installed: the page must not say it
    translated anything when the memory and pass-through gave every sentence."""
    from xlate.cli.main import main

    out = tmp_path / "report.html"
    assert main(["compare", str(SAMPLES), "--out", str(out), "--no-cache"]) == 0
    footer = re.search(r"<footer>(.*?)</footer>", out.read_text(encoding="utf-8"), re.S)
    assert footer is not None
    assert "English by: identity, memory" in footer[1] and "argos" not in footer[1]


def test_the_timeline_graphic_fits_a_phone_and_a_desktop(tmp_path: Path, report: Report) -> None:
    alone = render_html(report, timeline_only=True)
    section = alone.split('<section id="timeline" class="timeline">')[1].split("</section>")[0]
    graphic = section.split("<svg")[1].split("</svg>")[0]
    assert graphic.count("<circle") == len(report.outlets)  # every outlet's date is known
    assert "<script" not in alone and '<section id="coverage">' not in alone
    for width, (scroll, client) in _widths_in_browser(tmp_path, alone, (1280, 390)).items():
        assert scroll <= client, f"{scroll} px of timeline in a {width} px window ({client})"


@pytest.mark.parametrize(
    ("engines", "said"),
    [
        (["identity"], "The English is the outlets' own."),  # a trial: it said machine-made
        (["identity", "memory"], "comes from a translation memory"),
        (["argos", "identity", "memory"], "is machine-translated unless a translation memory"),
        (["ct2"], "is machine-translated"),
    ],
)
def test_the_footer_says_where_the_english_came_from(engines: list[str], said: str) -> None:
    from xlate.render.html import _english_note

    assert said in _english_note(engines)
