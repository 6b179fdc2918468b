"""Plots: each writes a real PNG and a self-contained HTML file that fetches nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import h3
import pandas as pd
import pytest

from sitreps.analysis.network import graph_of
from sitreps.analysis.plots import MapLabel, plot_footprint, plot_format, plot_network, plot_trend
from sitreps.errors import AnalysisError, ConfigError
from sitreps.knowledge.outlines import admin1_lines, country_outlines, known_countries

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_png(path: Path, min_bytes: int = 10_000) -> None:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > min_bytes
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 400 and height > 300


def assert_offline_html(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    assert "plotly.js v" in html  # the library is inline
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, flags=re.IGNORECASE)
    assert "cdn" not in " ".join(re.findall(r"<script[^>]*>", html)).lower()
    # past the inlined library, the figure itself names no remote resource (no topojson, tiles or fonts)
    figure = html[html.rindex("</script>", 0, html.index("Plotly.newPlot")):]
    assert "http://" not in figure and "https://" not in figure and "topojson" not in figure
    # the traces are plain scatter traces on x/y axes: no geo or map trace that could load a base map
    call = figure[figure.index("Plotly.newPlot(") + len("Plotly.newPlot("):]
    decoder = json.JSONDecoder()
    _, at = decoder.raw_decode(call.lstrip())  # the div id
    rest = call.lstrip()[at:].lstrip(" ,\n")
    traces, at = decoder.raw_decode(rest)
    layout, _ = decoder.raw_decode(rest[at:].lstrip(" ,\n"))
    assert traces and {trace.get("type", "scatter") for trace in traces} == {"scatter"}
    assert not {"geo", "map", "mapbox"} & set(layout)
    return figure


def _cells(points: list[tuple[float, float]], resolution: int = 5) -> list[str]:
    return [h3.latlng_to_cell(lat, lon, resolution) for lat, lon in points]


PREVIOUS = _cells([(15.9, 1.5), (16.3, 0.5), (14.9, -1.5)])
CURRENT = _cells([(15.9, 1.5), (14.0, 1.0), (13.0, 3.0)])
LABELS = [MapLabel(text="Menaka", latitude=15.9, longitude=2.4)]


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_plots_footprint_writes_the_file(tmp_path: Path, suffix: str) -> None:
    out = plot_footprint(PREVIOUS, CURRENT, tmp_path / f"map{suffix}", labels=LABELS, title="ISSP")
    if suffix == ".png":
        assert_png(out, 30_000)
    else:
        figure = assert_offline_html(out)
        assert "new in the current window" in figure and "Menaka" in figure
        assert "not in the current window" in figure


def test_plots_footprint_accepts_integer_cells(tmp_path: Path) -> None:
    as_ints = [h3.str_to_int(c) for c in CURRENT]
    assert_png(plot_footprint([], as_ints, tmp_path / "ints.png"))


def test_plots_footprint_rejects_a_bad_cell(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="not an H3 cell"):
        plot_footprint(["nonsense"], CURRENT, tmp_path / "bad.png")


def _trend_table() -> pd.DataFrame:
    rows = []
    for month in range(1, 13):
        for group, scale in (("Mopti", 1), ("Gao", 2)):
            events = scale * (3 + month % 4) + (15 if (group, month) == ("Gao", 9) else 0)
            rows.append({"period": dt.date(2024, month, 1), "group": group, "events": events,
                         "fatalities": 2 * events, "anomaly": (group, month) == ("Gao", 9)})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_plots_trend_writes_the_file(tmp_path: Path, suffix: str) -> None:
    out = plot_trend(_trend_table(), tmp_path / f"trend{suffix}", measure="fatalities", title="By admin1")
    if suffix == ".png":
        assert_png(out)
    else:
        figure = assert_offline_html(out)
        assert "Mopti" in figure and "anomaly" in figure


def test_plots_trend_empty_table_raises(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="empty"):
        plot_trend(pd.DataFrame(columns=["period", "events"]), tmp_path / "t.png")


def _graph():
    edges = pd.DataFrame(
        [("Islamic State Sahel Province", "Military Forces of Mali (2021-)", 12, 140, True),
         ("JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)", 20, 210, True),
         ("Islamic State Sahel Province", "Civilians (Mali)", 15, 180, True),
         ("Wagner Group", "Civilians (Mali)", 7, 90, False)],
        columns=["source", "target", "events", "fatalities", "primary"],
    )
    return graph_of(edges)


@pytest.mark.parametrize("suffix", [".png", ".html"])
def test_plots_network_writes_the_file(tmp_path: Path, suffix: str) -> None:
    out = plot_network(_graph(), tmp_path / f"net{suffix}")
    if suffix == ".png":
        assert_png(out)
    else:
        figure = assert_offline_html(out)
        assert "Wagner Group" in figure and "7 events, 90 fatalities" in figure


def test_plots_network_top_keeps_the_busiest_actors(tmp_path: Path) -> None:
    out = plot_network(_graph(), tmp_path / "net.html", top=2)
    figure = assert_offline_html(out)
    # summed edge events: Mali's forces 32, ISSP 27, civilians 22, JNIM 20, Wagner 7
    assert "Military Forces of Mali" in figure and "Islamic State Sahel Province" in figure
    assert "Wagner Group" not in figure and "Civilians (Mali)" not in figure


def test_plots_network_empty_graph_raises(tmp_path: Path) -> None:
    import networkx as nx

    with pytest.raises(AnalysisError, match="no edge"):
        plot_network(nx.DiGraph(), tmp_path / "n.png")


@pytest.mark.parametrize("name", ["plot.svg", "plot", "plot.PNG.txt"])
def test_plots_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigError, match=r"must be \.png or \.html"):
        plot_format(tmp_path / name)
    with pytest.raises(ConfigError):
        plot_network(_graph(), tmp_path / name)
    assert not (tmp_path / name).exists()


def test_plots_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        plot_network(_graph(), tmp_path / "no" / "such" / "net.png")


def test_plots_outlines_cover_the_sahel_and_neighbours() -> None:
    assert len(known_countries()) == 13
    (mali,) = country_outlines(["Mali"])
    assert mali.iso3 == "MLI" and mali.contains(-8.0, 12.65)  # Bamako
    assert not mali.contains(2.1, 13.5)  # Niamey is in Niger
    (niger,) = country_outlines("ner")
    assert niger.contains(2.1, 13.5)
    assert admin1_lines(["Burkina Faso"]) and len(admin1_lines()) > len(admin1_lines(["Mali"]))


def test_plots_network_layout_parts_actors_on_one_spot() -> None:
    from sitreps.analysis.plots import _spread

    spread = _spread({"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (0.01, 0.0), "far": (5.0, 5.0)}, gap=0.3)
    names = sorted(spread)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            (x1, y1), (x2, y2) = spread[first], spread[second]
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 0.3 - 1e-6, (first, second)
    assert spread["far"] == (5.0, 5.0)
