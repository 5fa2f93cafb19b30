"""worksample: grade hiring take-homes and work samples from the command line.

Plugins import the hook marker from here: ``from worksample import hookimpl``.
"""

from worksample.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__"]
