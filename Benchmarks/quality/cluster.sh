#!/bin/sh
# Story clustering quality on two dev corpora at cluster's shipped defaults:
# B-cubed F1 from ../shared/eval/score_clusters.py on the ECB+ dev split (667
# docs, two real events per topic) and the Gun Violence corpus's dev half (2,994
# crawled pages, 1,776 incidents, follow-up coverage over weeks), each through
# clean (min_text_length 0, so every text is clustered), extract and cluster.
# Prints each scorer's SCORE line beside the TF-IDF + average-link anchor
# (distance 0.84, chosen on ECB+ dev) and the bar.
#   Benchmarks/quality/cluster.sh                        # both corpora
#   CLUSTER_THRESHOLD=0.5 Benchmarks/quality/cluster.sh  # a sweep point (both)
#   CLUSTER_CROWD_SIZE=0 Benchmarks/quality/cluster.sh   # the crowd rule off (also CLUSTER_CROWD_LEVEL)
#   PIPE_BINARY=.build-base/release/pipe Benchmarks/quality/cluster.sh   # another build
. "$(dirname "$0")/common.sh"
for corpus in ecbplus gva; do
    case $corpus in
        ecbplus) anchor=0.9126 bar=0.94 ;;
        gva) anchor=0.8669 bar=0.91 ;;
    esac
    "$PIPE_BINARY" run "$here/cluster-$corpus.yaml" >"$QUALITY_OUT/$corpus.log" 2>&1 || [ $? -eq 3 ] || { cat "$QUALITY_OUT/$corpus.log"; exit 1; }
    score=$(python3 "$eval_dir/score_clusters.py" "$QUALITY_OUT/cluster-$corpus.jsonl" "$PIPE_DATA/$corpus" | grep '^SCORE')
    echo "$corpus: $score  (TF-IDF anchor b3_f1=$anchor, bar $bar)"
done
