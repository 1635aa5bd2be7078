"""A glossary of one's own: list, add (into the user's file, which extends the bundled one),
CSV headers, forbidden renderings in lookup, and concept counts quoted in the docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from xlate.cli.main import main
from xlate.glossary.exchange import csv_header, import_csv
from xlate.glossary.load import (
    default_glossary_path,
    load_glossary,
    standard_glossary_paths,
    user_glossary_path,
)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config folder of the user's (platformdirs reads XDG_CONFIG_HOME)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def _bundled_count() -> int:
    return len(load_glossary([default_glossary_path()])[0].concepts)


def test_the_user_glossary_lives_in_the_config_folder(config: Path) -> None:
    assert user_glossary_path() == config / "xlate" / "glossary.toml"
    assert standard_glossary_paths() == [default_glossary_path()]  # none yet: bundled alone


IVANOV = ["--type", "person", "--en", "Oleg Ivanov", "--ru", "Олег Иванов"]


def test_add_extends_the_bundled_glossary_and_every_command_uses_it(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*IVANOV, "--variant", "ru=Иванов", "--forbidden", "en=Ivanoff", "--note", "test"]
    assert main(["glossary", "add", *args]) == 0
    assert capsys.readouterr().out == f"added oleg-ivanov (person) to {user_glossary_path()}\n"
    assert standard_glossary_paths() == [default_glossary_path(), user_glossary_path()]
    assert main(["glossary", "check"]) == 0
    assert f"{_bundled_count() + 1} concepts, no problems" in capsys.readouterr().out
    # scan, like translate and compare, uses both files without --glossary
    text = config.parent / "a.txt"
    text.write_text("Олега Иванова и Лаврова встретили в Токио.", encoding="utf-8")
    assert main(["glossary", "scan", str(text), "--lang", "ru", "--json"]) == 0
    found = [json.loads(line)["concept"] for line in capsys.readouterr().out.splitlines()]
    assert found == ["oleg-ivanov", "lavrov", "tokyo"]
    # a second concept goes below the first
    assert main(["glossary", "add", "--type", "place", "--en", "Nowhere", "--ja", "無所"]) == 0
    concepts, problems = load_glossary([user_glossary_path()])
    assert [c.id for c in concepts.concepts] == ["oleg-ivanov", "nowhere"] and not problems
    assert concepts.concepts[0].variants == {"ru": ("Иванов",)}


REFUSED = [
    (
        ["--type", "place", "--en", "Kyiv", "--ru", "Киев"],
        "en form 'Kyiv' is also a form of 'kyiv'",
    ),
    ([*IVANOV, "--id", "lavrov"], "duplicate id 'lavrov'"),
    ([*IVANOV, "--id", "Bad Id"], "bad or missing id 'Bad Id'"),
    # a form that is no term, as glossary import leaves out: a variant or a forbidden one
    ([*IVANOV, "--variant", "en=(a+)+$"], "form '(a+)+$' holds '+' (U+002B)"),
    ([*IVANOV, "--forbidden", "en=(a+)+$"], "form '(a+)+$' holds '+' (U+002B)"),
    ([*IVANOV, "--forbidden", "ru=."], "form '.' has no letter"),
    # a trial: "Kiev" added as a person's English, and the check found nothing
    (
        ["--type", "person", "--en", "Kiev", "--ru", "Киевъ"],
        "en form 'Kiev' is a forbidden rendering of 'kyiv'",
    ),
]


@pytest.mark.parametrize(("args", "problem"), REFUSED)
def test_add_refuses_what_would_break_the_glossary_and_writes_nothing(
    args: list[str], problem: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "add", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"xlate: error: {user_glossary_path()}: not added: ")
    assert problem in err
    assert not user_glossary_path().exists()


def test_add_needs_a_russian_or_japanese_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["glossary", "add", "--type", "other", "--en", "x"])
    assert info.value.code == 2
    assert "give --ru or --ja too" in capsys.readouterr().err


LISTS = [
    (["--type", "person"], lambda c: c["type"] == "person"),
    (["--type", "framing", "--lang", "ru"], lambda c: c["type"] == "framing"),
]


@pytest.mark.parametrize(("args", "keeps"), LISTS, ids=lambda v: str(v))
def test_list_filters_by_type_and_language(
    args: list[str], keeps: object, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "list", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) == _bundled_count()
    assert main(["glossary", "list", *args, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert callable(keeps)
    assert shown == [c for c in every if keeps(c) and (("--lang" not in args) or _has(c, args))]
    assert 0 < len(shown) < len(every)


def test_list_by_language_leaves_out_concepts_without_forms_in_it(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "add", *IVANOV]) == 0  # Russian and English, no Japanese
    capsys.readouterr()
    assert main(["glossary", "list", "--lang", "ja", "--json"]) == 0
    ja = [c["id"] for c in json.loads(capsys.readouterr().out)]
    assert main(["glossary", "list", "--lang", "ru", "--json"]) == 0
    ru = [c["id"] for c in json.loads(capsys.readouterr().out)]
    assert ru == [*ja, "oleg-ivanov"] and len(ja) == _bundled_count()


def _has(concept: dict[str, object], args: list[str]) -> bool:
    lang = args[args.index("--lang") + 1]
    preferred, variants = concept["preferred"], concept["variants"]
    assert isinstance(preferred, dict) and isinstance(variants, dict)
    return bool(preferred.get(lang) or variants.get(lang))


def test_list_in_an_80_column_terminal_breaks_no_word(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["glossary", "list", "--type", "office"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "ru-mfa" in out or "foreign-minister" in out or "office" in out


HEADERS = [
    ("source,target\nМИД России,Russian Foreign Ministry\n", ["source", "target"]),
    ("Russian,English\nМИД России,Russian Foreign Ministry\n", ["Russian", "English"]),
    (
        "Source Term,Target Term\nМИД России,Russian Foreign Ministry\n",
        ["Source Term", "Target Term"],
    ),
    ("МИД России,Russian Foreign Ministry\n", []),
]


@pytest.mark.parametrize(("text", "header"), HEADERS)
def test_csv_import_skips_a_header_row(text: str, header: list[str]) -> None:
    assert csv_header(text) == header
    concepts = import_csv(text, "t.csv", "ru", "en")
    assert [c.preferred for c in concepts] == [
        {"en": "Russian Foreign Ministry", "ru": "МИД России"}
    ]
    assert "target" not in [c.id for c in concepts]


def test_the_import_command_says_it_skipped_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "terms.csv"
    source.write_text(HEADERS[0][0], encoding="utf-8")
    out = tmp_path / "mine.toml"
    assert main(["glossary", "import", str(source), "--out", str(out)]) == 0
    assert f"{source}: skipped the header row (source,target)" in capsys.readouterr().err
    assert 'id = "russian-foreign-ministry"' in out.read_text(encoding="utf-8")


def test_lookup_finds_a_forbidden_rendering_and_says_so(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "lookup", "Kiev"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("'Kiev' is a forbidden en rendering of kyiv: write 'Kyiv'\n")
    assert "kyiv (place)" in out
    assert main(["glossary", "lookup", "kiev", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["forbidden_in"]) == ("kyiv", "en")
    assert main(["glossary", "lookup", "Atlantis"]) == 1
    assert "no concept has the form 'Atlantis', nor forbids it" in capsys.readouterr().err


# Every "N concepts" quoted for users (README, docs/ but the dated measurements of
# performance.md, and the code) is the bundled glossary's count.
QUOTING = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted(ROOT.glob("xlate/**/*.py")),
]
COUNT = re.compile(r"\b(\d[\d,]*)[ -]concepts?\b")


@pytest.mark.parametrize(
    "path",
    [p for p in QUOTING if p.name != "performance.md"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_concept_counts_quoted_are_the_glossarys(path: Path) -> None:
    quoted = {int(n.replace(",", "")) for n in COUNT.findall(path.read_text(encoding="utf-8"))}
    assert quoted <= {_bundled_count()}, f"{path.name} quotes {sorted(quoted)} concepts"


def test_an_english_rendering_another_concept_forbids_is_a_problem(tmp_path: Path) -> None:
    # a review: en_from.ru = "Kiev" passed glossary check, where en = "Kiev" did not
    from xlate.glossary.load import default_glossary_path, load_glossary

    own = tmp_path / "own.toml"
    own.write_text(
        '[[concept]]\nid = "kiev-oblast"\ntype = "place"\nen = "Kyiv Oblast"\n'
        'ru = "Киевская область"\nen_from.ru = "Kiev"\n',
        encoding="utf-8",
    )
    _, problems = load_glossary([default_glossary_path(), own])
    assert any("form 'Kiev' is a forbidden rendering of 'kyiv'" in p.message for p in problems)


def test_a_term_file_given_as_a_glossary_says_to_import_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a trial: --glossary terms.csv said "not valid TOML ... (run xlate glossary check)"
    terms = tmp_path / "terms.csv"
    terms.write_text("en,ru\nKyiv,Киев\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Москва ответила.\n", encoding="utf-8")
    argv = ["translate", str(text), "--out", str(tmp_path / "out"), "--glossary", str(terms)]
    assert main([*argv, "--no-cache"]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert f"{terms}: a term file, not a glossary: import it first (`xlate glossary import" in said
