"""The CTranslate2 engine on tiny real models of two families, and confidences end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from xlate.cli.main import main
from xlate.engines.argos import ArgosEngine, ArgosOptions
from xlate.engines.ct2 import CT2Engine, inspect_model, registered_models
from xlate.errors import EngineError
from xlate.model import LOW_CONFIDENCE
from xlate.translate.core import MIN_SCORED, confidence_floor

pytestmark = pytest.mark.argos

RU = [
    "Министр иностранных дел России заявил о новых санкциях.",
    "Япония ввела ограничения против российских банков.",
    "Переговоры продолжатся в Токио на следующей неделе.",
]


@pytest.mark.parametrize(
    ("family", "pair"), [("marian", ("ru", "en")), ("m2m100", None), ("nllb", None)]
)
def test_family_is_read_from_the_files(
    tiny_ct2: dict[str, Path], family: str, pair: tuple[str, str] | None
) -> None:
    files = inspect_model(tiny_ct2[family])
    assert (files.family, files.pair) == (family, pair)


@pytest.mark.parametrize("family", ["marian", "m2m100", "nllb"])
def test_translates_with_a_confidence_that_is_the_mean_token_log_probability(
    tiny_ct2: dict[str, Path], family: str
) -> None:
    engine = CT2Engine(tiny_ct2[family])
    found = engine.translate(RU, "ru", "en")
    assert [t.source for t in found if t] == RU
    assert all(t is not None and t.engine == "ct2" and t.model == engine.model for t in found)
    # The confidence is CTranslate2's score with the length penalty undone: the mean of the
    # log-probabilities score_batch gives the chosen tokens (the prefix given, not chosen).
    start, prefix = engine.language_tokens("ru", "en")
    spm = engine.processor(engine.files.source_spm)
    tokens = [[*start, *spm.encode(s, out_type=str), "</s>"] for s in RU]
    hypotheses = engine.translator.translate_batch(
        tokens,
        target_prefix=[prefix] * 3 if prefix else None,
        beam_size=engine.beam_size,
        length_penalty=0.2,
    )
    scored = engine.translator.score_batch(tokens, [h.hypotheses[0] for h in hypotheses])
    for t, s in zip(found, scored, strict=True):
        chosen = s.log_probs[len(prefix) :]
        assert t is not None and t.confidence is not None
        assert t.confidence == pytest.approx(sum(chosen) / len(chosen), abs=0.1)


CODES = [("m2m100", ["__ru__"], ["__en__"]), ("nllb", ["rus_Cyrl"], ["eng_Latn"])]


@pytest.mark.parametrize(("family", "start", "prefix"), CODES)
def test_language_codes_of_each_family(
    tiny_ct2: dict[str, Path], family: str, start: list[str], prefix: list[str]
) -> None:
    assert CT2Engine(tiny_ct2[family]).language_tokens("ru", "en") == (start, prefix)


def test_unsupported_language_is_an_error_naming_it(tiny_ct2: dict[str, Path]) -> None:
    with pytest.raises(EngineError, match="no language code for 'xx'"):
        CT2Engine(tiny_ct2["m2m100"]).translate(["a"], "xx", "en")
    with pytest.raises(EngineError, match=r"no language code for 'de' \(xlate maps ru, ja, en\)"):
        CT2Engine(tiny_ct2["nllb"]).translate(["a"], "de", "en")
    marian = CT2Engine(tiny_ct2["marian"])
    assert not marian.covers("ja", "en") and marian.covers("ru", "en")
    with pytest.raises(EngineError, match="translates ru→en only, not ja→en"):
        marian.translate(["日本"], "ja", "en")


def _copy(model: Path, tmp_path: Path, name: str | None = None) -> Path:
    return Path(shutil.copytree(model, tmp_path / (name or model.name)))


def test_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="no such model folder"):
        inspect_model(tmp_path / "absent")
    with pytest.raises(EngineError, match=r"not a CTranslate2 model \(no model.bin\)"):
        inspect_model(tmp_path)


def test_files_of_one_family_with_another_vocabulary(
    tiny_ct2: dict[str, Path], tmp_path: Path
) -> None:
    folder = _copy(tiny_ct2["m2m100"], tmp_path, "opus-mt-ru-en")
    spm = folder / "sentencepiece.bpe.model"
    shutil.copy(spm, folder / "source.spm")
    shutil.copy(spm, folder / "target.spm")
    with pytest.raises(EngineError, match=r"OPUS-MT/Marian model's .* M2M-100 language tokens"):
        inspect_model(folder)
    marian = _copy(tiny_ct2["marian"], tmp_path, "opus-mt-ru-de")
    shutil.copy(marian / "source.spm", marian / "sentencepiece.bpe.model")
    for name in ("source.spm", "target.spm"):
        (marian / name).unlink()
    with pytest.raises(EngineError, match="vocabulary has no language tokens"):
        inspect_model(marian)


def test_sentencepiece_model_of_another_vocabulary(
    tiny_ct2: dict[str, Path], tmp_path: Path
) -> None:
    import sentencepiece

    folder = _copy(tiny_ct2["marian"], tmp_path)
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(["ααα βββ γγγ δδδ εεε ζζζ ηηη θθθ"] * 20),
        model_prefix=str(tmp_path / "greek"),
        vocab_size=20,
        minloglevel=2,
    )
    shutil.copy(tmp_path / "greek.model", folder / "source.spm")
    with pytest.raises(EngineError, match=r"source.spm does not match the model's vocabulary"):
        inspect_model(folder)


def test_marian_folder_that_names_no_pair(tiny_ct2: dict[str, Path], tmp_path: Path) -> None:
    folder = _copy(tiny_ct2["marian"], tmp_path, "my-model")
    with pytest.raises(EngineError, match=r'opus-mt-SRC-TGT .* pair = "ja-en"'):
        inspect_model(folder)
    assert inspect_model(folder, ("ru", "en")).pair == ("ru", "en")


def test_registered_in_the_configuration(tiny_ct2: dict[str, Path], tmp_path: Path) -> None:
    folder = _copy(tiny_ct2["marian"], tmp_path, "my-model")
    config = tmp_path / "config.toml"
    config.write_text(f'[models.ruen]\npath = "{folder}"\npair = "ru-en"\n', encoding="utf-8")
    assert registered_models(config)["ruen"].pair == ("ru", "en")
    config.write_text('[models.argos]\npath = "x"\n', encoding="utf-8")
    with pytest.raises(EngineError, match="built-in engine's name"):
        registered_models(config)


def test_argos_and_ct2_engines_agree_on_one_model(
    installed_argos: dict[str, Path], tmp_path: Path
) -> None:
    """The tiny Argos package's own CTranslate2 model and SentencePiece model, laid out as an
    OPUS-MT folder: both engines give the same text and the same confidence."""
    argos = ArgosEngine(ArgosOptions(beam_size=2))
    package = argos.path("ru", "en")[0].pkg.package_path
    folder = tmp_path / "opus-mt-ru-en"
    shutil.copytree(Path(package) / "model", folder)
    for name in ("source.spm", "target.spm"):
        shutil.copy(Path(package) / "sentencepiece.model", folder / name)
    ct2 = CT2Engine(folder, ArgosOptions(beam_size=2))
    by_argos = argos.translate(RU, "ru", "en")
    ours = ct2.translate(RU, "ru", "en")
    for a, b in zip(by_argos, ours, strict=True):
        assert a is not None and b is not None
        assert a.confidence is not None and b.confidence is not None
    assert [a.text for a in by_argos if a] == [b.text for b in ours if b]
    # The confidences differ in the third decimal: an OPUS-MT source ends with </s>, as
    # Marian's tokenizer writes it; an Argos package's tokenizer adds none.
    assert [a.confidence for a in by_argos if a] == pytest.approx(
        [b.confidence for b in ours if b], abs=0.01
    )


FLOOR_CASES = [
    ([-1.0] * (MIN_SCORED - 1), None),  # too few to draw a tail
    # Q1 -1.1, Q3 -0.975: the fence is 1.5 interquartile ranges below Q1.
    ([-1.0, -1.1, -0.9, -1.0, -1.2, -0.8, -1.0, -1.1], -1.2875),
]


@pytest.mark.parametrize(("scores", "floor"), FLOOR_CASES)
def test_confidence_floor_is_the_lower_fence(scores: list[float], floor: float | None) -> None:
    found = confidence_floor(scores)
    assert found == (None if floor is None else pytest.approx(floor))


def test_translate_writes_confidence_and_low_confidence_notes(
    tiny_ct2: dict[str, Path], tmp_path: Path
) -> None:
    article = tmp_path / "in" / "ria.txt"
    article.parent.mkdir()
    article.write_text("\n\n".join(RU * 3), encoding="utf-8")
    engine = f"ct2:{tiny_ct2['m2m100']}"
    common = ["--engine", engine, "--no-glossary", "--cache", str(tmp_path / "c.db")]
    assert main(["translate", str(article), "--out", str(tmp_path / "j"), *common]) == 0
    data = json.loads(next((tmp_path / "j").glob("ria*.json")).read_text(encoding="utf-8"))
    rows = data["sentences"]
    assert all(isinstance(r["confidence"], float) and r["confidence"] < 0 for r in rows)
    # Every sentence is below a threshold above them all: every one flagged, and noted in md.
    low = ["--min-confidence", "0", "--format", "md"]
    assert main(["translate", str(article), "--out", str(tmp_path / "m"), *common, *low]) == 0
    text = next((tmp_path / "m").glob("ria*.md")).read_text(encoding="utf-8")
    assert text.count("low-confidence machine translation") == len(rows)
    # From the cache, the same confidences.
    assert main(["translate", str(article), "--out", str(tmp_path / "k"), *common]) == 0
    again = json.loads(next((tmp_path / "k").glob("ria*.json")).read_text(encoding="utf-8"))
    assert [r["confidence"] for r in again["sentences"]] == [r["confidence"] for r in rows]


def test_compare_marks_conflicts_of_low_confidence_translations(tmp_path: Path) -> None:
    """Two translated outputs that disagree on a number; one sentence is low-confidence."""
    outs = []
    for outlet, number, flags in (("a", "12", [LOW_CONFIDENCE]), ("b", "15", [])):
        row = {
            "index": 0,
            "paragraph": 0,
            "start": 0,
            "end": 10,
            "lang": "ru",
            "source": f"Япония ввела санкции против {number} российских банков.",
            "translation": f"Japan imposed sanctions on {number} Russian banks on Friday.",
            "engine": "ct2",
            "model": "m",
            "score": 100.0,
            "flags": flags,
            "glossary": [],
            "confidence": -3.0,
        }
        doc = {
            "xlate": "0",
            "article": {"id": outlet, "outlet": outlet, "path": outlet, "title": "", "date": ""},
            "language": "ru",
            "target": "en",
            "title": None,
            "sentences": [row],
        }
        path = tmp_path / f"{outlet}.en.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        outs.append(str(path))
    report = tmp_path / "report.json"
    args = ["compare", *outs, "--engine", "identity", "--no-cache", "--format", "json"]
    assert main([*args, "--out", str(report)]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    marked = [f for f in data["facts"] if f["conflicts"]]
    assert marked and marked[0]["low_confidence"] == ["a"]
    md = tmp_path / "report.md"
    assert main([*args[:-1], "md", "--out", str(md)]) == 0
    assert "may be a translation error (low-confidence translation: " in md.read_text("utf-8")


def test_compare_reads_the_flag_of_a_model_translation(
    tiny_ct2: dict[str, Path], tmp_path: Path
) -> None:
    """A Russian article through the tiny M2M-100 model, every sentence under the threshold,
    read back by compare: each of its sentences is marked doubtful; an English one is not."""
    from xlate.compare.prepare import prepare_outlets

    article = tmp_path / "in" / "ria.txt"
    article.parent.mkdir()
    article.write_text("\n\n".join(RU), encoding="utf-8")
    out = tmp_path / "out"
    engine = ["--engine", f"ct2:{tiny_ct2['m2m100']}", "--no-glossary", "--no-cache"]
    argv = ["translate", str(article), "--out", str(out), *engine, "--min-confidence", "0"]
    assert main(argv) == 0
    english = tmp_path / "en.txt"
    english.write_text("Japan imposed sanctions on Russian banks on Friday.", encoding="utf-8")
    outlets, errors = prepare_outlets([str(out), str(english)], [], None)
    assert not errors
    doubtful = {o.id: [s.doubtful for s in o.sentences] for o in outlets}
    assert doubtful == {"ria": [True] * len(RU), "en": [False]}


def test_a_vocabulary_that_cannot_be_read(tiny_ct2: dict[str, Path], tmp_path: Path) -> None:
    folder = _copy(tiny_ct2["marian"], tmp_path)
    (folder / "shared_vocabulary.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(EngineError, match=r"shared_vocabulary\.json: cannot read the vocabulary"):
        inspect_model(folder)


def test_translate_with_a_model_registered_by_name(
    tiny_ct2: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy(tiny_ct2["marian"], tmp_path, "my-model")
    config = tmp_path / "config.toml"
    config.write_text('[models.ruen]\npath = "my-model"\npair = "ru-en"\n', encoding="utf-8")
    monkeypatch.setenv("XLATE_CONFIG", str(config))
    article = tmp_path / "ria.txt"
    article.write_text(RU[0], encoding="utf-8")
    out = tmp_path / "out"
    argv = ["translate", str(article), "--out", str(out), "--engine", "ruen", "--no-cache"]
    assert main([*argv, "--no-glossary"]) == 0
    [row] = json.loads((out / "ria.en.json").read_text(encoding="utf-8"))["sentences"]
    assert row["engine"] == "ct2" and row["model"] == CT2Engine(folder, pair=("ru", "en")).model
    with pytest.raises(SystemExit) as info:  # a name neither built in nor registered
        main([*argv[:-1], "nmt"])
    assert info.value.code == 2


def test_the_glossary_is_kept_through_and_checked_after_a_ct2_model(
    tiny_ct2: dict[str, Path], tmp_path: Path
) -> None:
    article = tmp_path / "ria.txt"
    article.write_text(RU[0], encoding="utf-8")
    out = tmp_path / "out"
    engine = ["--engine", f"ct2:{tiny_ct2['m2m100']}", "--no-cache"]
    main(["translate", str(article), "--out", str(out), *engine])
    [row] = json.loads((out / "ria.en.json").read_text(encoding="utf-8"))["sentences"]
    # "Министр иностранных дел" is a concept of the default glossary: checked in the output.
    assert row["engine"] == "ct2" and row["glossary"]
    assert {check["status"] for check in row["glossary"]} <= {"kept", "missing", "wrong"}
