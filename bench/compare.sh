#!/bin/sh
# bench/compare.sh — the engine against PyTorch on DESIGN §6's workloads, in one run on this
# machine: `everything-is-a-font-cli bench`, then the torch baseline with 1 and 2 threads, then
# a table of ratios (ours / torch's best of 1 and 2 threads).
#
# Usage: bench/compare.sh [TORCH_BASELINE.py] [--rounds R] [--threads N] [WORKLOAD…]
#   TORCH_BASELINE.py  the PyTorch reference script (kept outside this repository); default
#                      $TORCH_BASELINE, else ../shared/bench/torch_baseline.py relative to the
#                      repository (DESIGN §6)
#   --rounds R         run both sides R times, interleaved (default 1), and compare each
#                      side's best round: on a shared machine one side can otherwise meet a
#                      burst of load the other missed; the table shows every round's ratio
#   --threads N        the engine's threads (passed to bench; default 1); PyTorch always runs
#                      with 1 and 2 and its best counts
#   WORKLOAD…          softmax mlp deep cnn16 cnn28 (default: all; torch always runs all five)
# Environment: EIAF_CLI (default build/app/everything-is-a-font-cli), PYTHON (/usr/bin/python3).
#
# Both read the same bundled MNIST subset (resources/data). Python is only the measuring tool
# here: it runs the reference and prints the table; the app and its tests never need it.
# Timings move with the machine's load: the load average is printed before and after.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cli=${EIAF_CLI:-$repo/build/app/everything-is-a-font-cli}
python=${PYTHON:-/usr/bin/python3}
torch_script=${TORCH_BASELINE:-$repo/../shared/bench/torch_baseline.py}
case "${1:-}" in
*.py) torch_script=$1; shift ;;
esac
rounds=1
if [ "${1:-}" = "--rounds" ]; then
	rounds=${2:?--rounds needs a number}
	shift 2
fi

[ -x "$cli" ] || { echo "compare.sh: no CLI at $cli (build first, or set EIAF_CLI)" >&2; exit 2; }
[ -r "$torch_script" ] || {
	echo "compare.sh: no torch baseline at $torch_script (pass its path or set TORCH_BASELINE)" >&2
	exit 2
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
round=1
while [ "$round" -le "$rounds" ]; do
	echo "round $round: $cli bench $*" >&2
	"$cli" bench "$@" >>"$out/ours.jsonl"
	for threads in 1 2; do
		echo "round $round: $python $torch_script $repo/resources/data $threads" >&2
		"$python" "$torch_script" "$repo/resources/data" "$threads" >>"$out/torch-$threads.jsonl"
	done
	round=$((round + 1))
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo

"$python" - "$out/ours.jsonl" "$out/torch-1.jsonl" "$out/torch-2.jsonl" <<'EOF'
import json, sys

def load(path):
    """Every round's line per workload, in order."""
    runs = {}
    with open(path) as f:
        for r in map(json.loads, filter(str.strip, f)):
            runs.setdefault(r['workload'], []).append(r)
    return runs

def best(runs):
    return max(runs, key=lambda r: r['samples_per_s'])

every_ours, every_t1, every_t2 = (load(p) for p in sys.argv[1:4])
ours = {name: best(runs) for name, runs in every_ours.items()}
t1 = {name: best(runs) for name, runs in every_t1.items()}
t2 = {name: best(runs) for name, runs in every_t2.items()}
head = ('workload', 'ours samples/s', 'torch best (thr)', 'ratio', 'ours acc', 'torch acc',
        'ours predict µs', 'torch predict µs', 'ratio')
rows = []
for name, o in ours.items():
    top = max((r for r in (t1.get(name), t2.get(name)) if r), key=lambda r: r['samples_per_s'])
    # predict: the fastest of every round, both sides
    our_predict = min(r['predict_us'] for r in every_ours[name])
    fastest_predict = min(r['predict_us'] for r in every_t1.get(name, []) + every_t2.get(name, []))
    rows.append((name, f"{o['samples_per_s']:,}", f"{top['samples_per_s']:,} ({top['threads']})",
                 f"{o['samples_per_s'] / top['samples_per_s']:.2f}×",
                 f"{o['test_acc']:.4f}", f"{top['test_acc']:.4f}",
                 f"{our_predict:.1f}", f"{fastest_predict:.1f}",
                 f"{our_predict / fastest_predict:.2f}×"))
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
for r in [head] + rows:
    print('  '.join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
rounds = max(len(v) for v in every_ours.values())
if rounds > 1:
    print()
    print('each round alone (ours / PyTorch\'s best of 1 and 2 threads in that round):')
    for name, runs in every_ours.items():
        ratios = []
        for k, o in enumerate(runs):
            theirs = [r[k] for r in (every_t1.get(name, []), every_t2.get(name, [])) if len(r) > k]
            ratios.append(o['samples_per_s'] / max(t['samples_per_s'] for t in theirs))
        print(f"  {name:8} " + '  '.join(f'{x:.2f}×' for x in ratios))
print()
print('samples/s: each side\'s best round' if rounds > 1 else 'samples/s: one round', end='; ')
print('ratio: ours / PyTorch\'s best of 1 and 2 threads (target ≥ 1.5×);')
print('predict ratio: ours / PyTorch\'s fastest single-sample forward (lower is better);')
print('accuracies: test accuracy after the same epochs (target: within 1 point).')
EOF
