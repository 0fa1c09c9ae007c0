"""A local simulator of the SailPoint ISC V3 endpoints for password policies, sync groups and sources."""

from .simulator import Simulator, __version__

__all__ = ["Simulator", "__version__"]
