"""pocketpress: multilingual pocket pamphlets from YAML and Markdown to print PDF and EPUB."""

__version__ = "0.1.0"

import os

# pocketpress uses no pydantic plugins: skip their search through every installed package (20 ms a start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
