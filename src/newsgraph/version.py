"""The package version (its own module, so any layer may read it without importing the
package facade in newsgraph/__init__.py)."""
__version__ = "0.1.0"
