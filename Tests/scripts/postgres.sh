#!/usr/bin/env bash
# The PostgreSQL state store against a real server: starts PostgreSQL in a
# temporary folder on a free loopback port (initdb as the postgres user, which
# it must be: initdb refuses root; password login over TCP), then
#   1. runs the state store conformance suite against it (the same checks as
#      SQLite; the script fails if the PostgreSQL checks were skipped);
#   2. runs the daily pipeline on the sample inbox on two days with
#      `state: postgres://pipe:${PIPE_DB_PASSWORD}@…` and with a SQLite file,
#      and compares the digests byte for byte (day 2 is the "Nothing new" one);
#      The same two days again with `pipe run --shards 3` (map processes saving
#      checkpoints at once, the run lock held for all of them): the same digests.
#   3. holds the pipeline's run lock from psql and checks that `pipe run
#      --wait 1` waits, then refuses with exit status 1, writing nothing.
# The server is stopped and the folder removed on every exit path.
#
# pipe is built with the `Postgres` package trait in its own scratch folder
# (.build-postgres), so the default build is left as it is.
# Run by .ci/run; usage: Tests/scripts/postgres.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
scratch="$repo/.build-postgres"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q postgresql >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

work=$(mktemp -d)
chmod 755 "$work"
server_started=0
cleanup() {
    status=$?
    if [ "$server_started" = 1 ]; then
        runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port (bound and released; the server takes it a moment later).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export PIPE_DB_PASSWORD="pw-$RANDOM-$RANDOM"
# Everything the server writes is in $work/pg, which the postgres user owns.
mkdir -p "$work/pg/data" "$work/pg/socket"
printf '%s\n' "$PIPE_DB_PASSWORD" > "$work/pg/password"
chown -R postgres "$work/pg"
started=$(date +%s)
runuser -u postgres -- "$bin/initdb" -D "$work/pg/data" -U pipe --pwfile="$work/pg/password" \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >"$work/pg/initdb.log" 2>&1 \
    || { cat "$work/pg/initdb.log"; exit 1; }
runuser -u postgres -- "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg/socket -c fsync=off" start >/dev/null \
    || { cat "$work/pg/server.log"; exit 1; }
server_started=1
runuser -u postgres -- "$bin/createdb" -h "$work/pg/socket" -p "$port" -U pipe pipe_test
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, ready in $(( $(date +%s) - started )) s"
url_template='postgres://pipe:${PIPE_DB_PASSWORD}@127.0.0.1:'"$port"'/pipe_test'
url="postgres://pipe:$PIPE_DB_PASSWORD@127.0.0.1:$port/pipe_test"
psql() { runuser -u postgres -- "$bin/psql" -h "$work/pg/socket" -p "$port" -U pipe -d pipe_test -X -q -A -t "$@"; }

swift build --build-tests --traits Postgres --scratch-path "$scratch" 2>&1 | grep -E "warning:|error:|Compiling|Build complete" | grep -v "^\[" | tail -5
pipe="$scratch/debug/pipe"

echo "== the conformance suite, against SQLite and this server"
PIPE_TEST_POSTGRES_URL="$url" swift test --skip-build --traits Postgres --scratch-path "$scratch" \
    --filter "PipelineStateTests|StateOptionsTests" > "$work/tests.log" 2>&1 || { cat "$work/tests.log"; exit 1; }
grep -E "Test run with|conformance: PostgreSQL" "$work/tests.log" | tail -3
if grep -Eq "(Test|Suite) .* skipped" "$work/tests.log"; then
    grep -E "(Test|Suite) .* skipped" "$work/tests.log"
    echo "FAIL: checks were skipped although the server was given"
    exit 1
fi
grep -q 'Suite "State store conformance: PostgreSQL" passed' "$work/tests.log" \
    || { echo "FAIL: the PostgreSQL conformance suite did not run and pass"; exit 1; }

echo "== the daily pipeline, two days, SQLite and PostgreSQL"
# The pipeline file as shipped with its state in a SQLite file (PIPE_STATE), and a copy whose `state:`
# is the URL, the password taken from PIPE_DB_PASSWORD by the loader's ${VAR} interpolation.
export PIPE_INBOX="$repo/pipelines/inbox"
sed "s|^state: .*|state: {url: \"$url_template\"}|" pipelines/daily.yaml > "$work/daily.yaml"
grep -q '^state: {url: "postgres://pipe:${PIPE_DB_PASSWORD}@' "$work/daily.yaml" || { echo "FAIL: no state line to replace"; exit 1; }
for day in 2026-11-20 2026-11-21; do
    PIPE_STATE="$work/daily.sqlite" "$pipe" run pipelines/daily.yaml --date "$day" --output "$work/sqlite-$day" --quiet
    "$pipe" run "$work/daily.yaml" --date "$day" --output "$work/postgres-$day" --quiet
    for file in "$work/sqlite-$day"/daily-"$day".{md,html,json,jsonl}; do
        cmp "$file" "$work/postgres-$day/$(basename "$file")" || { echo "FAIL: $(basename "$file") differs"; exit 1; }
    done
    echo "$day: digests identical ($(ls "$work/sqlite-$day"/daily-"$day".{md,html,json,jsonl} | wc -l) files)"
done
echo "== the same two days sharded: 3 map processes writing checkpoints at once, in a database of their own"
runuser -u postgres -- "$bin/createdb" -h "$work/pg/socket" -p "$port" -U pipe pipe_shards
sed "s|/pipe_test\"}|/pipe_shards\"}|" "$work/daily.yaml" > "$work/daily-shards.yaml"
for day in 2026-11-20 2026-11-21; do
    "$pipe" run "$work/daily-shards.yaml" --date "$day" --output "$work/shards-$day" --shards 3 --quiet
    for file in "$work/sqlite-$day"/daily-"$day".{md,html,json,jsonl}; do
        cmp "$file" "$work/shards-$day/$(basename "$file")" || { echo "FAIL: sharded $(basename "$file") differs"; exit 1; }
    done
    echo "$day: sharded digests identical to one SQLite process"
done
grep -q "_Nothing new: the 35 articles in the input were all in earlier digests._" "$work/postgres-2026-11-21/daily-2026-11-21.md" \
    || { echo "FAIL: the second day's digest is not the quiet-day one"; exit 1; }
[ "$(psql -c "select count(*) from pipe.runs where pipeline = 'daily'")" = 2 ] || { echo "FAIL: pipe.runs does not hold both runs"; exit 1; }
"$pipe" explain "$work/daily.yaml" \
    "$(psql -c "select id from pipe.document_runs where pipeline = 'daily' and document is not null order by id limit 1")" \
    | grep -q "stages: clean" || { echo "FAIL: pipe explain does not read the PostgreSQL store"; exit 1; }
echo "pipe explain reads the PostgreSQL store"

echo "== one run at a time"
# The lock key is the pipeline name's FNV-1a hash, kept positive (docs/state.md).
key=$(python3 -c '
h = 0xcbf29ce484222325
for b in "pipe run\x1fdaily".encode():
    h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print(h & 0x7FFFFFFFFFFFFFFF)')
psql -c "select pg_advisory_lock($key); select pg_sleep(30)" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
    [ "$(psql -c "select count(*) from pg_locks where locktype = 'advisory' and granted")" = 1 ] && break
    sleep 0.1
done
set +e
"$pipe" run "$work/daily.yaml" --date 2026-11-22 --output "$work/locked" --wait 1 2>"$work/locked.err"
status=$?
set -e
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
grep -q "is running \`daily\` on postgres://pipe@127.0.0.1:$port/pipe_test; waiting up to 1 s" "$work/locked.err" \
    && grep -q "gave up after waiting 1 s" "$work/locked.err" && [ "$status" = 1 ] && [ ! -e "$work/locked" ] \
    || { cat "$work/locked.err"; echo "FAIL: a second run did not wait, then refuse with status 1 (got $status)"; exit 1; }
if grep -q "$PIPE_DB_PASSWORD" "$work/locked.err"; then echo "FAIL: the password was printed"; exit 1; fi
echo "a second run waited 1 s, then refused (exit 1), naming no password"
echo "postgres.sh: ok"
