"""A local simulator of the SailPoint ISC V3 endpoints for password policies, sync groups and sources."""

from .simulator import DEFAULT_SEED, Simulator, __version__, load_seed

__all__ = ["DEFAULT_SEED", "Simulator", "__version__", "load_seed"]
