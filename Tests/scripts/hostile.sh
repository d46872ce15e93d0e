#!/usr/bin/env bash
# Attacks `pipe run` the way a careless user, a hostile inbox and a busy server
# would, and checks each outcome (issue 20): device nodes and FIFOs as export
# paths and in the inbox, symbolic links out of the inbox, glob characters in
# folder names, a run that reads nothing, a page at the size limit (peak RSS),
# concurrent runs, leftovers of killed runs, SIGINT/SIGTERM/SIGHUP during each
# phase. A guard folder beside the runs' folders must be unchanged at the end.
# Then runs every executable Tests/scripts/hostile/*.sh (each takes the pipe
# binary as $1 and exits non-zero on failure).
#
# Run by .ci/run; usage: Tests/scripts/hostile.sh [PIPE_BINARY]
# HOSTILE_PAGE_MB (default 1) sets the size limit of the big-page case; with a
# release binary, HOSTILE_PAGE_MB=20 checks the default limit (under 1 GB).
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
pipe=${1:-.build/debug/pipe}
[ -x "$pipe" ] || { echo "no pipe binary at $pipe (swift build first)"; exit 2; }
pipe=$(cd "$(dirname "$pipe")" && pwd)/$(basename "$pipe")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page_mb=${HOSTILE_PAGE_MB:-1}
failures=0

pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
skip() { printf '  skip  %s\n' "$*"; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
section() { printf '\n-- %s\n' "$*"; }

# The guard: files beside the runs' folders that no run may touch.
guard="$work/guard"
mkdir -p "$guard/notes"
for i in $(seq 1 6); do
    printf 'GUARDSECRET%s The harbour authority met on Tuesday to discuss the dredging of the northern channel, the cost of which has doubled since the spring survey. Engineers told the board that silt carried down by the winter floods had narrowed the approach to the container berths, and that larger ships now wait for high tide. The board agreed to seek tenders before the end of the month and to publish the survey in full.\n' "$i" > "$guard/notes/note-$i.txt"
done
printf 'digest: keep me\n' > "$guard/digest.md"
guard_sum() { (cd "$guard" && find . -printf '%p %y %s %m\n' | sort && find . -type f -exec sha256sum {} + | sort) | sha256sum; }
guard_before=$(guard_sum)

# A small inbox of our own sample articles.
sample="$work/sample"
mkdir -p "$sample"
find pipelines/inbox -type f -name '*.html' | sort | awk 'NR <= 8' | while read -r file; do cp "$file" "$sample/"; done

# make_pipeline FOLDER [EXTRA_INPUT_OPTIONS] [EXTRA_YAML_LINES]: a daily-like pipeline, FOLDER/p.yaml, input FOLDER/inbox.
make_pipeline() {
    local folder=$1 input_extra=${2:-} extra=${3:-}
    mkdir -p "$folder"
    cat > "$folder/p.yaml" <<YAML
name: daily
input: {path: inbox$input_extra}
output: out
$extra
stages:
  - clean
  - extract
  - cluster
  - summarize
  - export: {format: markdown, path: "out/{name}-{date}.md"}
  - export: {format: json, path: "out/{name}-{date}.json"}
  - export: {format: jsonl, path: "out/{name}-{date}.jsonl"}
  - export: {format: sqlite, path: "out/{name}.sqlite"}
YAML
}
# run_pipe FOLDER ARGS...: runs FOLDER/p.yaml; status in $status, stderr in FOLDER/stderr.
run_pipe() {
    local folder=$1; shift
    timeout 600 "$pipe" run "$folder/p.yaml" --jobs 2 "$@" > "$folder/stdout" 2> "$folder/stderr"
    status=$?
}
is_fifo() { [ -p "$1" ]; }
is_chardev() { [ -c "$1" ]; }
has() { grep -q -- "$2" "$1"; }
hasnt() { ! grep -rq -- "$2" "$1"; }
no_temp_files() { [ -z "$(find "$1" -name '*.tmp' -o -name '*.tmp-journal' 2>/dev/null)" ]; }

section "1. export paths that are not regular files"
case1="$work/fifo-export"
make_pipeline "$case1" "" ""
cp -r "$sample" "$case1/inbox"
mkdir -p "$case1/out"
mkfifo "$case1/out/daily-2026-11-20.md"
run_pipe "$case1" --date 2026-11-20
check "FIFO as export path: that export fails (status $status), no block" test "$status" = 1
check "the FIFO is still a FIFO" is_fifo "$case1/out/daily-2026-11-20.md"
check "the message says why" has "$case1/stderr" "FIFO"
check "the other exports are written" test -s "$case1/out/daily-2026-11-20.jsonl"
if [ "$(id -u)" = 0 ]; then
    mknod "$case1/out/daily-2026-11-21.md" c 1 3
    run_pipe "$case1" --date 2026-11-21
    check "character device as export path: that export fails (status $status)" test "$status" = 1
    check "the device is still a character device" is_chardev "$case1/out/daily-2026-11-21.md"
    mkdir -p "$case1/devs"
    mknod "$case1/devs/mynull" c 1 3
    sed "s|out/{name}-{date}.md|$case1/devs/mynull|" "$case1/p.yaml" > "$case1/abs.yaml"
    timeout 60 "$pipe" validate "$case1/abs.yaml" > /dev/null 2> "$case1/stderr"
    check "an absolute export path naming a device fails validation (status $?)" has "$case1/stderr" "character device"
    check "that device is untouched" is_chardev "$case1/devs/mynull"
else
    skip "device nodes as export paths: mknod needs root"
fi
sed 's|out/{name}-{date}.md|/dev/null|' "$case1/p.yaml" > "$case1/devnull.yaml"
timeout 60 "$pipe" validate "$case1/devnull.yaml" > /dev/null 2> "$case1/stderr"
check "path: /dev/null is refused when the pipeline is validated" has "$case1/stderr" "character device"
ln -s "$guard/digest.md" "$case1/out/daily-2026-11-22.md"
run_pipe "$case1" --date 2026-11-22
check "a symbolic link at the export path is not replaced (status $status)" test -L "$case1/out/daily-2026-11-22.md"

section "2. FIFOs, devices and links out of the inbox"
case2="$work/links"
make_pipeline "$case2" "" ""
cp -r "$sample" "$case2/inbox"
mkfifo "$case2/inbox/pipe.html"
ln -s /dev/zero "$case2/inbox/zero.txt"
ln -s "$guard/notes/note-1.txt" "$case2/inbox/passwd.txt"
ln -s "$guard/notes" "$case2/inbox/etc"
first=$(ls "$case2/inbox" | grep html | grep -v pipe | awk 'NR == 1')
ln -s "$first" "$case2/inbox/alias.html"
run_pipe "$case2" --date 2026-11-20
check "the run finishes with documents set aside (status $status)" test "$status" = 3
check "no guard text in any output" hasnt "$case2/out" GUARDSECRET
check "the FIFO is set aside with its reason" has "$case2/out/daily-2026-11-20.rejects.jsonl" "pipe.html"
check "links out of the inbox are set aside with their reason" has "$case2/out/daily-2026-11-20.rejects.jsonl" "outside the input folder"
check "a link inside the inbox is read" has "$case2/out/daily-2026-11-20.jsonl" '"id":"alias.html"'
make_pipeline "$case2/follow" ", follow_links: true" ""
cp -r "$case2/inbox" "$case2/follow/inbox" 2>/dev/null || cp -a "$case2/inbox" "$case2/follow/inbox"
rm -f "$case2/follow/inbox/pipe.html" "$case2/follow/inbox/zero.txt"
run_pipe "$case2/follow" --date 2026-11-20
check "with follow_links: true the linked files are read (opt-in)" has "$case2/follow/out/daily-2026-11-20.jsonl" GUARDSECRET

section "3. glob characters in real folder names; a run that reads nothing"
case3="$work/news [2026]"
make_pipeline "$case3" "" ""
cp -r "$sample" "$case3/inbox"
run_pipe "$case3" --date 2026-11-20
check "a pipeline in 'news [2026]/' reads its inbox (status $status)" has "$case3/out/daily-2026-11-20.jsonl" '"id"'
mkdir -p "$work/q/in?box"
cp -r "$sample/." "$work/q/in?box/"
(cd "$work/q" && timeout 600 "$pipe" run "$case3/p.yaml" --input 'in?box' --output "$work/q/out" --date 2026-11-20 > /dev/null 2>&1)
check "--input 'in?box' (a real folder) is read as a path" has "$work/q/out/daily-2026-11-20.jsonl" '"id"'
sums=$(sha256sum "$case3"/out/daily-2026-11-20.* | sha256sum)
mv "$case3/inbox" "$case3/inbox.away" && mkdir "$case3/inbox"
run_pipe "$case3" --date 2026-11-20
check "an empty inbox exits 4" test "$status" = 4
check "and says so" has "$case3/stderr" "no documents read"
check "and leaves the day's digests as they were" test "$sums" = "$(sha256sum "$case3"/out/daily-2026-11-20.* | sha256sum)"

section "4. a page at the ${page_mb} MB size limit: peak RSS under 1 GB"
case4="$work/bigpage"
make_pipeline "$case4" ", max_file_mb: $page_mb" ""
mkdir -p "$case4/inbox"
python3 - "$case4/inbox" "$page_mb" <<'PY'
import random, sys
folder, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1048576 - 1024
sentence = "The council voted to close the old river bridge after the storm damaged its supports. "
open(f"{folder}/repeated.txt", "w").write(sentence * (size // len(sentence)))
random.seed(20)
vocabulary = ["".join(random.choice("abcdefghijklmnoprstuvw") for _ in range(random.randint(3, 9))) for _ in range(5000)]
common = vocabulary[:200]
parts, total = [], 0
while total < size - 300:
    words = [random.choice(common if random.random() < 0.6 else vocabulary) for _ in range(random.randint(8, 28))]
    text = " ".join(words).capitalize() + (". " if random.random() > 0.1 else ".\n\n")
    parts.append(text)
    total += len(text)
open(f"{folder}/natural.txt", "w").write("".join(parts))
PY
for page in repeated natural; do
    mkdir -p "$case4/$page/inbox"
    mv "$case4/inbox/$page.txt" "$case4/$page/inbox/"
    cp "$case4/p.yaml" "$case4/$page/p.yaml"
    /usr/bin/time -f '%M' -o "$case4/$page/rss" timeout 1800 "$pipe" run "$case4/$page/p.yaml" --jobs 2 --date 2026-11-20 \
        > /dev/null 2> "$case4/$page/stderr"
    status=$?
    rss=$(tail -1 "$case4/$page/rss")
    check "$page page: finishes (status $status), peak RSS ${rss} KB < 1048576 KB" test "$status" -le 3 -a "$rss" -lt 1048576
done

section "5. concurrent runs: one state store, one SQLite digest"
case5="$work/concurrent"
make_pipeline "$case5" "" "state: {path: state/daily.sqlite}"
cp -r "$sample" "$case5/inbox"
timeout 600 "$pipe" run "$case5/p.yaml" --jobs 1 --date 2026-11-20 > /dev/null 2> "$case5/a.err" &
a=$!
timeout 600 "$pipe" run "$case5/p.yaml" --jobs 1 --date 2026-11-21 > /dev/null 2> "$case5/b.err" &
b=$!
wait $a; sa=$?
wait $b; sb=$?
check "two runs at once both finish (statuses $sa, $sb)" test "$sa" -le 3 -a "$sb" -le 3
check "the later one said it was waiting" grep -q "waiting up to" "$case5/a.err" "$case5/b.err"
runs=$(sqlite3 "$case5/out/daily.sqlite" 'select count(*) from runs' 2>/dev/null || echo "?")
check "the SQLite digest holds both runs ($runs)" test "$runs" = 2
flock "$case5/state/.daily.sqlite.lock" sleep 6 &
holder=$!
sleep 1
run_pipe "$case5" --date 2026-11-22 --wait 1
check "a run that cannot get the state store's lock refuses (status $status)" test "$status" = 1
check "with a clear message" has "$case5/stderr" "gave up after waiting"
wait $holder

section "6. leftovers of killed runs"
case6="$work/leftovers"
make_pipeline "$case6" "" ""
cp -r "$sample" "$case6/inbox"
mkdir -p "$case6/out"
sh -c 'exit 0' & dead=$!; wait $dead
: > "$case6/out/.daily.sqlite.$dead.tmp"
: > "$case6/out/.daily.sqlite.$dead.tmp-journal"
: > "$case6/out/.daily-2026-11-20.md.$dead.tmp"
: > "$case6/out/.daily.sqlite.$$.tmp"
run_pipe "$case6" --date 2026-11-20
check "a dead run's .tmp and -journal are removed" test ! -e "$case6/out/.daily.sqlite.$dead.tmp" -a ! -e "$case6/out/.daily.sqlite.$dead.tmp-journal" -a ! -e "$case6/out/.daily-2026-11-20.md.$dead.tmp"
check "a live process's temporary file is kept" test -e "$case6/out/.daily.sqlite.$$.tmp"

section "7. SIGINT, SIGTERM, SIGHUP during each phase"
case7="$work/signals"
make_pipeline "$case7" "" ""
mkdir -p "$case7/inbox"
python3 - "$case7/inbox" <<'PY'
import random, sys
random.seed(5)
words = "river bridge council storm vote mayor flood road school budget harbour ferry tide rail station".split()
for i in range(500):
    text = " ".join(random.choice(words) for _ in range(60)).capitalize() + ".\n"
    open(f"{sys.argv[1]}/{i:05d}.txt", "w").write(text)
PY
cp -r "$sample/." "$case7/inbox/"
start=$(date +%s.%N)
run_pipe "$case7" --date 2026-11-19
full=$(echo "$(date +%s.%N) - $start" | bc)
echo "  (an uninterrupted run takes ${full} s)"
reference=$(cd "$case7/out" && ls daily-2026-11-19.* | sed 's/2026-11-19/DATE/' | sort | tr '\n' ' ')
day=10
for attempt in "INT 0.1" "INT 0.5" "INT 0.9" "TERM 0.3" "TERM 0.85" "HUP 0.6"; do
        read -r signal fraction <<< "$attempt"
        case $signal in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
        day=$((day + 1))
        date="2026-12-$day"
        delay=$(echo "$full * $fraction" | bc)
        timeout 600 "$pipe" run "$case7/p.yaml" --jobs 2 --date "$date" > /dev/null 2> "$case7/sig.err" &
        run=$!
        sleep "$delay"
        sent=$(date +%s.%N)
        kill -"$signal" $run 2>/dev/null
        wait $run; status=$?
        took=$(echo "$(date +%s.%N) - $sent" | bc)
        written=$(cd "$case7/out" && ls daily-"$date".* 2>/dev/null | sed "s/$date/DATE/" | sort | tr '\n' ' ')
        # The document phase stops within about a second; batch stages (cluster, summarize) check
        # between stages, so later signals get a generous bound.
        bound=3
        [ "$(echo "$fraction > 0.5" | bc)" = 1 ] && bound=20
        if [ "$status" = "$want" ]; then
            check "SIG$signal at ${fraction} of the run: status $want after ${took} s (<= $bound s), no digest of that day" \
                test "$(echo "$took <= $bound" | bc)" = 1 -a -z "$written"
            if ! grep -q "nothing was written\|received this run's rows" "$case7/sig.err"; then fail "SIG$signal: the message says what was written"; fi
        else
            check "SIG$signal at ${fraction} of the run came after it finished (status $status): every digest written" \
                test "$status" -le 3 -a "$written" = "$reference"
        fi
        check "no temporary files left" no_temp_files "$case7/out"
done
timeout 600 "$pipe" run "$case7/p.yaml" --jobs 2 --date 2026-12-30 > /dev/null 2>&1 &
run=$!
sleep "$(echo "$full * 0.3" | bc)"
sent=$(date +%s.%N)
kill -INT $run; sleep 0.2; kill -INT $run 2>/dev/null
wait $run; status=$?
took=$(echo "$(date +%s.%N) - $sent" | bc)
check "two Ctrl-Cs: quits at once (status $status after ${took} s)" test "$status" = 130 -a "$(echo "$took <= 2" | bc)" = 1
# GNU timeout forwards a signal to the command and then to its process group: one request, two
# deliveries. 20 ms apart they cannot coalesce into one pending signal, so the second reaches the
# handler and must not count as "interrupted twice". At 0.6 of the run the batch stages are
# running and a clean stop takes about 0.2 s, so the second delivery lands before it is done.
"$pipe" run "$case7/p.yaml" --jobs 2 --date 2026-12-31 > /dev/null 2> "$case7/sig.err" &
run=$!
sleep "$(echo "$full * 0.6" | bc)"
kill -TERM $run; sleep 0.02; kill -TERM $run 2>/dev/null
wait $run; status=$?
written=$(cd "$case7/out" && ls daily-2026-12-31.* 2>/dev/null)
check "one SIGTERM delivered twice, 20 ms apart: a clean stop (status $status), nothing written" \
    test "$status" = 143 -a -z "$written"
check "  with what was written" grep -q "nothing was written\|received this run's rows" "$case7/sig.err"
check "no temporary files left" no_temp_files "$case7/out"

section "8. the guard folder"
check "nothing outside the runs' folders changed" test "$guard_before" = "$(guard_sum)"

for script in Tests/scripts/hostile/*.sh; do
    [ -x "$script" ] || continue
    section "$script"
    if "$script" "$pipe"; then pass "$script"; else fail "$script"; fi
done

echo
if [ "$failures" -gt 0 ]; then
    echo "hostile.sh: $failures check(s) failed"
    exit 1
fi
echo "hostile.sh: all checks passed"
