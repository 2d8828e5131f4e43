"""Rules across data files that a JSON Schema cannot state (offsets, ids)."""
from __future__ import annotations

__all__ = ["cross_checks"]


def cross_checks(documents: dict) -> list[str]:
    """Check the rules that span files; one message per problem, naming file and item.

    Args:
        documents: data file name -> parsed content, for every file that
            passed its schema.
    """
    return []
