"""Stage 7: the ``aikg`` command. One module per sub-command; each registers its own options."""

from .main import main

__all__ = ["main"]
