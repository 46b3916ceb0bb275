"""nnlib: the small helper library behind the notebooks. Read it in one sitting."""

from nnlib.data import TRUE_WEIGHTS, Table, article_table
from nnlib.descent import (DescentHistory, DivergenceWarning, check_gradient, gradient_descent,
                           mean_squared_error, mse_gradient, numerical_gradient, predict)

__all__ = ["TRUE_WEIGHTS", "Table", "article_table", "DescentHistory", "DivergenceWarning",
           "check_gradient", "gradient_descent", "mean_squared_error", "mse_gradient",
           "numerical_gradient", "predict"]
