#!/usr/bin/python3
"""PyTorch's side of the scale run: the `cnn28` workload of ../shared/bench/torch_baseline.py
(the same CNN, cross-entropy, SGD lr 0.1, batch 100, shuffled) on a full MNIST or Fashion-MNIST
folder, for one epoch over the first N training images.  A measuring tool only, like
compare.sh: the app and its tests never need Python.

Usage: /usr/bin/python3 bench/torch_scale.py DATA_DIR THREADS N [N…]
Prints one JSON line per N, with the fields of `everything-is-a-font-cli bench`."""
import gzip, json, os, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F


def idx(folder, name, skip):
    path = os.path.join(folder, name)
    opener = gzip.open if name.endswith('.gz') else open
    if not os.path.exists(path):
        path, opener = path[:-3], open
    with opener(path, 'rb') as f:
        return np.frombuffer(f.read()[skip:], dtype=np.uint8)


def images(folder, prefix):
    x = idx(folder, prefix + '-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28)
    y = idx(folder, prefix + '-labels-idx1-ubyte.gz', 8)
    return torch.tensor(x, dtype=torch.float32) / 255.0, torch.tensor(y, dtype=torch.long)


class CNN(nn.Module):  # torch_baseline.py's, at side 28
    def __init__(s):
        super().__init__()
        s.c1 = nn.Conv2d(1, 16, 5, padding=2); s.c2 = nn.Conv2d(16, 32, 5, padding=2)
        s.fc = nn.Linear(32 * 7 * 7, 10)

    def forward(s, x):
        x = F.max_pool2d(F.relu(s.c1(x)), 2); x = F.max_pool2d(F.relu(s.c2(x)), 2)
        return s.fc(x.flatten(1))


def main():
    folder, threads, sizes = sys.argv[1], int(sys.argv[2]), [int(a) for a in sys.argv[3:]]
    torch.set_num_threads(threads)
    xtr, ytr = images(folder, 'train')
    xte, yte = images(folder, 't10k')
    for n in sizes:
        torch.manual_seed(0)
        model = CNN()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, 100):
            b = perm[i:i + 100]
            opt.zero_grad(); F.cross_entropy(model(xtr[b]), ytr[b]).backward(); opt.step()
        dt = time.perf_counter() - t0
        with torch.no_grad():
            acc = (model(xte).argmax(1) == yte).float().mean().item()
        print(json.dumps(dict(workload='cnn28', threads=threads, samples_per_s=round(n / dt),
                              epoch_s=round(dt, 4), test_acc=round(acc, 4), train_n=n,
                              test_n=len(yte), epochs=1)), flush=True)


main()
