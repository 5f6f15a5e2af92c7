"""The exception hierarchy and warning codes.

Library code raises; only the batch runner catches broadly and turns an exception into the
document's ``error`` object (STYLE P7).  Conditions that are odd but not fatal are coded
warnings in a document's ``warnings`` list: W101 undecodable bytes replaced, W102 encoding
detected (not UTF-8), W201 ambiguous place name.
"""

from __future__ import annotations

__all__ = ["RenewieError", "ReadError", "LexiconError", "InputError"]


class RenewieError(Exception):
    """Base class of every error renewie raises on purpose."""


class ReadError(RenewieError):
    """A document could not be read or decoded; carries the source name and the reason."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class LexiconError(RenewieError):
    """A lexicon file is missing or malformed."""


class InputError(RenewieError):
    """A caller passed something renewie cannot work with (a bad option, a bad gold file)."""
