"""Kuzet: structured records of political persecution from human-rights chronicles."""

__version__ = "0.1.0"
