"""The interactive views: the only part of nnlib that imports matplotlib and ipywidgets."""

from nnlib.explorers.descent import DescentExplorer

__all__ = ["DescentExplorer"]
