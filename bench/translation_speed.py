"""Translation speed: Bayan's pipeline against stock argostranslate, same model, same text.

A model with the official package's architecture (Transformer-base: 6+6 layers, d_model 512,
8 heads, FFN 2048, int8) and random weights is built in a temporary folder, with the tiny
test package's sentencepiece model and a 32,000-entry vocabulary. Random weights never emit
</s>, so both pipelines are capped at the same decoding length. The text is the bundled
corpus, segmented by Bayan; stock argostranslate gets it paragraph by paragraph (as its
``translate()`` does) with its online sentencizer replaced by Bayan's segmentation, so both
decode the same sentences.

Each pipeline runs in its own process so peak memory (VmHWM) is its own. Printed: sentences
per second, time to the first translated segment (from "translate this document" with nothing
loaded), peak memory, and ratios against stock argostranslate and against the ceiling: raw
CTranslate2 ``translate_batch`` on the same sentences (pre-tokenised, model loaded, one call),
all measured in the same run.

    python -m bench.translation_speed [--sentences 48] [--max-len 48] [--arch base|big]
    python -m bench.translation_speed --terms     # glossary term accuracy, tiny model + FLORES
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel"


ARCHS = {  # (d_model, ffn, heads, layers): the official Argos package's, and opus-mt-tc-big's
    "base": (512, 2048, 8, (6, 6)),
    "big": (1024, 4096, 16, (6, 6)),
}


def build_base_package(dest: Path, vocab_size: int = 32000, arch: str = "base") -> Path:
    spec = importlib.util.spec_from_file_location("build_tiny_model", ROOT / "tools" / "build_tiny_model.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    d_model, ffn, heads, layers = ARCHS[arch]
    pkg = dest / f"translate-ar_en-{arch}-random"
    (pkg / "model").mkdir(parents=True)
    with zipfile.ZipFile(TINY) as zf:
        root = zf.namelist()[0].split("/")[0]
        (pkg / "sentencepiece.model").write_bytes(zf.read(f"{root}/sentencepiece.model"))
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    vocab = ["<blank>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab += [f"▁x{i}" for i in range(vocab_size - len(vocab))]
    weights = builder.random_weights(len(vocab), d_model, ffn, layers)
    builder.write_ctranslate2_model(weights, layers, heads, vocab, pkg / "model", "int8")
    (pkg / "metadata.json").write_text(json.dumps(builder.metadata(
        pkg.name, "0", f"random transformer-{arch} for benchmarks")))
    return pkg


def corpus_paragraphs(limit: int) -> list[list[str]]:
    from reader.corpus import load_manifest

    paragraphs: list[list[str]] = []
    total = 0
    for entry in load_manifest():
        doc = entry.load()
        by_para: dict[int, list[str]] = {}
        for seg in doc.segments:
            by_para.setdefault(seg.paragraph, []).append(seg.text)
        for sents in by_para.values():
            take = sents[: limit - total]
            if take:
                paragraphs.append(take)
                total += len(take)
            if total >= limit:
                return paragraphs
    return paragraphs


# --- workers (one process each) ----------------------------------------------------------

def worker_stock(pkg: Path, paragraphs: list[list[str]], max_len: int, threads: int) -> dict:
    t0 = time.perf_counter()
    from argostranslate import settings, translate
    imported = time.perf_counter() - t0

    settings.package_dirs = [pkg.parent]
    settings.intra_threads = threads
    lookup = {p_text: sents for p_text, sents in ((" ".join(p), p) for p in paragraphs)}

    class Segmented:  # Bayan's segmentation stands in for minisbd/stanza, which go online
        def split_sentences(self, text):
            return lookup[text]

    class Capped:  # same decoding-length cap as Bayan's run (random weights never stop)
        def __init__(self, translator):
            self.translator = translator

        def translate_batch(self, *args, **kwargs):
            return self.translator.translate_batch(*args, max_decoding_length=max_len, **kwargs)

    start = time.perf_counter()
    translation = translate.get_translation_from_codes("ar", "en").underlying
    translation.sentencizer = Segmented()
    first = None
    n = 0
    for p in paragraphs:
        if translation.translator is None:
            import ctranslate2
            translation.translator = Capped(ctranslate2.Translator(
                str(translation.pkg.package_path / "model"), device="cpu", inter_threads=1,
                intra_threads=threads, compute_type=settings.compute_type))
        translation.translate(" ".join(p))
        n += len(p)
        first = first or time.perf_counter() - start
    elapsed = time.perf_counter() - start
    return {"sentences": n, "seconds": elapsed, "first": first, "import": imported,
            "beam": settings.beam_size}


def worker_app(pkg: Path, paragraphs: list[list[str]], max_len: int, threads: int, beam: int,
               visible: int, batch: int) -> dict:
    t0 = time.perf_counter()
    from reader.translation.cache import TranslationCache
    from reader.translation.engine import DecodeOptions
    from reader.translation.packages import InstalledModel
    from reader.translation.service import TranslationService
    imported = time.perf_counter() - t0

    texts = [s for p in paragraphs for s in p]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        model = InstalledModel(pkg, json.loads((pkg / "metadata.json").read_text()))
        service = TranslationService(model, TranslationCache(Path(tmp) / "cache.sqlite3"),
                                     DecodeOptions(beam_size=beam, threads=threads, max_decoding_length=max_len,
                                                   max_batch_size=batch),
                                     terminology=None)
        # What the UI does: the rows on screen first, then the rest of the document.
        first = None
        for _ in service.stream(texts[:visible], ramp=True):
            first = first or time.perf_counter() - start
        service.translate(texts)
        elapsed = time.perf_counter() - start
    return {"sentences": len(texts), "seconds": elapsed, "first": first, "import": imported, "beam": beam}


def worker_ceiling(pkg: Path, paragraphs: list[list[str]], max_len: int, threads: int, beam: int,
                   batch: int) -> dict:
    """Raw CTranslate2: every sentence in one translate_batch call, nothing else (the ceiling)."""
    t0 = time.perf_counter()
    import ctranslate2
    import sentencepiece
    imported = time.perf_counter() - t0

    texts = [s for p in paragraphs for s in p]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(pkg / "model"), device="cpu", inter_threads=1, intra_threads=threads)
    tokens = [sp.encode(t, out_type=str) for t in texts]
    start = time.perf_counter()
    translator.translate_batch(tokens, beam_size=beam, max_batch_size=batch, max_decoding_length=max_len,
                               length_penalty=0.2, replace_unknowns=True)
    elapsed = time.perf_counter() - start
    return {"sentences": len(texts), "seconds": elapsed, "first": elapsed, "import": imported, "beam": beam}


def worker_gui(pkg: Path, max_len: int, threads: int, beam: int) -> dict:
    """Seconds from opening a corpus document in the window to the first English on screen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = Path(tempfile.mkdtemp())
    os.environ["BAYAN_DATA_DIR"] = str(data)
    shutil.copytree(pkg, data / "models" / pkg.name)
    from PySide6.QtWidgets import QApplication

    from reader.corpus import load_manifest
    from reader.translation.engine import DecodeOptions
    from reader.ui.main_window import MainWindow, open_settings

    app = QApplication.instance() or QApplication([])
    settings = open_settings()
    settings.setValue("translation/beam", beam)
    settings.setValue("translation/threads", threads)
    settings.sync()
    win = MainWindow()
    service = win.translation.service
    service.options = service.engine.options = DecodeOptions(beam_size=beam, threads=threads,
                                                             max_decoding_length=max_len)
    win.resize(1280, 820)
    win.show()
    doc = load_manifest()[0].load()
    app.processEvents()
    start = time.perf_counter()
    win.open_document(doc)
    while all(win.model.translation(r) is None for r in range(win.model.rowCount())):
        app.processEvents()
        time.sleep(0.001)
    first = time.perf_counter() - start
    win.close()
    shutil.rmtree(data, ignore_errors=True)
    return {"first": first}


