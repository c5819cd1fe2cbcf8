"""Charts as SVG drawn on the server by pygal: no JavaScript, numbers also in a table."""

import pygal
from lxml import etree
from pygal.style import Style

# Big type and strong contrast: the chart is read on a projector at the back of a class.
PROJECTOR = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1a1a1a",
    foreground_strong="#000000", foreground_subtle="#4d4d4d", colors=("#1f5fa8",),
    font_family="DejaVu Sans, Arial, sans-serif", opacity="1", opacity_hover=".85",
    label_font_size=18, major_label_font_size=18, value_font_size=18, title_font_size=24,
    legend_font_size=18,
    value_label_font_size=18, tooltip_font_size=18,
)


def distribution_svg(title, bins):
    """Return an SVG bar chart (bytes) of how many attempts fall in each score band."""
    chart = pygal.Bar(
        style=PROJECTOR, width=900, height=480, show_legend=False, title=title,
        x_title="Score (%)", y_title="Attempts", print_values=True, js=[],
        x_label_rotation=0, truncate_label=-1, min_scale=1, max_scale=10, order_min=0)
    chart.x_labels = [label for label, _count in bins]
    chart.add("Attempts", [count for _label, count in bins])
    return _without_scripts(chart.render_tree())


def _without_scripts(tree):
    """Serialise the chart without pygal's tooltip script: the picture needs none."""
    for script in list(tree.iter("{*}script")):
        script.getparent().remove(script)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")
