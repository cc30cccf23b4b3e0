"""Who said what: quotes and their speakers in Russian news text."""

__version__ = "0.1.0"
