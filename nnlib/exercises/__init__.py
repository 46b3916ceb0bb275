"""The notebooks' exercises and the engine that checks them: `check.sigmoid(my_sigmoid)`.

Teaching machinery around the math: it imports the math modules, and they never import it.
Each part's module declares its exercises and lists them in CHECKS, by the name a notebook uses.
"""

from nnlib.exercises import part1, part2, part3, part4, part5
from nnlib.exercises.engine import Checks, Exercise, InTurn, Probe, Slip, Wrong, watch_cells

check = Checks(**part1.CHECKS, **part2.CHECKS, **part3.CHECKS, **part4.CHECKS, **part5.CHECKS)
watch_cells()  # a check told when the cell that defines its answer could not be read

__all__ = ["check", "Checks", "Exercise", "InTurn", "Probe", "Slip", "Wrong"]
