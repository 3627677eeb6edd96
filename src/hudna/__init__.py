"""hudna: monitoring ceasefires in armed conflicts.

The public API is small on purpose; services are the library's use cases.
"""

from hudna.errors import DataError, HudnaError, NotFound

__version__ = "0.1.0.dev0"

__all__ = ["DataError", "HudnaError", "NotFound", "__version__"]
