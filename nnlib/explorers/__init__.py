"""The interactive views: the only part of nnlib that imports matplotlib and ipywidgets."""

from nnlib.explorers.base import new_figure
from nnlib.explorers.descent import DescentExplorer, SlopeExplorer

__all__ = ["DescentExplorer", "SlopeExplorer", "new_figure"]
