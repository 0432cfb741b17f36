"""The model: the only thing the stages share.

Every stage takes these objects and returns these objects; none of them reads
the config file or prints. `from briefing.model import Document, Directive, …`.
"""

from briefing.model.analysis import (Analysis, Chart, ChartPlan, Directive, Indicator, Narrative, Panel, Point,
                                     Series, SummaryCandidate)
from briefing.model.briefing import (AUDIENCE_KEYS, DEFAULT_FORMATS, FORMATS, SUMMARY_CHARS, Audience, Briefing, Changes,
                                     Revised)
from briefing.model.config import (FEED_EXTENSIONS, Config, ConfigPlace, InputLimits, Limits, Query, SourceSpec, TableLayout,
                                   TableSpec)
from briefing.model.document import Document, Paragraph, Repair, SourceFailure

__all__ = ["AUDIENCE_KEYS", "DEFAULT_FORMATS", "FORMATS", "FEED_EXTENSIONS", "SUMMARY_CHARS", "Analysis", "Audience", "Briefing", "Changes", "Chart", "ChartPlan", "Config", "ConfigPlace", "Directive", "Document", "Indicator", "Paragraph",
           "InputLimits", "Limits", "Narrative", "Panel", "Point", "Query", "Repair", "Revised", "Series", "SourceFailure", "SourceSpec", "SummaryCandidate", "TableLayout",
           "TableSpec"]
