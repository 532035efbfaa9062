"""pocketpress: multilingual pocket pamphlets from YAML and Markdown to print PDF and EPUB."""

__version__ = "0.1.0"
