"""The pure SVG renderers: well-formed, accessible, scaled and escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cidb.stats import svg

NS = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # raises on malformed XML


def test_bar_chart_is_an_accessible_scaled_image():
    root = parse(
        svg.bar_chart(
            [
                svg.Bar("Sweden", 40, "#123456", "/stats/?country=SE"),
                svg.Bar("Norway", 10, "#123456"),
            ],
            title="Countries",
            description="50 incidents by country",
        )
    )
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 520 ")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title.text == "Countries" and desc.text == "50 incidents by country"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[0] == 4 * widths[1]  # proportional to the values
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts == ["Sweden", "40", "Norway", "10"]
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert links == ["/stats/?country=SE"]


def test_labels_are_escaped():
    markup = svg.bar_chart([svg.Bar("<script>x</script> & co", 1, "#000")], title="a<b",
                           description='"quoted"')  # fmt: skip
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    parse(markup)


def test_empty_bar_chart_says_so():
    assert "No incidents" in svg.bar_chart([], title="t", description="d")


def test_timeline_stacks_series_and_labels_ticks():
    buckets = ["2024-01", "2024-02", "2024-03"]
    series = [svg.Series("Ransomware", "#c00", [1, 0, 3]), svg.Series("DDoS", "#00c", [1, 2, 1])]
    root = parse(svg.timeline(buckets, {0: "Jan 2024"}, series, title="t", description="d"))
    bars = [r for r in root.iter(f"{NS}rect")]
    assert len(bars) == 5  # zero values draw nothing
    tooltips = {r.find(f"{NS}title").text for r in bars}
    assert "2024-03 · Ransomware: 3" in tooltips
    heights = {r.find(f"{NS}title").text: float(r.get("height")) for r in bars}
    # The tallest column (4) defines the scale; a column of 2 is half as tall in total.
    assert heights["2024-02 · DDoS: 2"] == heights["2024-03 · Ransomware: 3"] * 2 / 3
    assert "Jan 2024" in [t.text for t in root.iter(f"{NS}text")]


def test_axis_steps_are_whole_and_round():
    assert [svg.nice_step(v) for v in (0, 1, 4, 7, 11, 180, 2400)] == [1, 1, 1, 2, 5, 50, 1000]


def test_small_counts_get_whole_number_ticks():
    markup = svg.timeline(["2024-01"], {}, [svg.Series("DDoS", "#00c", [1])], title="t",
                          description="d")  # fmt: skip
    labels = [t.text for t in parse(markup).iter(f"{NS}text")]
    assert labels == ["0", "1"]


def test_share_bars_split_a_row_by_parts():
    parts = [svg.Part("Affected", 3, "#c00"), svg.Part("Unknown", 1, "#ccc")]
    root = parse(svg.share_bars([("Integrity", parts)], title="t", description="d"))
    titles = [
        r.find(f"{NS}title").text
        for r in root.iter(f"{NS}rect")
        if r.find(f"{NS}title") is not None
    ]
    assert titles == ["Integrity · Affected: 3 (75%)", "Integrity · Unknown: 1 (25%)"]


def test_heatmap_shades_by_count_and_links_cells():
    columns = [
        ("Initial Access", [svg.Cell("T1566", "T1566 Phishing", 10, "/techniques/T1566/")]),
        ("Impact", [svg.Cell("T1486", "T1486 Data Encrypted for Impact", 1, "/techniques/T1486/")]),
    ]
    root = parse(svg.heatmap(columns, title="t", description="d"))
    fills = [r.get("fill") for a in root.iter(f"{NS}a") for r in a.iter(f"{NS}rect")]
    assert fills[0] == svg.shade(10, 10) == "#08306b"  # the most used is darkest
    assert fills[1] == svg.shade(1, 10) != fills[0]
    assert [a.get("href") for a in root.iter(f"{NS}a")] == [
        "/techniques/T1566/",
        "/techniques/T1486/",
    ]
    # No inline style (the CSP forbids it): the stylesheet widens it on phones by class.
    assert root.get("style") is None and root.get("class") == "chart heatmap"


def test_heatmap_fits_fourteen_tactics_and_marks_the_used_ones():
    columns = [(f"Tactic {i}", []) for i in range(13)]
    columns.append(("Impact", [svg.Cell("T1486", "T1486 Data Encrypted for Impact", 2)]))
    root = parse(svg.heatmap(columns, title="t", description="d"))
    width = float(root.get("viewBox").split()[2])
    assert width <= 1120  # the card is about 1,120 px wide on a 1280 px page
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts.count("none") == 13 and "1 technique" in texts
    backgrounds = [r.get("fill") for r in root.findall(f"{NS}rect")]
    assert backgrounds[-1] != backgrounds[0]  # the tactic with a technique is tinted


def test_heatmap_caps_long_columns():
    cells = [svg.Cell(f"T{1000 + i}", f"T{1000 + i} Name", 20 - i) for i in range(18)]
    markup = svg.heatmap([("Execution", cells)], title="t", description="d", limit=15)
    assert "+ 3 more" in markup
    assert "T1014" in markup and "T1015" not in markup


def test_text_colour_contrasts_with_the_cell():
    assert svg._ink(svg.shade(10, 10)) == "#ffffff"
    assert svg._ink(svg.shade(1, 1000)) != "#ffffff"


def test_timeline_of_one_month_is_a_slim_centred_column():
    series = [svg.Series("Ransomware", "#c00", [3])]
    root = parse(svg.timeline(["2024-05"], {0: "May 2024"}, series, title="t", description="d",
                              width=480))  # fmt: skip
    (column,) = [r for r in root.iter(f"{NS}rect") if r.get("fill") == "#c00"]
    x, w = float(column.get("x")), float(column.get("width"))
    assert w <= 60  # not a block filling the chart
    assert abs((x + w / 2) - (56 + (480 - 56 - 12) / 2)) < 1  # centred in the plot
    assert "May 2024" in [t.text for t in root.iter(f"{NS}text")]
