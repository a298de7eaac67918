"""telex: from raw news pages to who did what to whom, when, where, and who said what."""

__version__ = "0.1.0"
