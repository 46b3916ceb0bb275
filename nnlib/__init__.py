"""nnlib: the small helper library behind the notebooks, with the public names of its math.

Its floors, each importing only those below it: checks.py, the argument checks; the math, which
reads in one sitting (neuron.py, descent.py, data.py, network.py, digits.py); then the teaching
machinery around it, exercises/ and explorers/.
"""

from nnlib.data import TRUE_WEIGHTS, Table, article_table
from nnlib.data import TOY_SETS, circle, moons, spiral, train_test_split, xor  # parts 3-4
from nnlib.descent import (DescentHistory, DivergenceWarning, check_gradient, gradient_descent,
                           mean_squared_error, mse_gradient, numerical_gradient, predict)
from nnlib.digits import DataUnavailable, mnist, small_digits
from nnlib.network import (Network, TrainingHistory, accuracy, backward_pass, check_backward,
                           cost, forward_pass, network_output, new_network, one_hot, softmax, train,
                           update)
from nnlib.neuron import (ACTIVATIONS, forward, identity, identity_derivative, layer_output,
                          neuron_output, sigmoid, sigmoid_derivative, step, step_derivative)

__all__ = ["TRUE_WEIGHTS", "Table", "article_table", "DescentHistory", "DivergenceWarning",
           "check_gradient", "gradient_descent", "mean_squared_error", "mse_gradient",
           "numerical_gradient", "predict", "ACTIVATIONS", "forward", "identity",
           "identity_derivative", "layer_output", "neuron_output", "sigmoid",
           "sigmoid_derivative", "step", "step_derivative", "Network", "TrainingHistory",
           "accuracy", "backward_pass", "check_backward", "cost", "forward_pass",
           "network_output", "new_network", "one_hot", "softmax", "train", "update",
           "DataUnavailable", "mnist", "small_digits",
           "TOY_SETS", "circle", "moons", "spiral", "train_test_split", "xor"]
