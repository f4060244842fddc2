#!/usr/bin/python3
"""twin-check — does a lesson train exactly like its PyTorch twin?

Dev-only (needs Debian's python3-torch; never run by the test suite). For a lesson and K steps:
  1. `describe LESSON --json` gives each variant's twin as a Python expression using `nn`, its
     loss, optimiser and tensors;
  2. the CLI exports the lesson's data (--export-data) and its initial weights (--steps 0
     --save), then trains K steps with --no-shuffle (batches in data order) and saves;
  3. the twin is built from the expression, loads the initial state_dict, and trains K steps
     on the same batches with the same loss and optimiser;
  4. the two final state_dicts are compared: the worst relative difference is printed
     (per tensor: max |ours - torch| / max |torch|; integer buffers must be equal). Beyond
     the tolerance, the same PyTorch run in float64 tells how much rounding noise the
     training amplifies by itself; a difference within 10× that spread is not the engine's.

Usage:
  /usr/bin/python3 tools/twin-check.py LESSON [--steps K] [--variant NAME] [--seed N]
      [--preset quick|course] [--data-dir DIR] [--shuffle] [--tol T] [--cli PATH]
      [NAME=VALUE ...]
NAME=VALUE sets a lesson parameter (--NAME VALUE for the CLI), e.g. hidden=5 lr=0.5.
--shuffle keeps the lesson's shuffled batches and replays the engine's PCG32 permutations
(also what happens for a lesson without a "shuffle" parameter).

Exit status: 0 every variant checked matches within --tol (default 1e-4), 1 a mismatch,
2 bad usage or a failing CLI, 3 nothing could be checked (e.g. only dropout variants: the
masks come from different generators, so the runs cannot match).
The CLI is --cli, else $EIAF_CLI, else build/app/everything-is-a-font-cli in this repository.
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CLI = os.path.join(HERE, '..', 'build', 'app', 'everything-is-a-font-cli')
NN_STREAM_SHUFFLE = 3  # engine/nn_trainer.h
M64 = (1 << 64) - 1


# ---- safetensors, read with json + struct (the safetensors package is not installed) ----

def read_safetensors(path):
    """{name: tensor} and the metadata of a safetensors file."""
    with open(path, 'rb') as f:
        raw = f.read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    meta = header.pop('__metadata__', {})
    dtypes = {'F32': torch.float32, 'I64': torch.int64}
    tensors = {}
    for name, info in header.items():
        begin, end = info['data_offsets']
        t = torch.frombuffer(bytearray(data[begin:end]), dtype=dtypes[info['dtype']])
        tensors[name] = t.reshape(info['shape'])
    return tensors, meta


# ---- the engine's shuffle (engine/nn_rng.c: PCG32 XSH-RR, Fisher-Yates from the end) ----

class Pcg32:
    def __init__(self, seed, stream):
        self.state = 0
        self.inc = ((stream << 1) | 1) & M64
        self.u32()
        self.state = (self.state + seed) & M64
        self.u32()

    def u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.inc) & M64
        xorshifted = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((-rot) & 31))) & 0xFFFFFFFF

    def below(self, bound):
        threshold = ((-bound) & 0xFFFFFFFF) % bound
        while True:
            r = self.u32()
            if r >= threshold:
                return r % bound

    def shuffle(self, index):
        for i in range(len(index) - 1, 0, -1):
            j = self.below(i + 1)
            index[i], index[j] = index[j], index[i]


def batches(n, batch_size, steps, shuffle, seed):
    """The engine's batches: DataLoader(drop_last=False) order, one permutation per epoch."""
    order = list(range(n))
    rng = Pcg32(seed, NN_STREAM_SHUFFLE)
    cursor = 0
    for _ in range(steps):
        if cursor == 0 and shuffle:
            rng.shuffle(order)
        count = min(batch_size, n - cursor)
        yield torch.tensor(order[cursor:cursor + count], dtype=torch.long)
        cursor += count
        if cursor >= n:
            cursor = 0