def peak_rss_mb() -> float:
    """This process's peak RSS. (ru_maxrss would carry the parent's peak across exec.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(kind: str, pkg: Path, args, **extra) -> dict:
    cmd = [sys.executable, "-m", "bench.translation_speed", "--worker", kind, "--pkg", str(pkg),
           "--sentences", str(args.sentences), "--max-len", str(args.max_len),
           "--threads", str(args.threads), "--beam", str(extra.get("beam", 4)), "--batch", str(args.batch),
           "--visible", str(args.visible)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def speed(args) -> None:
    from reader.translation.engine import DecodeOptions

    default_beam = DecodeOptions().beam_size
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        pkg = build_base_package(Path(tmp), arch=args.arch)
        size = sum(p.stat().st_size for p in (pkg / "model").rglob("*"))
        print(f"built random transformer-{args.arch} int8 model ({size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - t:.0f} s")
        stock = run_worker("stock", pkg, args)
        ceiling = run_worker("ceiling", pkg, args, beam=4)
        runs = [("stock argostranslate (beam 4)", stock), ("raw CTranslate2 batch (beam 4, ceiling)", ceiling)]
        for beam in sorted({4, default_beam, 2}, reverse=True):
            label = ", ".join(x for x in ("same beam" if beam == 4 else "",
                                          "default" if beam == default_beam else "") if x) or "option"
            runs.append((f"Bayan, beam {beam} ({label})", run_worker("app", pkg, args, beam=beam)))
        gui = run_worker("gui", pkg, args, beam=default_beam)
    n = stock["sentences"]
    print(f"\n{n} corpus sentences, decoding capped at {args.max_len} tokens, {args.threads or 'all'} threads")
    ceiling_rate = ceiling["sentences"] / ceiling["seconds"]
    print(f"{'pipeline':40} {'sent/s':>7} {'×stock':>7} {'×ceiling':>9} {'first seg':>10} {'peak RSS':>9} "
          f"{'import':>7}")
    for name, r in runs:
        rate = r["sentences"] / r["seconds"]
        ratio = rate / (stock["sentences"] / stock["seconds"])
        print(f"{name:40} {rate:7.2f} {ratio:6.2f}x {rate / ceiling_rate:8.2f}x {r['first']:9.2f}s "
              f"{r['rss_mb']:7.0f}MB {r['import']:6.2f}s")
    print("goals: Bayan at beam 4 ≥ 0.9 × ceiling and ≥ 5 × stock argostranslate")
    print(f"\nin the window: first English on screen {gui['first']:.2f} s after opening a document "
          f"(beam {default_beam}, model not loaded yet; peak RSS {gui['rss_mb']:.0f} MB with Qt)")


def terms(args) -> None:
    """Share of glossary occurrences whose approved English appears, with/without enforcement."""
    from reader.translation.terminology import Terminology, term_accuracy

    terminology = Terminology.load()
    if terminology is None:
        print("reader.glossary is not available: no terminology to measure")
        return
    from bench._shared import FLORES, flores_lines
    from reader.translation.engine import DecodeOptions, Engine
    from reader.translation.packages import install

    if FLORES.is_dir():
        ar = flores_lines("flores-test.ar")
        argos = flores_lines("flores-test.argos.en")
        fixed = [terminology.replace_variant(e, terminology.missing(a, e)) or e for a, e in zip(ar, argos)]
        for name, out in (("official Argos output, no enforcement", argos),
                          ("official Argos output + variant replacement", fixed),
                          ("human reference translation", flores_lines("flores-test.en"))):
            hit, total = term_accuracy(terminology, ar, out)
            print(f"FLORES devtest, {name}: {hit}/{total}" + (f" = {hit / total:.1%}" if total else ""))
    texts = [s for p in corpus_paragraphs(10_000) for s in p]
    with tempfile.TemporaryDirectory() as tmp:
        model, _ = install(TINY, dest=Path(tmp))
        engine = Engine(model, DecodeOptions(beam_size=args.beam))
        sources = [t for t in texts if terminology.uses(t)][: args.sentences]
        plain = engine.translate(sources)
        t = time.perf_counter()
        enforced = []
        for k in range(0, len(sources), 16):  # batches of 16, as the app does
            enforced += terminology.enforce_many(engine, sources[k:k + 16], plain[k:k + 16])
        cost = time.perf_counter() - t
    for name, out in (("without enforcement", plain), ("with enforcement", enforced)):
        hit, total = term_accuracy(terminology, sources, out)
        print(f"corpus, tiny model, {name}: {hit}/{total} = {hit / max(total, 1):.1%}")
    t = time.perf_counter()
    engine.translate(sources)
    print(f"enforcement cost: {cost:.2f} s for {len(sources)} segments with terms "
          f"(translating them took {time.perf_counter() - t:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=48)
    ap.add_argument("--max-len", type=int, default=48, help="decoding cap in tokens, both pipelines")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--visible", type=int, default=8, help="rows on screen (translated first)")
    ap.add_argument("--batch", type=int, default=0, help="Bayan's max batch size (default: the app's)")
    ap.add_argument("--terms", action="store_true")
    ap.add_argument("--arch", choices=sorted(ARCHS), default="base",
                    help="random model: base (Argos 1.0's) or big (opus-mt-tc-big's)")
    ap.add_argument("--worker", choices=["stock", "app", "gui", "ceiling"], help=argparse.SUPPRESS)
    ap.add_argument("--pkg", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        from reader.translation.engine import DecodeOptions

        paragraphs = corpus_paragraphs(args.sentences)
        if args.worker == "gui":
            result = worker_gui(args.pkg, args.max_len, args.threads, args.beam)
        elif args.worker == "stock":
            result = worker_stock(args.pkg, paragraphs, args.max_len, args.threads)
        elif args.worker == "ceiling":
            result = worker_ceiling(args.pkg, paragraphs, args.max_len, args.threads, args.beam,
                                    args.batch or DecodeOptions().max_batch_size)
        else:
            result = worker_app(args.pkg, paragraphs, args.max_len, args.threads, args.beam, args.visible,
                                args.batch or DecodeOptions().max_batch_size)
        result["rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return 0
    if args.terms:
        terms(args)
    else:
        speed(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
