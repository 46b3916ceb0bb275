"""Training on MNIST: nnlib against the textbook per-example loop, and against PyTorch on the CPU.

The series' configuration: a 784-30-10 sigmoid network, quadratic cost, α = 3.0, batches of 10,
MNIST's 60,000 training images as float32 (as nnlib.mnist gives them), tested on its 10,000 test
images. Three ways train it here, in this process: nnlib.train (each batch through each layer
as one matrix); the textbook loop (the same algorithm, one forward and backward pass per
example, their gradients added up over each batch, as Nielsen's network.py does; it runs a
fraction of an epoch, and its time is scaled up to a whole one); and PyTorch (torch.nn and
torch.optim.SGD), when it is installed.

Then the seconds until the test accuracy first reaches 95% for the series' configuration, and
98% for an improved one (100 hidden neurons, softmax outputs with the log-likelihood cost,
weights drawn with spread 1/√inputs, L2 weight decay, and the learning rate lowered after 8
epochs: a second call of nnlib.train), the test measured after every epoch and its time
included. And the peak memory of the process.

    NNLIB_DATA_DIR=/path/to/mnist python benchmarks/train_digits.py [--fraction 0.1]

MNIST is read from the folder named by NNLIB_DATA_DIR, or else from shared/data/mnist beside the
repository, or else downloaded; where none works, the script says so and stops.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

# One BLAS thread unless told otherwise, set before numpy starts OpenBLAS, as nnlib.train
# holds it while training: so the per-example loop, timed outside it, runs as nnlib's does.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
if SHARED_MNIST.is_dir():
    os.environ.setdefault("NNLIB_DATA_DIR", str(SHARED_MNIST))

import numpy as np  # noqa: E402

import nnlib  # noqa: E402
from train_speed import per_example_update  # noqa: E402 (the same textbook loop)

# Each configuration trains in phases of (epochs, learning rate): one call of nnlib.train each.
SERIES = dict(sizes=(784, 30, 10), network=dict(), phases=[(40, 3.0)], batch_size=10,
              weight_decay=0.0)
IMPROVED = dict(sizes=(784, 100, 10),
                network=dict(output="softmax", cost="cross-entropy", scale="1/sqrt(inputs)"),
                phases=[(8, 0.5), (12, 0.1)], batch_size=10, weight_decay=5.0)


def load():
    """MNIST's images as rows of 784 float32 pixels, and their labels one-hot; or exit saying
    how to get the files."""
    try:
        parts = [nnlib.mnist(part) for part in ("train", "test")]
    except nnlib.DataUnavailable as missing:
        sys.exit(f"MNIST is not available, so there is nothing to measure:\n{missing}")
    return [(images.reshape(len(images), -1), nnlib.one_hot(labels, 10).astype(np.float32))
            for images, labels in parts]


def float32_network(seed=0):
    network = nnlib.new_network(SERIES["sizes"], seed=seed)
    network.weights = [w.astype(np.float32) for w in network.weights]
    network.biases = [b.astype(np.float32) for b in network.biases]
    return network


def nnlib_epoch(inputs, targets, epochs=2):
    """Seconds per epoch of nnlib.train, training only (nothing measured between epochs)."""
    history = nnlib.train(float32_network(), inputs, targets, epochs, 3.0, 10, seed=1,
                          measure_training=False)
    return history.seconds / epochs


def per_example_epoch(inputs, targets, fraction):
    """Seconds per epoch of the textbook loop: one forward and backward pass per example, the
    gradients of a batch added up, then one update; timed on `fraction` of an epoch."""
    network, rng = float32_network(), np.random.default_rng(1)
    order = rng.permutation(len(inputs))[:int(fraction * len(inputs)) // 10 * 10]
    started = time.perf_counter()
    for start in range(0, len(order), 10):
        per_example_update(network, inputs, targets, order[start:start + 10], 3.0)
    return (time.perf_counter() - started) * len(inputs) / len(order)


def torch_epoch(inputs, targets, test, threads, epochs=2):
    """Seconds per epoch of the same training in PyTorch on the CPU, from the same starting
    weights and shuffles; and its test accuracy after those epochs. None if not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)  # its default, 2 here, took 105 s per epoch on a busy machine
    start = float32_network()
    layers = [torch.nn.Linear(784, 30), torch.nn.Sigmoid(), torch.nn.Linear(30, 10),
              torch.nn.Sigmoid()]
    with torch.no_grad():
        for linear, weights, biases in zip(layers[::2], start.weights, start.biases):
            linear.weight.copy_(torch.from_numpy(weights))
            linear.bias.copy_(torch.from_numpy(biases))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=3.0)
    x, y = torch.from_numpy(inputs), torch.from_numpy(targets)
    rng = np.random.default_rng(1)
    started = time.perf_counter()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(inputs)))
        for batch in order.split(10):
            optimizer.zero_grad()
            loss = 0.5 * ((model(x[batch]) - y[batch]) ** 2).sum() / len(batch)  # quadratic
            loss.backward()
            optimizer.step()
    seconds = (time.perf_counter() - started) / epochs
    with torch.no_grad():
        answers = model(torch.from_numpy(test[0])).argmax(dim=1).numpy()
    return seconds, float(np.mean(answers == test[1].argmax(axis=1))), torch


