"""stdgap: the Standardization Gap Observatory."""

__version__ = "0.1.0"
