#!/usr/bin/env bash
# The documentation says what the code does, and its links lead somewhere.
#
#   Tests/scripts/doc-links.sh                     # links only
#   Tests/scripts/doc-links.sh PIPE                # and options and flags against the binary
#   Tests/scripts/doc-links.sh PIPE DIGEST.md      # and the README's digest excerpt against a run
#
# - Every relative link in the repository's Markdown files (outside code) names a
#   file or folder that exists, and its #anchor, if any, a heading of that file
#   (GitHub's rule: lower case, punctuation dropped, spaces to hyphens); a repository path
#   written as code (`Sources/pipe/Pipe.swift`) exists.
# - With PIPE: the option tables of docs/stages.md (one per stage) and of
#   docs/pipeline-files.md (`input`, `state`) list exactly the options `PIPE schema`
#   declares, and docs/cli.md names every subcommand and flag `PIPE help` shows,
#   so the reference neither misses nor invents one, and `PIPE --help` names the exit
#   statuses of docs/cli.md's table.
# - With DIGEST.md (the daily pipeline's Markdown digest for 2026-11-20): every line of
#   the README's digest excerpt is a line of that digest, so the excerpt is what the
#   command writes, not what it once wrote.
set -euo pipefail
cd "$(dirname "$0")/../.."
pipe="${1:-}"
digest="${2:-}"
schema=""
helps=""
if [ -n "$pipe" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    schema="$work/schema.json"
    "$pipe" schema >"$schema"
    helps="$work/help.txt"
    { "$pipe" --help; for command in $("$pipe" --help | awk '/^SUBCOMMANDS:/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
        echo "== SUBCOMMAND $command"; "$pipe" help "$command"; done; } >"$helps"
fi
files=$(git ls-files --cached --others --exclude-standard '*.md' 2>/dev/null || find . -name '*.md' -not -path './.build*')

python3 - "$schema" "$helps" "$digest" $files <<'EOF'
import json, os, re, sys

schema_path, help_path, digest_path, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
problems = []

def prose(text):
    """The text outside fenced code blocks, line numbers kept."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return out

def slug(heading):
    heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")

anchors_cache = {}
def anchors(path):
    if path not in anchors_cache:
        seen, result = {}, set()
        for line in prose(open(path, encoding="utf-8").read()):
            m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
            if m:
                base = slug(m.group(1))
                n = seen.get(base, 0)
                seen[base] = n + 1
                result.add(base if n == 0 else f"{base}-{n}")
        anchors_cache[path] = result
    return anchors_cache[path]

link = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
for md in files:
    md = os.path.normpath(md)
    for number, line in enumerate(prose(open(md, encoding="utf-8").read()), 1):
        line = re.sub(r"`[^`]*`", "", line)
        for target in link.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue  # http:, https:, mailto:
            path, _, anchor = target.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
            if not os.path.exists(resolved):
                problems.append(f"{md}:{number}: link to {target}: {resolved} does not exist")
            elif anchor and (not resolved.endswith(".md") or anchor not in anchors(resolved)):
                problems.append(f"{md}:{number}: link to {target}: no heading #{anchor} in {resolved}")

# A path in a code span (`Sources/pipe/Pipe.swift`, `Tests/scripts/`) is from the repository's
# root and names something that exists, unless it is a pattern (<Name>, *, {date}), something a
# run writes (pipelines/out, pipelines/state) or the stage the tutorial creates.
for md in files:
    for number, line in enumerate(prose(open(md, encoding="utf-8").read()), 1):
        for path in re.findall(r"`((?:Sources|Plugins|Tests|Benchmarks|pipelines|tools|docs|\.ci)/[^`\s]*)`", line):
            if re.search(r"[<*{]", path) or re.match(r"pipelines/(out|state)/", path) or "ReadingTime" in path:
                continue
            if not os.path.exists(path.split(":")[0]):
                problems.append(f"{md}:{number}: `{path}` does not exist")

def table_options(path, heading):
    """The first column of the option table under `heading`, up to the next heading of its level or higher."""
    lines = prose(open(path, encoding="utf-8").read())
    level = len(heading) - len(heading.lstrip("#"))
    try:
        start = lines.index(heading)
    except ValueError:
        problems.append(f"{path}: no heading {heading!r}")
        return set()
    names = set()
    for line in lines[start + 1:]:
        m = re.match(r"(#{1,6})\s", line)
        if m and len(m.group(1)) <= level:
            break
        m = re.match(r"\|\s*`([a-z_]+)`\s*\|", line)
        if m:
            names.add(m.group(1))
    return names

def compare(where, documented, declared):
    for name in sorted(declared - documented):
        problems.append(f"{where}: option `{name}` is declared by the code but not documented")
    for name in sorted(documented - declared):
        problems.append(f"{where}: option `{name}` is documented but the code declares no such option")

if schema_path:
    schema = json.load(open(schema_path))
    props = schema["properties"]
    for key in ("input", "state"):
        options = next(alt for alt in props[key]["anyOf"] if alt.get("type") == "object")["properties"]
        documented = table_options("docs/pipeline-files.md", f"## `{key}`")
        compare(f"docs/pipeline-files.md, `{key}`", documented, set(options))
    compare("docs/pipeline-files.md, top-level keys", table_options("docs/pipeline-files.md", "## Top-level keys"), set(props))
    for entry in props["stages"]["items"]["oneOf"][1:]:
        (stage, spec), = entry["properties"].items()
        options = next((alt for alt in spec["anyOf"] if alt.get("type") == "object"), {}).get("properties", {})
        compare(f"docs/stages.md, {stage}", table_options("docs/stages.md", f"## {stage}"), set(options))

if help_path:
    sections = {}
    for part in re.split(r"\n(?=## )", "\n".join(prose(open("docs/cli.md", encoding="utf-8").read()))):
        m = re.match(r"## `pipe ([a-z-]+)", part)
        if m:
            sections[m.group(1)] = part
    command = None
    for line in open(help_path, encoding="utf-8"):
        m = re.match(r"== SUBCOMMAND (\S+)", line)
        if m:
            command = m.group(1)
            if command not in sections:
                problems.append(f"docs/cli.md: subcommand `pipe {command}` has no section")
            continue
        for flag in re.findall(r"^\s+(?:-[a-z], )?(--[a-z][a-z-]*)", line):
            if command and flag not in ("--help", "--version") and not re.search(rf"`{re.escape(flag)}\b", sections.get(command, "")):
                problems.append(f"docs/cli.md: flag {flag} of `pipe {command}` is not described in its section")

    # The exit statuses `pipe --help` names are those of docs/cli.md's table.
    overview = open(help_path, encoding="utf-8").read().split("== SUBCOMMAND")[0]
    m = re.search(r"Exit status:(.*?)\n\n", overview, re.S)
    said = set(re.findall(r"(?<![\w.])(\d{1,3})(?![\w.])", m.group(1))) if m else set()
    table = "\n".join(prose(open("docs/cli.md", encoding="utf-8").read()))
    table = table[table.index("### Exit status"):] if "### Exit status" in table else ""
    documented = set(re.findall(r"^\| (\d+) \|", table, re.M))
    if said != documented:
        problems.append(f"`pipe --help` names exit statuses {sorted(said, key=int)}, docs/cli.md {sorted(documented, key=int)}")

if digest_path:
    readme = open("README.md", encoding="utf-8").read()
    m = re.search(r"<!-- digest-excerpt -->.*?```markdown\n(.*?)```.*?<!-- /digest-excerpt -->", readme, re.S)
    if not m:
        problems.append("README.md: no digest excerpt between <!-- digest-excerpt --> markers")
    else:
        digest = set(open(digest_path, encoding="utf-8").read().split("\n"))
        for line in m.group(1).split("\n"):
            if line.strip() and line.strip() != "…" and line not in digest:
                problems.append(f"README.md: digest excerpt line not in {digest_path}: {line[:100]}")

for problem in problems:
    print(problem, file=sys.stderr)
checked = ["links"] + (["options and flags"] if schema_path else []) + (["digest excerpt"] if digest_path else [])
if problems:
    sys.exit(f"{len(problems)} documentation problem(s)")
print(f"docs: {', '.join(checked)} ok in {len(files)} Markdown files")
EOF
