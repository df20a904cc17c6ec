"""The extractor's version. It keys the extraction cache: bump it whenever a
change to the extraction library changes what it returns. Kept apart from
extractor.py so that reading it does not import spaCy."""

EXTRACTOR_VERSION = "0.21.0"
