"""Charts as a reader sees them: styles, drawing and font checks."""

from briefing.render.charts.draw import draw, draw_charts, draw_figure
from briefing.render.charts.fonts import check_glyphs
from briefing.render.charts.layout import layout_problems
from briefing.render.charts.style import STYLE_FILE, ChartStyle, load_style, read_style_file

__all__ = ["STYLE_FILE", "ChartStyle", "check_glyphs", "draw", "draw_charts", "draw_figure", "layout_problems",
           "load_style", "read_style_file"]
