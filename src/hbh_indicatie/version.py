"""Engine version, stamped on every indication."""

__version__ = "0.1.0"
ENGINE_VERSION = __version__
