#!/bin/sh
# Repetition in story summaries, by ../shared/eval/score_redundancy.py over the json digest
# of the sample inbox (pipelines/daily.yaml) and of the Gun Violence dev stories: (a) the
# share of story summaries in which one figure (10 or more, years excepted) appears in two
# sentences (targets: 0 on the inbox, at most 5% on GVA), (b) the largest content-word
# Jaccard overlap between two sentences of one summary (target: none above 0.5).
#   Benchmarks/quality/redundancy.sh
#   PIPE_BINARY=.build-base/release/pipe Benchmarks/quality/redundancy.sh   # another build
. "$(dirname "$0")/common.sh"
"$PIPE_BINARY" run pipelines/daily.yaml --no-state --date 2026-11-20 --output "$QUALITY_OUT/inbox" --quiet >"$QUALITY_OUT/inbox.log" 2>&1 || [ $? -eq 3 ] \
    || { cat "$QUALITY_OUT/inbox.log"; exit 1; }
"$PIPE_BINARY" run "$here/redundancy-gva.yaml" >"$QUALITY_OUT/gva.log" 2>&1 || [ $? -eq 3 ] || { cat "$QUALITY_OUT/gva.log"; exit 1; }
for digest in "$QUALITY_OUT/inbox/daily-2026-11-20.json" "$QUALITY_OUT/redundancy-gva.json"; do
    python3 "$eval_dir/score_redundancy.py" "$digest" | tail -1 | python3 -c '
import re, sys
line, name = sys.stdin.read().strip(), sys.argv[1]
fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
share = int(fields["stories_with_repeats"]) / max(1, int(fields["stories"]))
print(f"{name}: {line}  share_with_repeats={share:.3f}")' "$(basename "$digest" .json)"
done
