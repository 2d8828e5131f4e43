"""Where the course's files are: the data folder and, in a checkout, the repository.

This is the lowest layer: it imports nothing from the package. The data
folder is found in this order:

1. ``$MEDIALIT_DATA`` when set (tests, the student bundle, a teacher's copy);
2. ``medialit/data`` inside an installed wheel (package data, read through
   ``importlib.resources``);
3. ``data/`` beside the package in a checkout of the repository.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["data_dir", "checkout_root", "require_checkout"]

#: a file every data folder holds; used to recognise one
_MARKER = "course.toml"


def data_dir() -> Path:
    """Return the course's data folder (see the module docstring for the order).

    Returns:
        The folder; it may lack files when ``$MEDIALIT_DATA`` points somewhere odd.
    """
    override = os.environ.get("MEDIALIT_DATA")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("medialit"))) / "data"
    if (packaged / _MARKER).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def checkout_root() -> Path | None:
    """Return the repository folder when the package runs from a checkout, else None."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "solutions").is_dir():
        return root
    return None


def require_checkout(what: str) -> Path:
    """Return the repository folder, or explain that ``what`` needs a checkout.

    Args:
        what: the task, for the message (e.g. "making the exercises").

    Raises:
        RuntimeError: the package is installed from a wheel, not run from a checkout.
    """
    root = checkout_root()
    if root is None:
        raise RuntimeError(
            f"{what} needs a checkout of the course repository (lessons/, solutions/); "
            "this medialit is installed as a package. Clone the repository and run it there."
        )
    return root