# ---- the twin ----

def loss_fn(name):
    if name == 'cross_entropy':
        return lambda out, y: F.cross_entropy(out, y.long())
    if name == 'bce':
        return F.binary_cross_entropy
    if name == 'bce_with_logits':
        return F.binary_cross_entropy_with_logits
    if name == 'mse':
        return F.mse_loss
    raise SystemExit(f'twin-check: unknown loss {name!r}')


def optimizer(o, params):
    if o['name'] == 'sgd':
        return torch.optim.SGD(params, lr=o['lr'], momentum=o['momentum'],
                               weight_decay=o['weight_decay'])
    if o['name'] == 'adam':
        return torch.optim.Adam(params, lr=o['lr'], betas=tuple(o['betas']), eps=o['eps'],
                                weight_decay=o['weight_decay'])
    raise SystemExit(f'twin-check: unknown optimiser {o["name"]!r}')


def dropout_ps(model):
    return [m.p for m in model.modules() if isinstance(m, nn.Dropout) and m.p > 0]


def train_twin(variant, init, data, batch_size, steps, shuffle, seed):
    model = eval(variant['pytorch'], {'nn': nn})  # the CLI's own output, trusted
    model.load_state_dict(init, strict=True)
    model.train()
    opt = optimizer(variant['optimizer'], model.parameters())
    loss = loss_fn(variant['loss'])
    x, y = data['x'], data['y']
    for index in batches(len(x), batch_size, steps, shuffle, seed):
        opt.zero_grad()
        loss(model(x[index]), y[index]).backward()
        opt.step()
    return model.state_dict()


def float64_spread(variant, init, data, batch_size, steps, shuffle, seed):
    """How far PyTorch's own float32 run lies from the same run in float64: the size of the
    rounding noise this training amplifies (large for ill-conditioned models, such as batch
    norm on logits, or Adam on a bias whose gradient is zero up to rounding)."""
    ours32 = train_twin(variant, init, data, batch_size, steps, shuffle, seed)
    torch.set_default_dtype(torch.float64)
    try:
        as64 = {k: t.double() if t.is_floating_point() else t for k, t in init.items()}
        data64 = {k: t.double() if t.is_floating_point() else t for k, t in data.items()}
        exact = train_twin(variant, as64, data64, batch_size, steps, shuffle, seed)
    finally:
        torch.set_default_dtype(torch.float32)
    exact = {k: t.float() if t.is_floating_point() else t for k, t in exact.items()}
    return compare(ours32, exact)[1]


def compare(ours, theirs):
    """Rows (name, worst relative difference, worst absolute difference) and the worst."""
    rows, worst = [], 0.0
    for name, t in theirs.items():
        o = ours[name]
        if t.dtype == torch.int64:
            rel = 0.0 if torch.equal(o, t) else float('inf')
            absd = float((o - t).abs().max()) if o.numel() else 0.0
        else:
            absd = float((o - t).abs().max()) if o.numel() else 0.0
            scale = float(t.abs().max()) if t.numel() else 0.0
            rel = absd / scale if scale > 0 else absd
        rows.append((name, rel, absd))
        worst = max(worst, rel)
    return rows, worst


# ---- running the CLI ----

