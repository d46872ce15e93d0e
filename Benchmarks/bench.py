#!/usr/bin/env python3
"""End-to-end throughput of pipe next to the Python reference pipeline, and how it scales.

usage: Benchmarks/bench.py [compare|scale|all] [--runs N] [--pages N] [--sizes 1000,10000,100000] [--jobs N]

compare  N HTML pages from ../shared/eval/make_corpus.py (default 2000) through
         clean -> extract -> cluster -> summarize -> export jsonl (Benchmarks/pipelines/pages.yaml)
         with the release build, median of --runs; then ../shared/eval/bench_reference.py on the
         same pages with the same number of processes. Prints docs/s, peak RSS and the ratio.
scale    text JSONL corpora of each size, built by cycling the dev datasets' texts with per-copy
         changes (so no two documents are equal), through the same stages
         (Benchmarks/pipelines/texts.yaml); prints docs/s, peak RSS, time split, growth per 10x.

Everything is written under $BENCH_DIR (default /tmp/pipe-bench). Nothing here runs in `swift test`.
The datasets are read from ../shared/data at run time; none of their text is kept in the repo.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("PIPE_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
BENCH = os.environ.get("BENCH_DIR", "/tmp/pipe-bench")
PIPE = os.environ.get("PIPE_BINARY", os.path.join(ROOT, ".build", "release", "pipe"))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def build():
    print("building release pipe…", flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "pipe"], cwd=ROOT, check=True)


def run_pipe(pipeline, input_path, out_dir, jobs):
    """One run; returns (seconds, report dict)."""
    os.makedirs(out_dir, exist_ok=True)
    env = dict(os.environ, BENCH_INPUT=input_path, BENCH_OUT=out_dir)
    start = time.perf_counter()
    subprocess.run([PIPE, "run", pipeline, "--date", "2026-11-20", "--jobs", str(jobs), "--quiet",
                    "--output", out_dir], env=env, check=False)
    seconds = time.perf_counter() - start
    with open(os.path.join(out_dir, os.path.basename(pipeline).split(".")[0] + "-2026-11-20.report.json")) as f:
        report = json.load(f)
    return seconds, report


def measure(pipeline, input_path, jobs, runs, label):
    results = []
    for i in range(runs):
        seconds, report = run_pipe(pipeline, input_path, os.path.join(BENCH, "out", label), jobs)
        results.append((seconds, report))
        print(f"  {label} run {i + 1}: {seconds:.2f} s, {report['documents_read']} docs, "
              f"peak {report['peak_rss_mb']} MB", flush=True)
    results.sort(key=lambda r: r[0])
    return results[len(results) // 2]


def stage_split(report, seconds):
    parts = {"read": report["read_seconds"]}
    for stage in report["stages"]:
        key = stage["stage"]
        parts[key] = parts.get(key, 0) + stage["seconds"]
    return ", ".join(f"{k} {v:.2f}s" for k, v in parts.items()) + f" (wall {seconds:.2f}s)"


def compare(args):
    pages = args["pages"]
    corpus = os.path.join(BENCH, f"pages-{pages}")
    if not os.path.isdir(corpus):
        sh([sys.executable, os.path.join(SHARED, "eval", "make_corpus.py"),
            os.path.join(SHARED, "data", "aeb", "html"), corpus, str(pages)])
    pipeline = os.path.join(ROOT, "Benchmarks", "pipelines", "pages.yaml")
    seconds, report = measure(pipeline, corpus, args["jobs"], args["runs"], f"pages-{pages}")
    ours = report["documents_read"] / seconds
    py = sh([os.path.join(SHARED, "eval", "setup.sh")]).stdout.strip().splitlines()[-1]
    ref_runs = []
    for i in range(args["ref_runs"]):
        out = sh([py, os.path.join(SHARED, "eval", "bench_reference.py"), corpus, os.path.join(BENCH, "ref.jsonl"),
                  "--jobs", str(args["jobs"])], cwd=os.path.join(SHARED, "eval")).stdout
        score = [line for line in out.splitlines() if line.startswith("SCORE")][-1]
        ref_runs.append(float(score.split("reference_docs_per_s=")[1].split()[0]))
        print(f"  reference run {i + 1}: {ref_runs[-1]:.1f} docs/s", flush=True)
    ref = statistics.median(ref_runs)
    print(f"\n| corpus | pipe docs/s | peak RSS | reference docs/s | ratio | split |")
    print(f"|---|---|---|---|---|---|")
    print(f"| {pages} AEB-derived pages, {args['jobs']} jobs | {ours:.0f} | {report['peak_rss_mb']} MB | {ref:.1f} | "
          f"{ours / ref:.1f}x | {stage_split(report, seconds)} |")


def make_texts(n):
    """A folder of JSONL files (1000 records each) holding n texts cycled from the dev datasets;
    copy k of a text gets its digits permuted and a unique leading sentence."""
    folder = os.path.join(BENCH, f"texts-{n}")
    if os.path.isdir(folder):
        return folder
    sources = []
    for name in ("bbc", "ecbplus", "kpcrowd", "worldwide"):
        with open(os.path.join(SHARED, "data", name, "docs.jsonl")) as f:
            for line in f:
                record = json.loads(line)
                sources.append((record.get("title") or "", record["text"]))
    words = "market policy chip export court council storm league budget minister river harbour tariff".split()
    os.makedirs(folder + ".tmp", exist_ok=True)
    out = None
    for i in range(n):
        if i % 1000 == 0:
            if out:
                out.close()
            out = open(os.path.join(folder + ".tmp", f"part-{i // 1000:04d}.jsonl"), "w")
        title, text = sources[i % len(sources)]
        copy = i // len(sources)
        if copy:
            rng = random.Random(copy)
            digits = list("0123456789")
            rng.shuffle(digits)
            table = str.maketrans("0123456789", "".join(digits))
            text = " ".join(rng.choice(words) for _ in range(8)).capitalize() + ". " + text.translate(table)
            title = title.translate(table)
        out.write(json.dumps({"id": f"t{i:06d}", "title": title, "published": "2026-11-20", "text": text}) + "\n")
    out.close()
    os.replace(folder + ".tmp", folder)
    return folder


def scale(args):
    pipeline = os.path.join(ROOT, "Benchmarks", "pipelines", "texts.yaml")
    rows = []
    for n in args["sizes"]:
        corpus = make_texts(n)
        runs = args["runs"] if n <= 10000 else 1
        seconds, report = measure(pipeline, corpus, args["jobs"], runs, f"texts-{n}")
        rows.append((n, seconds, report))
    print("\n| documents | seconds | docs/s | peak RSS | time per doc vs previous | split (stage thread-seconds) |")
    print("|---|---|---|---|---|---|")
    previous = None
    for n, seconds, report in rows:
        growth = "" if previous is None else f"{(seconds / n) / (previous[1] / previous[0]):.2f}x"
        print(f"| {n} | {seconds:.1f} | {n / seconds:.0f} | {report['peak_rss_mb']} MB | {growth} | {stage_split(report, seconds)} |")
        previous = (n, seconds)


def main():
    argv = sys.argv[1:]
    mode = argv[0] if argv and not argv[0].startswith("--") else "all"
    args = {"runs": 3, "ref_runs": 1, "pages": 2000, "sizes": [1000, 10000, 100000], "jobs": os.cpu_count() or 2}
    for i, flag in enumerate(argv):
        if flag == "--runs":
            args["runs"] = int(argv[i + 1])
        elif flag == "--ref-runs":
            args["ref_runs"] = int(argv[i + 1])
        elif flag == "--pages":
            args["pages"] = int(argv[i + 1])
        elif flag == "--sizes":
            args["sizes"] = [int(s) for s in argv[i + 1].split(",")]
        elif flag == "--jobs":
            args["jobs"] = int(argv[i + 1])
    if not os.environ.get("BENCH_NO_BUILD"):
        build()
    print(f"machine: {os.cpu_count()} cores; {args}")
    if mode in ("compare", "all"):
        compare(args)
    if mode in ("scale", "all"):
        scale(args)


if __name__ == "__main__":
    main()
