"""The tables ``xlate models list`` and ``xlate glossary scan`` print (xlate.render builds them;
the command line only prints)."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import SAMPLES

from xlate.engines.packages import InstalledModel
from xlate.glossary.load import default_glossary_path, load_glossary
from xlate.ingest.formats import read_articles
from xlate.render.console import make_console
from xlate.render.glossary import scan_table
from xlate.render.models import models_table


def rendered(table: object, width: int = 160) -> str:
    buffer = io.StringIO()
    make_console(buffer, width=width, environ={"TERM": "dumb"}).print(table)
    return buffer.getvalue()


def test_the_models_table_has_a_row_per_model_and_prints_metadata_inert() -> None:
    models = [
        InstalledModel("ru", "en", "1.9", Path("/models/translate-ru_en"), 93_400_000, "ru_en"),
        InstalledModel("ja", "en", "[bold]1.1[/bold]", Path("/models/ja_en"), 1_500_000, "ja_en"),
    ]
    text = rendered(models_table(models))
    assert "ru→en" in text and "93.4 MB" in text and "/models/translate-ru_en" in text
    assert "ja→en" in text and "1.5 MB" in text
    assert "[bold]1.1[/bold]" in text  # a package's metadata is not markup
    # a trial: at 80 columns the path was cut ("…/translate-ru_en-t…"); it folds, whole
    deep = Path("/root/.local/share/argos-translate/packages/translate-ru_en-tiny")
    narrow = rendered(models_table([InstalledModel("ru", "en", "1.9", deep, 10, "x")]), 60)
    assert "…" not in narrow and "tiny" in narrow


def test_the_scan_table_lists_every_match_of_an_article() -> None:
    glossary, _ = load_glossary([default_glossary_path()])
    (article,) = read_articles(SAMPLES / "articles" / "severny-vestnik.html")
    rows = [m.to_dict() for m in glossary.scan(article.text, "ru")]
    text = rendered(scan_table(rows))
    assert f"Glossary terms: {len(rows)}" in text
    assert len(rows) > 10
    for row in rows:
        assert row["surface"] in text and f"{row['start']}-{row['end']}" in text
