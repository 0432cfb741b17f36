"""briefing: official texts and statistics in, a Word briefing and a Markdown digest out."""

__version__ = "0.1.0"
