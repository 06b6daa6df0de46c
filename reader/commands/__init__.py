"""Headless subcommands of the `bayan` command line, one module each."""
