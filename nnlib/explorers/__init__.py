"""The interactive views: the only part of nnlib that imports matplotlib and ipywidgets."""

from nnlib.explorers.backprop import BackpropExplorer
from nnlib.explorers.base import new_figure, show
from nnlib.explorers.descent import DescentExplorer, SlopeExplorer
from nnlib.explorers.digits import DigitsExplorer
from nnlib.explorers.neuron import NeuronExplorer
from nnlib.explorers.training import TrainingExplorer

__all__ = ["BackpropExplorer", "DescentExplorer", "DigitsExplorer", "NeuronExplorer",
           "SlopeExplorer", "TrainingExplorer", "new_figure", "show"]
