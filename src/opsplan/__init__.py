"""opsplan: operating plans for shops on Chinese content-commerce platforms."""

__version__ = "0.1.0"
