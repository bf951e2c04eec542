"""Helpers shared by the widget tests: find the parts of a widget without a browser."""

# matplotlib's warning for a character its fonts cannot draw ("Glyph 12354 (...) missing from
# font(s) DejaVu Sans."): tests turn this one warning into an error, not the deprecation
# warnings older matplotlib versions give with newer pyparsing
MISSING_GLYPH = r"Glyph .* missing from"


def widget_tree(view):
    """The widget `view` and every widget inside it, depth first."""
    yield view
    for child in getattr(view, "children", ()):
        yield from widget_tree(child)


def part(view, css_class):
    """The first widget in `view` with the class `css_class` (StopIteration if there is none)."""
    return next(w for w in widget_tree(view) if css_class in w._dom_classes)
