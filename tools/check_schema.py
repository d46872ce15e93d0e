#!/usr/bin/env python3
"""Checks `pipe schema` with a real JSON Schema validator.

Every pipeline file under the given folder must validate, and a copy of
pipelines/daily.yaml with one option misspelt must not; a copy whose input is
feeds alone must validate, and one whose input names no path and nothing to
fetch must not.

    python3 tools/check_schema.py SCHEMA.json pipelines
"""
import copy
import pathlib
import sys

import jsonschema
import yaml


def main() -> int:
    schema = yaml.safe_load(pathlib.Path(sys.argv[1]).read_text())
    validator = jsonschema.Draft202012Validator(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted(pathlib.Path(sys.argv[2]).glob("*.yaml"))
    if not files:
        print("no pipeline files found", file=sys.stderr)
        return 1
    failed = False
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        print(f"{path}: {'valid' if not errors else 'INVALID'}")
        for error in errors:
            print(f"  {error.json_path}: {error.message}")
            failed = True

    daily = yaml.safe_load((pathlib.Path(sys.argv[2]) / "daily.yaml").read_text())
    misspelt = copy.deepcopy(daily)
    for stage in misspelt["stages"]:
        if isinstance(stage, dict) and "clean" in stage:
            stage["clean"] = {"min_text_lenght": 300}
            break
    else:
        misspelt["stages"].insert(0, {"clean": {"min_text_lenght": 300}})
    errors = list(validator.iter_errors(misspelt))
    if errors:
        print(f"misspelt option rejected: {errors[0].json_path}: {errors[0].message[:120]}")
    else:
        print("a misspelt option was accepted by the schema", file=sys.stderr)
        failed = True

    # `input:` needs a path or something to fetch, as the loader says: feeds alone are valid,
    # an input naming neither is not.
    web = copy.deepcopy(daily)
    web["input"] = {"feeds": ["https://news.example/rss.xml"]}
    errors = list(validator.iter_errors(web))
    if errors:
        print(f"an input of feeds alone was rejected: {errors[0].json_path}: {errors[0].message[:120]}", file=sys.stderr)
        failed = True
    else:
        print("an input of feeds alone accepted")
    empty = copy.deepcopy(daily)
    empty["input"] = {"max_file_mb": 20}
    if list(validator.iter_errors(empty)):
        print("an input with neither a path nor anything to fetch rejected")
    else:
        print("an input with neither a path nor anything to fetch was accepted by the schema", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
