"""`handbook wording`: registered by handbook/wording/command.py (importing it is enough)."""
from ..wording import command  # noqa: F401
