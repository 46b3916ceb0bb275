"""Training time of nnlib's vectorized backpropagation against the textbook per-example loop.

Both run the same algorithm on the same tasks in this process: the same network, the same seeded
shuffles and mini-batches, the same updates. The per-example loop backpropagates one example at
a time and adds up the gradients of a batch, as Nielsen's network.py does; nnlib passes the whole
batch through each layer as one matrix. Both end with the same weights, so with the same
accuracy; only the time differs.

    python benchmarks/train_speed.py [--epochs 20] [--images 10000]

The second task, MNIST (784-30-10, the series' configuration), is read from the folder named by
NNLIB_DATA_DIR, or else from shared/data/mnist beside the repository.
"""

import argparse
import gzip
import os
import time
from pathlib import Path

import numpy as np

import nnlib
from nnlib.network import backward_pass, forward_pass


def circle_and_ring(points, seed):
    """A disc of one class inside a ring of the other: no straight line separates them."""
    rng = np.random.default_rng(seed)
    radius = np.concatenate([rng.uniform(0, 0.45, points // 2),
                             rng.uniform(0.75, 1.2, points - points // 2)])
    angle = rng.uniform(0, 2 * np.pi, points)
    inputs = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return inputs, (radius < 0.6).astype(float)[:, None]


def mnist(images, labels, count):
    """The first `count` images of an MNIST file pair as rows of 784 numbers from 0 to 1, and
    their labels one-hot. The IDX format: a big-endian header, then one byte per pixel."""
    folder = Path(os.environ.get("NNLIB_DATA_DIR", Path(__file__).parents[2] / "shared/data/mnist"))
    with gzip.open(folder / images) as file:
        pixels = np.frombuffer(file.read(), np.uint8, offset=16)
    with gzip.open(folder / labels) as file:
        digits = np.frombuffer(file.read(), np.uint8, offset=8)
    return pixels.reshape(-1, 784)[:count] / 255, nnlib.one_hot(digits[:count], 10)


def textbook_train(network, inputs, targets, epochs, learning_rate, batch_size, test, seed):
    """nnlib.train's algorithm with one forward and backward pass per example, their gradients
    added up over each batch: the same shuffles, updates and per-epoch measurements."""
    rng, history = np.random.default_rng(seed), nnlib.TrainingHistory()
    for _ in range(epochs):
        order = rng.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):
            per_example_update(network, inputs, targets, order[start:start + batch_size],
                               learning_rate)
        history.costs.append(nnlib.cost(network, inputs, targets))
        history.accuracies.append(nnlib.accuracy(network, inputs, targets))
        history.test_costs.append(nnlib.cost(network, *test))
        history.test_accuracies.append(nnlib.accuracy(network, *test))
    return history


def per_example_update(network, inputs, targets, batch, learning_rate):
    """One update the textbook way: a forward and a backward pass for each example of the
    batch, their gradients added up, then one step by their mean."""
    total_w = [np.zeros_like(w) for w in network.weights]
    total_b = [np.zeros_like(b) for b in network.biases]
    for k in batch:
        sums, activations = forward_pass.unchecked(network, inputs[k:k + 1])
        dw, db = backward_pass.unchecked(network, sums, activations, targets[k:k + 1])
        total_w = [t + d for t, d in zip(total_w, dw)]
        total_b = [t + d for t, d in zip(total_b, db)]
    for layer in range(len(network.weights)):
        network.weights[layer] -= learning_rate * total_w[layer] / len(batch)
        network.biases[layer] -= learning_rate * total_b[layer] / len(batch)


def timed(trainer, sizes, inputs, targets, test, epochs, batch_size, repeats=3):
    """The best time of `repeats` runs from the same start (the others were slowed by other
    work on the machine), the trained network and its history."""
    best = np.inf
    for _ in range(repeats):
        network = nnlib.new_network(sizes, seed=0)
        start = time.perf_counter()
        history = trainer(network, inputs, targets, epochs, 3.0, batch_size, test=test, seed=1)
        best = min(best, time.perf_counter() - start)
    return best, network, history


def compare(title, sizes, inputs, targets, test, epochs, batch_sizes):
    """Train with both ways at each batch size and print a row of figures for each."""
    timed(nnlib.train, sizes, inputs, targets, test, 1, 10, 1)  # warm up both ways alike
    timed(textbook_train, sizes, inputs, targets, test, 1, 10, 1)
    print(f"{title}: {'-'.join(map(str, sizes))} sigmoid network, {len(inputs)} examples, "
          f"{epochs} epochs, α = 3.0; seconds per epoch, the best of 3 runs")
    print(f"{'batch':>5} {'nnlib':>9} {'per example':>12} {'speed-up':>9} "
          f"{'test accuracy':>14} {'same weights':>13}")
    for batch_size in batch_sizes:
        fast, fast_net, fast_history = timed(nnlib.train, sizes, inputs, targets, test, epochs,
                                             batch_size)
        slow, slow_net, slow_history = timed(textbook_train, sizes, inputs, targets, test,
                                             epochs, batch_size)
        same = all(np.allclose(a, b, rtol=1e-9, atol=1e-12)
                   for a, b in zip(fast_net.weights + fast_net.biases,
                                   slow_net.weights + slow_net.biases))
        accuracies = " ".join(f"{history.test_accuracies[-1]:.3f}"
                              for history in (fast_history, slow_history))
        print(f"{batch_size:5} {fast / epochs:9.4f} {slow / epochs:12.4f} "
              f"{slow / fast:8.1f}x {accuracies:>14} {'yes' if same else 'NO':>13}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--images", type=int, default=10_000, help="MNIST training images")
    args = parser.parse_args()
    compare("circle inside a ring", (2, 30, 1), *circle_and_ring(2000, seed=0),
            circle_and_ring(1000, seed=1), args.epochs, (10, 32, 100))
    try:
        inputs, targets = mnist("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                args.images)
        test = mnist("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10_000)
    except FileNotFoundError as missing:
        print(f"MNIST skipped: {missing.filename} not found (set NNLIB_DATA_DIR to its folder)")
        return
    print()
    compare("MNIST digits", (784, 30, 10), inputs, targets, test, 1, (10,))


if __name__ == "__main__":
    main()
