#!/usr/bin/env python3
"""Compares two output folders of pipe runs: every file byte for byte, except
the run report (`*.report.json`), whose timings, peak memory and output
folder differ between runs; its counts must agree. Prints each difference;
exits 1 if there is any.

usage: compare_runs.py EXPECTED_FOLDER ACTUAL_FOLDER
"""
import json
import os
import sys

expected, actual = sys.argv[1], sys.argv[2]

def files(root):
    found = set()
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [s for s in subfolders if s != ".pipe-work"]
        for name in names:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found

def masked(value, key=""):
    if isinstance(value, dict):
        return {k: masked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v, key) for v in value]
    if key in ("seconds", "read_seconds", "total_seconds", "peak_rss_mb") or key.endswith("_seconds"):
        return "(time)"
    if key == "outputs" and isinstance(value, str):
        return os.path.basename(value)
    return value

problems = []
left, right = files(expected), files(actual)
for name in sorted(left - right):
    problems.append(f"missing: {name}")
for name in sorted(right - left):
    problems.append(f"extra: {name}")
for name in sorted(left & right):
    a = open(os.path.join(expected, name), "rb").read()
    b = open(os.path.join(actual, name), "rb").read()
    if name.endswith(".report.json"):
        if masked(json.loads(a)) != masked(json.loads(b)):
            problems.append(f"report counts differ: {name}")
    elif a != b:
        problems.append(f"differs: {name}")
for line in problems:
    print("  " + line)
print(f"{len(left & right)} files compared: " + ("identical" if not problems else f"{len(problems)} differences"))
sys.exit(1 if problems else 0)
