"""Lazy public names for a package (PEP 562), shared by medialit and medialit.widgets."""

from importlib import import_module

__all__ = ["lazy_exports"]


def lazy_exports(package: str, public: dict, namespace: dict):
    """Return ``__getattr__`` and ``__dir__`` that load ``public`` names on first use.

    Args:
        package: the package's dotted name, e.g. "medialit".
        public: public name -> module inside the package that defines it (or a full
            dotted name starting with "medialit." for a module elsewhere in the package).
        namespace: the package's ``globals()``; a loaded name is cached there.
    """

    def __getattr__(name):
        try:
            module = public[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        full = module if module.startswith("medialit.") else f"{package}.{module}"
        value = getattr(import_module(full), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(set(namespace) | set(public))

    return __getattr__, __dir__
