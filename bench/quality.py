"""Translation quality on FLORES devtest: sacrebleu BLEU and chrF for installed models.

In the same run it scores the Argos 1.0 reference outputs kept in ../shared
(``flores-test.argos.en``) against the same references, so a model's figure always sits next
to the baseline's, and checks that figure against the one recorded beside them (29.5).
COMET is added when the ``comet`` package and its model are already installed; nothing is
downloaded.

    python -m bench.quality                    # every installed model
    python -m bench.quality --model opus-mt-ar-en [--limit 200] [--beam 4]
"""
from __future__ import annotations

import argparse
import sys
import time

from bench._shared import FLORES, flores_lines


def score(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    import sacrebleu

    return {"bleu": sacrebleu.corpus_bleu(hypotheses, [references]).score,
            # chrF on sacrebleu's 0-100 scale; published OPUS-MT figures divide it by 100.
            "chrf": sacrebleu.corpus_chrf(hypotheses, [references]).score}


def comet(sources: list[str], hypotheses: list[str], references: list[str]) -> float | None:
    try:
        from comet import download_model, load_from_checkpoint  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        model = load_from_checkpoint(download_model("Unbabel/wmt22-comet-da", local_files_only=True))
    except Exception:  # noqa: BLE001 - no local checkpoint: COMET is optional
        return None
    data = [{"src": s, "mt": h, "ref": r} for s, h, r in zip(sources, hypotheses, references)]
    return float(model.predict(data, batch_size=16, gpus=0).system_score)


def pick_models(wanted: str | None):
    from reader.translation.catalog import CatalogError, load_catalog
    from reader.translation.packages import PackageError, find_model, installed_models

    if wanted is None:
        return installed_models()
    try:
        return [find_model(wanted)]
    except PackageError:
        try:
            entry = load_catalog().get(wanted)
        except CatalogError as exc:
            raise SystemExit(f"bench.quality: {exc}") from exc
        model = entry.installed()
        if model is None:
            raise SystemExit(f"bench.quality: {entry.id} is not installed (bayan models download {entry.id}).") \
                from None
        return [model]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="installed model name, code or catalog id (default: all installed)")
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only (0: all 1,012)")
    ap.add_argument("--beam", type=int, default=4)
    args = ap.parse_args(argv)
    if not FLORES.is_dir():
        print(f"bench.quality: FLORES data not found at {FLORES} (../shared is for developers and CI)")
        return 1
    sources, references = flores_lines("flores-test.ar"), flores_lines("flores-test.en")
    argos = flores_lines("flores-test.argos.en")
    if args.limit:
        sources, references, argos = sources[:args.limit], references[:args.limit], argos[:args.limit]
    models = pick_models(args.model)

    from reader.translation.engine import DecodeOptions, Engine

    rows: list[tuple[str, dict[str, float], float | None, float | None]] = []
    baseline = score(argos, references)
    rows.append(("Argos 1.0 reference outputs (../shared)", baseline, comet(sources, argos, references), None))
    for model in models:
        engine = Engine(model, DecodeOptions(beam_size=args.beam))
        start = time.perf_counter()
        hypotheses = engine.translate(sources)
        seconds = time.perf_counter() - start
        seen = " (trained on these sentences)" if _trained_on_flores(model) else ""
        rows.append((f"{model.name} (beam {args.beam}){seen}", score(hypotheses, references),
                     comet(sources, hypotheses, references), seconds))

    print(f"FLORES devtest, {len(sources)} sentences, sacrebleu {_version()}")
    print(f"{'system':70} {'BLEU':>6} {'chrF':>6} {'ΔBLEU':>7} {'COMET':>6} {'time':>8}")
    for name, s, c, seconds in rows:
        delta = s["bleu"] - baseline["bleu"]
        print(f"{name:70} {s['bleu']:6.1f} {s['chrf']:6.1f} {delta:+7.1f} "
              f"{'' if c is None else f'{c:6.3f}':>6} {'' if seconds is None else f'{seconds:7.1f}s':>8}")
    recorded = (FLORES / "flores-test.argos.en.bleu").read_text().strip()
    if not args.limit:
        print(f"\nArgos outputs: {baseline['bleu']:.1f} BLEU here, {recorded} recorded in ../shared")
    if not models:
        print("\nNo model installed: only the reference outputs were scored.")
    return 0


def _trained_on_flores(model) -> bool:
    """Bayan's tiny test models learnt these very sentences: their scores are not quality."""
    readme = model.path / "README.md"
    text = str(model.metadata.get("description", "")) + (readme.read_text(encoding="utf-8") if readme.is_file() else "")
    return "FLORES" in text


def _version() -> str:
    import sacrebleu

    return sacrebleu.__version__


if __name__ == "__main__":
    sys.exit(main())