def run_cli(cli, args):
    p = subprocess.run([cli] + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit(2)
    return p.stdout


def lesson_options(args):
    opts = []
    if args.preset:
        opts += ['--preset', args.preset]
    for kv in args.params:
        if '=' not in kv:
            raise SystemExit(f'twin-check: parameters are NAME=VALUE (got {kv!r})')
        name, value = kv.split('=', 1)
        opts += ['--' + name.replace('_', '-'), value]
    return opts


def check_variant(args, desc, variant, tmp):
    name = variant['name']
    twin = eval(variant['pytorch'], {'nn': nn})
    ps = dropout_ps(twin)
    if ps:
        print(f'{desc["lesson"]} / {name}: skipped — Dropout(p={ps[0]:g}): the engine and '
              f'PyTorch draw their masks from different generators, so no run can match')
        return None
    values = desc['values']
    has_shuffle = any(p['name'] == 'shuffle' for p in desc['params'])
    # What the engine will do: a lesson without the parameter always shuffles.
    shuffle = bool(values['shuffle']) and args.shuffle if has_shuffle else True
    common = ['train', args.lesson, '--variant', name, '--seed', str(args.seed)]
    common += lesson_options(args)
    if args.data_dir:
        common += ['--data-dir', args.data_dir]
    if has_shuffle and not args.shuffle:
        common += ['--no-shuffle']
    init_path = os.path.join(tmp, f'{name}-init.safetensors')
    data_path = os.path.join(tmp, f'{name}-data.safetensors')
    final_path = os.path.join(tmp, f'{name}-final.safetensors')
    run_cli(args.cli, common + ['--steps', '0', '--save', init_path,
                                '--export-data', data_path])
    run_cli(args.cli, common + ['--steps', str(args.steps), '--init', init_path,
                                '--save', final_path])

    init, _ = read_safetensors(init_path)
    data, _ = read_safetensors(data_path)
    ours, _ = read_safetensors(final_path)
    n = len(data['x'])
    batch_size = int(values.get('batch_size', 0))
    if batch_size <= 0 or batch_size > n:
        batch_size = n
    theirs = train_twin(variant, init, data, batch_size, args.steps, shuffle, args.seed)
    rows, worst = compare(ours, theirs)
    print(f'{desc["lesson"]} / {name}: {args.steps} steps of {batch_size} '
          f'({"shuffled" if shuffle else "in order"}), {variant["loss"]}, '
          f'{variant["optimizer"]["name"]} lr {variant["optimizer"]["lr"]:g}')
    print(f'  {variant["pytorch"]}')
    for tname, rel, absd in rows:
        print(f'  {tname:28s} relative {rel:.3e}   absolute {absd:.3e}')
    verdict = 'ok' if worst <= args.tol else 'MISMATCH'
    if worst > args.tol:
        # Is it the engine, or rounding noise the training itself amplifies?
        spread = float64_spread(variant, init, data, batch_size, args.steps, shuffle, args.seed)
        print(f'  PyTorch float32 against float64, same run: {spread:.3e}')
        if worst <= 10 * spread:
            verdict = 'ok: within PyTorch\'s own float32 rounding spread'
            worst = args.tol
    print(f'  worst relative difference: {max(r[1] for r in rows):.3e} '
          f'({verdict}, tolerance {args.tol:g})')
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('lesson')
    ap.add_argument('params', nargs='*', metavar='NAME=VALUE')
    ap.add_argument('--steps', type=int, default=100)
    ap.add_argument('--variant')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--preset', choices=['quick', 'course'])
    ap.add_argument('--data-dir')
    ap.add_argument('--shuffle', action='store_true')
    ap.add_argument('--tol', type=float, default=1e-4)
    ap.add_argument('--cli', default=os.environ.get('EIAF_CLI', DEFAULT_CLI))
    args = ap.parse_intermixed_args()
    if args.steps < 1:
        ap.error('--steps must be at least 1')
    torch.set_num_threads(1)

    describe = ['describe', args.lesson, '--json'] + lesson_options(args)
    if args.variant:
        describe += ['--variant', args.variant]
    desc = json.loads(run_cli(args.cli, describe))
    if not desc['variants']:
        print(f'{args.lesson}: skipped — it trains no model from data')
        return 3
    results = []
    with tempfile.TemporaryDirectory(prefix='twin-check-') as tmp:
        for variant in desc['variants']:
            results.append(check_variant(args, desc, variant, tmp))
    checked = [r for r in results if r is not None]
    if not checked:
        return 3
    return 0 if max(checked) <= args.tol else 1


if __name__ == '__main__':
    sys.exit(main())
