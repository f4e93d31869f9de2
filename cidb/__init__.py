"""cidb: the Cyber Incident Database."""

__version__ = "0.1.0"
