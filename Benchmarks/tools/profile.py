#!/usr/bin/env python3
"""Where a pipeline run spends its CPU, from `perf record -g`.

usage: Benchmarks/tools/profile.py [PIPELINE] [--input PATH] [--jobs N] [--under REGEX]...

Records one run of the release `pipe` (default: Benchmarks/pipelines/pages.yaml on
/tmp/pipe-bench/pages-2000, made by `Benchmarks/bench.py compare`; one job, so a stage's
share is its share of the CPU), then prints

- each stage's inclusive share of the samples, and shared pieces (tokenizer, stemmer,
  sentence splitter, allocator, hashing) wherever they are called from;
- the 25 hottest functions by samples spent in the function itself;
- for each `--under REGEX`, which functions directly below a frame matching REGEX take
  its samples ("who inside extract's entity recogniser is slow").

libxml2 is built without frame pointers, so the parser's own samples are counted in the
totals and the hottest-function list but not under the clean stage. Needs `perf`
(`apt-get install linux-perf`) and kernel.perf_event_paranoid <= 2. Nothing here runs in
`swift test`.
"""
import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PIPE = os.environ.get("PIPE_BINARY", os.path.join(ROOT, ".build", "release", "pipe"))

STAGES = [
    ("read files", r"InputReaderV8readFile"),
    ("clean", r"Clean0A5StageV7process"),
    ("extract", r"Extract0A5StageV7process"),
    ("cluster", r"Cluster0A5StageV7process"),
    ("summarize", r"Summarize0A5StageV7process"),
    ("export", r"Export0A5StageV7process"),
]
SHARED = [
    ("tokenizer", r"TextKit9TokenizerO"),
    ("stemmer", r"TextKit7StemmerO"),
    ("sentence splitter", r"TextKit16SentenceSplitter"),
    ("malloc/free", r"^(_int_malloc|malloc|_int_free|cfree|free|malloc_consolidate|unlink_chunk)"),
    ("hashing", r"Hasher|RawDictionaryStorage.*find|Sh8contains"),
]


def samples(data):
    """Each sample's frames, leaf first, as symbol names."""
    out = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym"], capture_output=True, text=True,
                         check=True).stdout
    for block in out.split("\n\n"):
        frames = [line.strip().split(" ", 1)[-1] for line in block.strip().splitlines()]
        if frames:
            yield frames


def main():
    argv = sys.argv[1:]
    pipeline = os.path.join(ROOT, "Benchmarks", "pipelines", "pages.yaml")
    source, jobs, under = "/tmp/pipe-bench/pages-2000", "1", []
    i = 0
    while i < len(argv):
        if argv[i] == "--input":
            source, i = argv[i + 1], i + 2
        elif argv[i] == "--jobs":
            jobs, i = argv[i + 1], i + 2
        elif argv[i] == "--under":
            under.append(argv[i + 1])
            i += 2
        else:
            pipeline, i = argv[i], i + 1
    if not os.path.exists(source):
        sys.exit(f"{source} does not exist: make it with `python3 Benchmarks/bench.py compare`, or pass --input")
    work = os.environ.get("BENCH_DIR", "/tmp/pipe-bench")
    os.makedirs(os.path.join(work, "profile"), exist_ok=True)
    data = os.path.join(work, "profile", "perf.data")
    env = dict(os.environ, BENCH_INPUT=source, BENCH_OUT=os.path.join(work, "profile"))
    subprocess.run(["perf", "record", "-F", "999", "-g", "-o", data, "--", PIPE, "run", pipeline, "--date",
                    "2026-11-20", "--jobs", jobs, "--quiet", "--output", os.path.join(work, "profile")],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    patterns = [(name, re.compile(p)) for name, p in STAGES + SHARED]
    inclusive = collections.Counter()
    leaves = collections.Counter()
    below = {p: collections.Counter() for p in under}
    compiled = {p: re.compile(p) for p in under}
    total = 0
    for frames in samples(data):
        total += 1
        leaves[frames[0]] += 1
        for name, pattern in patterns:
            if any(pattern.search(f) for f in frames):
                inclusive[name] += 1
        for p, pattern in compiled.items():
            for depth, frame in enumerate(frames):
                if pattern.search(frame):
                    below[p][frames[depth - 1] if depth else "(itself)"] += 1
                    break
    print(f"{total} samples of `pipe run {os.path.relpath(pipeline, ROOT)} --jobs {jobs}` on {source}\n")
    print("inclusive share (a sample counts for every piece on its stack):")
    for name, _ in STAGES + SHARED:
        print(f"  {100 * inclusive[name] / total:5.1f}%  {name}")
    print("\nhottest functions (samples in the function itself):")
    for name, count in leaves.most_common(25):
        print(f"  {100 * count / total:5.1f}%  {name[:140]}")
    for p, counter in below.items():
        inside = sum(counter.values())
        print(f"\nbelow /{p}/ ({100 * inside / max(1, total):.1f}% of samples):")
        for name, count in counter.most_common(15):
            print(f"  {100 * count / max(1, inside):5.1f}%  {name[:140]}")


if __name__ == "__main__":
    main()
