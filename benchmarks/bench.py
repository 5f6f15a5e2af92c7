"""renewie benchmarks (issue 5): figures and ratios measured in one run.

    python benchmarks/bench.py                 # full run: a corpus of at least 50 MB
    python benchmarks/bench.py --size-mb 5     # a quicker run
    python benchmarks/bench.py --join 14       # release-length documents (~3,000 characters)
    python benchmarks/bench.py --from DIR      # grown from your own releases instead of corpus/docs
    python benchmarks/bench.py --repeat 3      # fastest of 3 runs of each throughput figure

Prints, each beside jieba.lcut over the same text in the same run:
  * throughput of `renewie extract` (characters/s, documents/s) on 1 worker and on all cores;
  * peak memory of a run over 10x and 100x as many documents;
  * time from interpreter start to the first document's output.
Benchmarks are not tests: nothing here asserts; read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def grow_corpus(out: Path, size_mb: float, seed: int = 7, join: int = 1,
                source: Path = ROOT / "corpus" / "docs") -> tuple[int, int]:
    """JSON Lines of documents grown from the releases in ``source`` (corpus/docs): the
    releases with their numbers varied, so that no two documents are identical; ``join``
    releases per document; returns (documents, characters)."""
    import renewie

    base = [renewie.read(p) for p in sorted(source.iterdir()) if p.is_file()]
    rng = random.Random(seed)
    n_docs = n_chars = 0
    target = size_mb * 1_000_000
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        k = 0
        while written < target:
            parts = [base[(k + i) % len(base)] for i in range(join)]
            k += join
            text = "\n\n".join(parts)
            text = "".join(str(rng.randint(1, 9)) if c.isdigit() and rng.random() < 0.3 else c for c in text)
            line = json.dumps({"id": f"doc{n_docs:07d}", "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            n_docs += 1
            n_chars += len(text)
    return n_docs, n_chars


def figure_density(path: Path, sample: int = 500) -> float:
    """Amounts and counts per 1,000 characters over the first ``sample`` documents: the cost
    of extraction follows the figures more than the characters."""
    import renewie

    texts = texts_of(path, sample)
    figures = 0
    for t in texts:
        doc = renewie.extract(t)
        figures += len(doc.amounts) + len(doc.counts)
    return 1000 * figures / max(1, sum(map(len, texts)))


def texts_of(path: Path, limit: int | None = None) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            out.append(json.loads(line)["text"])
    return out


def run_cli(inp: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak RSS (KiB, largest process) of one `renewie extract` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "renewie.cli", "extract", str(inp), "--input-format", "jsonl",
                    "--workers", str(workers), "-q", "-o", os.devnull], check=False)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(peak, before)


# The peak resident memory of the process itself.  Linux keeps ``ru_maxrss`` across exec, so a
# child started from this (large) benchmark process would report the parent's size; VmHWM of
# /proc/self/status starts afresh with the new program.
PEAK_RSS = """
def peak_kib():
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


def peak_rss_of(inp: Path) -> int:
    """Peak RSS of a fresh one-worker process extracting ``inp`` (KiB)."""
    code = (PEAK_RSS + "from renewie.cli import main\n"
            f"main(['extract', {str(inp)!r}, '--input-format', 'jsonl', '--workers', '1', '-q', '-o', {os.devnull!r}])\n"
            "print(peak_kib())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return int(out.stdout.strip().splitlines()[-1])


def first_output(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=50.0, help="size of the grown corpus (default 50)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--from", dest="source", type=Path, default=ROOT / "corpus" / "docs",
                    help="folder of releases to grow the corpus from (default corpus/docs)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each throughput measurement this many times and keep the fastest (default 1); "
                         "the machine's speed drifts between runs, the fastest run drifts least")
    ap.add_argument("--join", type=int, default=1,
                    help="corpus releases per benchmark document (default 1; 14 gives release-length "
                         "documents of about 3,000 characters, like real releases)")
    args = ap.parse_args()
    import jieba

    jieba.setLogLevel(60)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "corpus.jsonl"
        n_docs, n_chars = grow_corpus(big, args.size_mb, join=args.join, source=args.source)
        print(f"corpus: {n_docs} documents of {n_chars // n_docs} characters on average, "
              f"{n_chars / 1e6:.1f} M characters, {big.stat().st_size / 1e6:.1f} MB, "
              f"grown from {args.source}")
        print(f"  figures (amounts and counts found) per 1,000 characters: {figure_density(big):.1f}")

        texts = texts_of(big)
        jieba.lcut("预热")
        repeat = max(1, args.repeat)
        t_jieba = t1 = tn = float("inf")
        for _ in range(repeat):  # interleaved, so that a slow spell of the machine hits all three
            t = time.perf_counter()
            for x in texts:
                jieba.lcut(x)
            t_jieba = min(t_jieba, time.perf_counter() - t)
            t1 = min(t1, run_cli(big, 1)[0])
            tn = min(tn, run_cli(big, args.workers)[0])
        del texts
        j = n_chars / t_jieba
        print("\nthroughput (whole pipeline: read, normalise, extract, write JSON Lines)"
              + (f", fastest of {repeat} runs" if repeat > 1 else ""))
        print(f"  jieba.lcut, 1 process          {j / 1e6:6.2f} M chars/s")
        print(f"  renewie, 1 worker              {n_chars / t1 / 1e6:6.2f} M chars/s  {n_docs / t1:8.0f} docs/s  "
              f"= {n_chars / t1 / j:4.2f}x jieba.lcut")
        print(f"  renewie, {args.workers} workers             {n_chars / tn / 1e6:6.2f} M chars/s  {n_docs / tn:8.0f} docs/s  "
              f"= {t1 / tn:4.2f}x one worker")

        small = tmp / "x10.jsonl"
        large = tmp / "x100.jsonl"
        with open(big, encoding="utf-8") as f:
            lines = [next(f) for _ in range(min(n_docs, 20_000))]
        base_n = max(1, len(lines) // 100)
        small.write_text("".join(lines[: base_n * 10]), encoding="utf-8")
        large.write_text("".join(lines[: base_n * 100]), encoding="utf-8")
        m10, m100 = peak_rss_of(small), peak_rss_of(large)
        print("\npeak memory, one worker")
        print(f"  {base_n * 10:>6} documents  {m10 / 1024:7.1f} MiB")
        print(f"  {base_n * 100:>6} documents  {m100 / 1024:7.1f} MiB  = {m100 / m10:4.2f}x for 10x the documents")

        sample = json.loads(lines[0])["text"]
        r_first = first_output(
            "import time; t=time.perf_counter(); import renewie; "
            f"renewie.extract({sample!r}).to_dict(); print(time.perf_counter()-t)")
        j_first = first_output(
            "import time; t=time.perf_counter(); import jieba; jieba.setLogLevel(60); "
            f"jieba.lcut({sample!r}); print(time.perf_counter()-t)")
        print("\nimport to first output")
        print(f"  renewie   {r_first:5.2f} s")
        print(f"  jieba     {j_first:5.2f} s   (renewie = {r_first / j_first:4.2f}x jieba)")


if __name__ == "__main__":
    main()
