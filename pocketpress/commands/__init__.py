"""The commands of `pocketpress`: one module each, with its argparse set-up and what it prints.

The pipeline below (build, status, importers, printing, ...) returns data; only these
modules and cli.py write to the terminal.
"""
