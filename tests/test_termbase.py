"""Exchanging terms with other tools: CSV pairs and TBX, both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlate.cli.main import main
from xlate.errors import FormatError
from xlate.glossary.exchange import export_csv, export_tbx, format_glossary, import_csv, import_tbx
from xlate.glossary.load import default_glossary_path, load_glossary, parse_glossary
from xlate.glossary.match import Glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([default_glossary_path()])[0]


def _essence(concepts: object) -> list[tuple[object, ...]]:
    return [(c.id, c.type, c.preferred, c.variants, c.forbidden, c.note) for c in concepts]  # type: ignore[attr-defined]


def test_tbx_round_trip_keeps_every_concept(glossary: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(export_tbx(glossary.concepts), encoding="utf-8")
    assert _essence(import_tbx(path)) == _essence(glossary.concepts)


def test_toml_written_back_parses_to_the_same_concepts(glossary: Glossary) -> None:
    concepts, problems = parse_glossary(format_glossary(glossary.concepts), "g.toml")
    assert problems == []
    assert _essence(concepts) == _essence(glossary.concepts)
    assert [c.en_from for c in concepts] == [c.en_from for c in glossary.concepts]
    # the precision rules too: forms that need context, the context, the blocking phrases
    rules = [(c.ambiguous, c.context, c.not_in) for c in glossary.concepts]
    assert [(c.ambiguous, c.context, c.not_in) for c in concepts] == rules
    assert any(a for a, _, _ in rules) and any(n for _, _, n in rules)


def test_csv_export_pairs_every_source_form_with_its_english(glossary: Glossary) -> None:
    rows = export_csv(glossary.concepts, "ja", "en").splitlines()
    assert "岩屋外相,Takeshi Iwaya" in rows
    assert "北方領土,Northern Territories" in rows  # the side's own name for a contested place
    assert "Южные Курилы,Southern Kurils" in export_csv(glossary.concepts, "ru", "en").splitlines()


CSV = [
    (
        "МИД России,Russian Foreign Ministry\nроссийский МИД,Russian Foreign Ministry\n",
        [{"en": "Russian Foreign Ministry", "ru": "МИД России"}],
    ),
    ("Киев,Kyiv,ru,en\nKyiv,Київ,en,uk\n", [{"en": "Kyiv", "ru": "Киев"}]),  # DeepL, 4 columns
    ("en,ru,ja\nsanctions,санкции,制裁\n", [{"en": "sanctions", "ru": "санкции", "ja": "制裁"}]),
]


@pytest.mark.parametrize(("text", "preferred"), CSV)
def test_csv_import(text: str, preferred: list[dict[str, str]]) -> None:
    assert [c.preferred for c in import_csv(text, "t.csv", "ru", "en")] == preferred


def test_csv_import_keeps_variants_of_one_target() -> None:
    [concept] = import_csv("МИД России,Russian MFA\nроссийский МИД,Russian MFA\n", "t", "ru", "en")
    assert concept.variants == {"ru": ("российский МИД",)}


def test_bad_csv_row_names_file_and_row() -> None:
    with pytest.raises(FormatError, match=r"t\.csv: row 2: expected source,target"):
        import_csv("a,b\nonly-one-column\n", "t.csv", "ru", "en")


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="price-cap">
      <descrip type="subjectField">sanction-term</descrip>
      <langSec xml:lang="en"><termSec><term>price cap</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="ru"><termSec><term>потолок цен</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""


def test_tbx_v3_import(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(TBX_V3, encoding="utf-8")
    [concept] = import_tbx(path)
    assert (concept.id, concept.type) == ("price-cap", "sanction-term")
    assert concept.preferred == {"en": "price cap", "ru": "потолок цен"}


BAD_TBX = [
    (
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>&b;</term></tig>"
        "</langSet></termEntry></body></text></martif>",
        "refused unsafe XML",
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>&x;</term></tig>"
        "</langSet></termEntry></body></text></martif>",
        "refused unsafe XML",
    ),
    ("<martif><text>", "malformed TBX"),
    ("<html><body/></html>", "not a TBX file"),
]


@pytest.mark.parametrize(("content", "message"), BAD_TBX)
def test_bad_or_hostile_tbx_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        import_tbx(path)


def test_export_and_import_commands_never_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tbx, toml = tmp_path / "g.tbx", tmp_path / "g.toml"
    assert main(["glossary", "export", str(tbx)]) == 0
    assert main(["glossary", "import", str(tbx), "--out", str(toml)]) == 0
    assert main(["glossary", "check", str(toml)]) == 0
    toml.write_text("# mine\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["glossary", "import", str(tbx), "--out", str(toml)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert toml.read_text(encoding="utf-8") == "# mine\n"
