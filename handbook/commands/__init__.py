"""Subcommands of `handbook` that live in their own modules.

Every module in this package is imported by handbook/cli.py when the command
line is parsed; a module registers its subcommands with `handbook.cli.command`.
"""
