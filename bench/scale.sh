#!/bin/sh
# bench/scale.sh — the `cnn28` workload for one epoch on the first N images of a full MNIST or
# Fashion-MNIST folder (DESIGN §6's scale check: the cost must grow linearly with the data),
# ours with 1 and 2 threads and PyTorch with 1 and 2, in one run on this machine.
#
# Usage: bench/scale.sh [DATA_DIR] [N…]
#   DATA_DIR  default /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist)
#   N…        training images per run (default: 15000 30000 60000)
# Environment: EIAF_CLI (default build/app/everything-is-a-font-cli), PYTHON (/usr/bin/python3).
# Python is the measuring tool only (bench/torch_scale.py), as in compare.sh.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cli=${EIAF_CLI:-$repo/build/app/everything-is-a-font-cli}
python=${PYTHON:-/usr/bin/python3}
data=${1:-/usr/share/datasets/fashion-mnist}
[ $# -gt 0 ] && shift
sizes=${*:-15000 30000 60000}

[ -x "$cli" ] || { echo "scale.sh: no CLI at $cli (build first, or set EIAF_CLI)" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); data: $data"
for threads in 1 2; do
	for n in $sizes; do
		echo "running: $cli bench --data-dir $data --epochs 1 --train-size $n --threads $threads cnn28" >&2
		"$cli" bench --data-dir "$data" --epochs 1 --train-size "$n" --threads "$threads" cnn28 |
			sed 's/^{/{"who":"ours",/' >>"$out"
	done
	echo "running: $python $repo/bench/torch_scale.py $data $threads $sizes" >&2
	# shellcheck disable=SC2086 # the sizes are separate arguments
	"$python" "$repo/bench/torch_scale.py" "$data" "$threads" $sizes | sed 's/^{/{"who":"torch",/' >>"$out"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo

"$python" - "$out" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
head = ('who', 'threads', 'train images', 'epoch s', 'samples/s', 'µs / sample', 'test acc')
table = [(r['who'], r['threads'], f"{r['train_n']:,}", f"{r['epoch_s']:.2f}",
          f"{r['samples_per_s']:,}", f"{1e6 / r['samples_per_s']:.0f}", f"{r['test_acc']:.4f}")
         for r in rows]
widths = [max(len(str(x[i])) for x in table + [head]) for i in range(len(head))]
for r in [head] + table:
    print('  '.join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
print()
for who in ('ours', 'torch'):
    for t in (1, 2):
        runs = sorted((r for r in rows if r['who'] == who and r['threads'] == t), key=lambda r: r['train_n'])
        if len(runs) > 1:
            a, b = runs[0], runs[-1]
            grow = (b['epoch_s'] / a['epoch_s']) / (b['train_n'] / a['train_n'])
            print(f"{who}, {t} thread(s): {b['train_n'] // a['train_n']}× the data took "
                  f"{b['epoch_s'] / a['epoch_s']:.2f}× the time (linear = 1.00; here {grow:.2f})")
best = {who: max((r for r in rows if r['who'] == who), key=lambda r: (r['train_n'], r['samples_per_s']))
        for who in ('ours', 'torch')}
print(f"largest set, best of 1 and 2 threads: ours {best['ours']['samples_per_s']:,}/s, PyTorch "
      f"{best['torch']['samples_per_s']:,}/s: {best['ours']['samples_per_s'] / best['torch']['samples_per_s']:.2f}×")
EOF
