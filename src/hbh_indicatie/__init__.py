"""hbh-indicatie: een uitlegbare indicatie voor hulp bij het huishouden (Wmo).

The public API is re-exported from :mod:`hbh_indicatie.api`.
"""

from hbh_indicatie.version import ENGINE_VERSION, __version__

__all__ = ["ENGINE_VERSION", "__version__"]
