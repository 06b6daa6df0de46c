"""Cost of hostile but ordinary inputs: open time at two sizes, and peak memory.

Open time of HTML and Markdown with N and 2N paragraphs, a line of N and 2N stacked
diacritics and N and 2N nested <div>s, each with the same text as .txt measured in the
same run as baseline. Linear means doubling the input at most doubles the time
(ratio <= ~2; it was ~4 before: 20k <p> took 21 s). Peak memory (max RSS of a fresh
process) for a .docx bomb and for translating a 4 MB segment, against a fresh
process doing the small equivalent.

Run: python -m bench.hostile_open [--paragraphs 10000] [--batches 40]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "translate-ar_en-tiny.argosmodel"
SENTENCE = "قال المتحدث إن الاجتماع سيعقد في المدينة غدا لبحث الوضع"


def timed_open(path: Path) -> float:
    from reader.importers import load_document
    from reader.textfile import UnreadableFile

    best = float("inf")
    for _ in range(3 if path.stat().st_size > 1 << 19 else 7):  # short timings: more tries, less noise
        start = time.perf_counter()
        try:
            load_document(path)
        except UnreadableFile:
            pass  # refusing (a page nested 250,000 deep) counts: the time to say so
        best = min(best, time.perf_counter() - start)
    return best


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def paragraphs(n: int) -> list[str]:
    return [f"{SENTENCE} رقم {i}." for i in range(n)]


CASES: dict[str, Callable[[int], tuple[str, str]]] = {
    # name: n -> (file name, content); the .txt baseline gets the same words
    "HTML <p>": lambda n: ("p.html", "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs(n)) + "</body></html>"),
    "Markdown": lambda n: ("p.md", "\n\n".join(paragraphs(n))),
    "nested <div>": lambda n: ("d.html", "<div>" * (10 * n) + SENTENCE + "</div>" * (10 * n)),
    # 400k marks and more: at the 100k-200k the times are a few ms, mostly noise.
    "stacked marks": lambda n: ("m.txt", "ب" + "\u064e\u0650" * (20 * n) + " " + SENTENCE + ".\n"),
}


def open_times(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_small = timed_open(write(folder, "s.txt", "\n".join(paragraphs(n))))
        base_large = timed_open(write(folder, "l.txt", "\n".join(paragraphs(2 * n))))
        print(f"{'input':<14} {'size':>8} {'time s':>8} {'2x size':>8} {'time s':>8} {'ratio':>6}"
              "   (size: paragraphs; nested <div>s; combining marks on one line)")
        print(f"{'.txt baseline':<14} {n:>8,} {base_small:>8.3f} {2 * n:>8,} {base_large:>8.3f} "
              f"{base_large / base_small:>6.2f}")
        for label, make in CASES.items():
            times = []
            for size in (n, 2 * n):
                name, text = make(size)
                times.append(timed_open(write(folder, name, text)))
            if len(times) == 2:
                unit = {"nested <div>": 10 * n, "stacked marks": 40 * n}.get(label, n)  # divs, marks
                print(f"{label:<14} {unit:>8,} {times[0]:>8.3f} {2 * unit:>8,} {times[1]:>8.3f} "
                      f"{times[1] / times[0]:>6.2f}")


# Measured in a fresh process each, so one measurement's peak does not hide another's.
CHILD = r"""
import json, resource, sys, os, tempfile
os.environ["BAYAN_DATA_DIR"] = tempfile.mkdtemp()
job, arg = sys.argv[1], sys.argv[2]
result = {}
if job == "open":
    from reader.importers import load_document
    try:
        result["segments"] = len(load_document(arg).segments)
    except Exception as exc:
        result["refused"] = str(exc)
elif job == "translate":
    from reader.translation.packages import install
    from reader.translation.engine import Engine
    size, batches = map(int, arg.split(":"))
    model, _ = install(sys.argv[3])
    engine = Engine(model)
    words = "قال المتحدث إن الاجتماع سيعقد في المدينة غدا لبحث الوضع الأمني".split()
    text = " ".join(words[i % len(words)] for i in range(size // 6))[:size]
    done = [0]
    def cancel():
        done[0] += 1
        return done[0] > batches
    pieces = sum(len(b) for b in engine.batches([text], cancel))
    result["chars"] = len(text)
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def child(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def docx_bomb(folder: Path, zeros_mb: int) -> Path:
    """A real .docx whose document part unpacks to ``zeros_mb`` MB of padding (~1 MB zipped)."""
    import docx

    path = folder / "bomb.docx"
    document = docx.Document()
    document.add_paragraph(SENTENCE + ".")
    document.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    body = parts["word/document.xml"]
    head, tail = body.split(b"</w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != "word/document.xml":
                out.writestr(name, data)
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunk = b" " * (1 << 20)  # whitespace between elements: valid XML, huge when parsed
            for _ in range(zeros_mb):
                part.write(chunk)
            part.write(b"</w:body>" + tail)
    return path


def peaks(batches: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        import docx

        small = folder / "small.docx"
        document = docx.Document()
        document.add_paragraph(SENTENCE + ".")
        document.save(small)
        bomb = docx_bomb(folder, 2000)
        base = child("open", str(small))
        hit = child("open", str(bomb))
        print(f"\n.docx bomb ({bomb.stat().st_size / 1e6:.1f} MB file, 2,000 MB unpacked): peak "
              f"{hit['peak_mb']:.0f} MB vs {base['peak_mb']:.0f} MB for a one-line .docx "
              f"(ratio {hit['peak_mb'] / base['peak_mb']:.2f}); {hit.get('refused') or hit}")
        short = child("translate", f"60:{batches}", str(TINY))
        for size in (1 << 20, 4 << 20):
            long = child("translate", f"{size}:{batches}", str(TINY))
            print(f"{size >> 20} MB segment: peak {long['peak_mb']:.0f} MB over its first {batches} batches "
                  f"of pieces vs {short['peak_mb']:.0f} MB for one short sentence "
                  f"(ratio {long['peak_mb'] / short['peak_mb']:.2f}; it was ~7 GB unsplit)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--batches", type=int, default=40)
    args = parser.parse_args()
    open_times(args.paragraphs)
    peaks(args.batches)


if __name__ == "__main__":
    main()