class Reached(Exception):
    """Raised by the on_epoch below to stop training when the target accuracy is reached."""


def time_to(level, configuration, inputs, targets, test, seed):
    """Train from `seed` until the test accuracy first reaches `level`: the epochs it took (None
    if it never did), the seconds from the start, test measurements included, and the test
    accuracy after each epoch. Each phase's shuffles are seeded by `seed` plus its number."""
    network = nnlib.new_network(configuration["sizes"], seed=seed, **configuration["network"])
    seconds, accuracies = 0.0, []

    def on_epoch(epoch, history):
        accuracies.append(history.test_accuracies[-1])
        if accuracies[-1] >= level:
            raise Reached(seconds + history.epoch_seconds[-1])

    try:
        for phase, (epochs, learning_rate) in enumerate(configuration["phases"]):
            seconds += nnlib.train(network, inputs, targets, epochs, learning_rate,
                                   configuration["batch_size"], test=test, seed=seed + phase,
                                   weight_decay=configuration["weight_decay"],
                                   measure_training=False, on_epoch=on_epoch).seconds
    except Reached as reached:
        return len(accuracies), reached.args[0], accuracies
    return None, seconds, accuracies


def describe(configuration):
    settings = "".join(f", {value}" for value in configuration["network"].values())
    phases = " then ".join(f"α = {alpha:g} for {epochs}" for epochs, alpha in
                           configuration["phases"])
    return (f"{'-'.join(map(str, configuration['sizes']))}{settings}, batches of "
            f"{configuration['batch_size']}, λ = {configuration['weight_decay']:g}, {phases} "
            "epochs")


def peak_memory():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux: MB


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=0.1,
                        help="of an epoch, for the per-example loop (its time is scaled up)")
    parser.add_argument("--seed", type=int, default=0, help="of the networks and shuffles")
    parser.add_argument("--torch-threads", type=int, default=1)
    args = parser.parse_args()
    (inputs, targets), test = load()
    print(f"MNIST: {len(inputs):,} training and {len(test[0]):,} test images, float32; "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")

    print("\nSeconds per epoch, the series' configuration (784-30-10 sigmoid, quadratic, α = 3, "
          "batches of 10), training only:")
    fast = nnlib_epoch(inputs, targets)
    slow = per_example_epoch(inputs, targets, args.fraction)
    print(f"  {f'per example ({args.fraction:g} of an epoch, scaled up)':46}{slow:6.2f} s")
    print(f"  {'nnlib (a batch through each layer at once)':46}{fast:6.2f} s   "
          f"{slow / fast:.1f}x faster than per example")

    print(f"\nTime until the test accuracy first reaches the level (a test after every epoch; "
          f"seed {args.seed}):")
    for name, level, configuration in (("series", 0.95, SERIES), ("improved", 0.98, IMPROVED)):
        epochs, seconds, accuracies = time_to(level, configuration, inputs, targets, test,
                                              args.seed)
        reached = f"after {epochs} epochs" if epochs else "NOT reached"
        print(f"  {name}: {describe(configuration)}\n    {level:.0%} {reached}, {seconds:.1f} s;"
              f" test accuracy by epoch: {' '.join(f'{a:.4f}' for a in accuracies)}")
    print(f"\nPeak memory of the process so far: {peak_memory():.0f} MB")

    torch_result = torch_epoch(inputs, targets, test, args.torch_threads)
    if torch_result is None:
        print("\nPyTorch: not installed, skipped (pip install torch to compare)")
        return
    seconds, accuracy, torch = torch_result
    print(f"\nPyTorch {torch.__version__} on the CPU, {torch.get_num_threads()} thread(s), the "
          f"series' configuration from the same start, with the same shuffles:\n"
          f"  {seconds:.2f} s per epoch, {slow / seconds:.1f}x faster than per example, "
          f"{seconds / fast:.2f} times nnlib's time (test accuracy {accuracy:.4f} after 2 "
          "epochs)")
    print(f"Peak memory with PyTorch loaded: {peak_memory():.0f} MB")


if __name__ == "__main__":
    main()
