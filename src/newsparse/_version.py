"""The one place the version is defined."""

__version__ = "0.2.0"
"""The version of newsparse, as installed (``newsparse --version`` prints it)."""
