"""Plots to PNG (matplotlib, Agg) and self-contained HTML (plotly, its JS embedded).

Each plot function takes the data it draws (H3 cells, a trend table, an actor
graph) and a path; the format comes from the extension, ``.png`` or ``.html``.
Maps are drawn on plain longitude/latitude axes with the outlines shipped in
``sitreps.knowledge``, so no tile, topojson or script is fetched, ever.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitreps.errors import AnalysisError, ConfigError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

FORMATS = (".png", ".html")
#: Colours of the footprint map: cells kept from one window to the next, new, and no longer used.
KEPT, NEW, GONE = "#7b6fa8", "#d7301f", "#4a90c2"
_OUTLINE, _ADMIN1 = "#555555", "#b5b5b5"
Lines = list[tuple[list[float], list[float]]]


@dataclass(frozen=True, kw_only=True)
class MapLabel:
    """A name to write on a map at a point (an admin1 region, a town)."""

    text: str
    latitude: float
    longitude: float


def plot_format(path: str | Path) -> str:
    """``png`` or ``html`` from the extension of ``path``; ``ConfigError`` for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(
            f"cannot write {path}: the plot format comes from the extension, "
            f"which must be .png or .html, not {suffix or 'none'!r}"
        )
    return suffix[1:]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _prepare(path: str | Path) -> tuple[Path, str]:
    fmt = plot_format(path)
    target = Path(path)
    if not target.parent.exists():
        raise ConfigError(f"cannot write {path}: the folder {target.parent} does not exist")
    return target, fmt


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _save_png(fig: Any, path: Path) -> Path:
    plt = _pyplot()
    try:
        fig.savefig(path, dpi=110, bbox_inches="tight")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
    return path


def _save_html(fig: Any, path: Path) -> Path:
    html = fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


# -- footprint map --------------------------------------------------------------------------------------


def _cell_rings(cells: Iterable[str | int]) -> list[list[tuple[float, float]]]:
    import h3

    rings = []
    for cell in cells:
        key = format(cell, "x") if isinstance(cell, int) else str(cell)
        try:
            boundary = h3.cell_to_boundary(key)
        except (ValueError, TypeError) as exc:  # h3 raises its own ValueError subclasses
            raise AnalysisError(f"not an H3 cell: {cell!r}") from exc
        ring = [(float(lon), float(lat)) for lat, lon in boundary]
        rings.append([*ring, ring[0]])
    return rings


def _extent(rings: Sequence[Sequence[tuple[float, float]]], labels: Sequence[MapLabel]) -> tuple[float, ...]:
    xs = [x for ring in rings for x, _ in ring] + [label.longitude for label in labels]
    ys = [y for ring in rings for _, y in ring] + [label.latitude for label in labels]
    if not xs:
        return (-12.5, 16.0, 9.0, 25.5)  # Mali, Burkina Faso and Niger
    pad = 1.0
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    # at least four degrees a side, so a single cell still shows where it is
    for low, high in ((0, 1), (2, 3)):
        bounds = [x0, x1, y0, y1]
        if bounds[high] - bounds[low] < 4:
            middle = (bounds[high] + bounds[low]) / 2
            bounds[low], bounds[high] = middle - 2, middle + 2
        x0, x1, y0, y1 = bounds
    return (x0, x1, y0, y1)


def _visible(line: Sequence[tuple[float, float]], extent: tuple[float, ...]) -> bool:
    x0, x1, y0, y1 = extent
    xs = [x for x, _ in line]
    ys = [y for _, y in line]
    return max(xs) >= x0 and min(xs) <= x1 and max(ys) >= y0 and min(ys) <= y1


def _outline_lines(
    countries: Sequence[str] | None, extent: tuple[float, ...]
) -> tuple[Lines, Lines, list[tuple[str, float, float]]]:
    """Country borders, admin1 lines and country name points that fall in ``extent``."""
    from sitreps.knowledge.outlines import admin1_lines, country_outlines

    borders: Lines = []
    names = []
    x0, x1, y0, y1 = extent
    for outline in country_outlines(countries):
        for ring in outline.rings:
            if _visible(ring, extent):
                borders.append(([x for x, _ in ring], [y for _, y in ring]))
        # name the country at the middle of the part of it on the map, if enough of it shows
        grid = [(x0 + (x1 - x0) * (i + 0.5) / 24, y0 + (y1 - y0) * (j + 0.5) / 24) for i in range(24) for j in range(24)]
        seen = [(x, y) for x, y in grid if outline.contains(x, y)]
        if len(seen) >= 12:
            names.append((outline.name, sum(x for x, _ in seen) / len(seen), sum(y for _, y in seen) / len(seen)))
    inner = [([x for x, _ in line], [y for _, y in line]) for line in admin1_lines(countries)
             if _visible(line, extent)]
    return borders, inner, names


def plot_footprint(
    previous: Iterable[str | int],
    current: Iterable[str | int],
    path: str | Path,
    *,
    title: str = "Footprint",
    window_names: tuple[str, str] = ("previous window", "current window"),
    countries: Sequence[str] | None = None,
    labels: Sequence[MapLabel] = (),
) -> Path:
    """Two maps side by side: the H3 cells of the previous window and of the current one.

    Cells are coloured by what happened to them: kept in both windows, new in the
    current one, or no longer used (shown on the previous map).  Country and admin1
    outlines of ``countries`` (default: every country that ships) are drawn
    underneath, and ``labels`` are written on both maps.
    """
    target, fmt = _prepare(path)
    before = {format(c, "x") if isinstance(c, int) else str(c) for c in previous}
    after = {format(c, "x") if isinstance(c, int) else str(c) for c in current}
    groups = {
        "kept": _cell_rings(sorted(before & after)),
        "new": _cell_rings(sorted(after - before)),
        "gone": _cell_rings(sorted(before - after)),
    }
    extent = _extent([r for rings in groups.values() for r in rings], labels)
    panels = [
        (f"{window_names[0]}: {_count(len(before), 'cell')}", [("kept", KEPT), ("gone", GONE)]),
        (f"{window_names[1]}: {_count(len(after), 'cell')}", [("kept", KEPT), ("new", NEW)]),
    ]
    outlines = _outline_lines(countries, extent)
    if fmt == "png":
        return _footprint_png(target, title, panels, groups, extent, outlines, labels)
    return _footprint_html(target, title, panels, groups, extent, outlines, labels)


_CELL_NAMES = {"kept": "in both windows", "new": "new in the current window", "gone": "not in the current window"}


def _footprint_png(target: Path, title: str, panels: Any, groups: Any, extent: Any, outlines: Any,
                   labels: Sequence[MapLabel]) -> Path:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Patch, Polygon

    plt = _pyplot()
    borders, inner, names = outlines
    x0, x1, y0, y1 = extent
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))
    # size the figure to the map so that neither a tall nor a wide extent leaves empty bands
    panel = 6.2  # inches of map width a panel
    map_height = min(11.0, max(3.0, panel * (y1 - y0) * aspect / (x1 - x0)))
    top, bottom = 0.85, 1.0  # inches above (titles) and below (axis label, legend)
    height = map_height + top + bottom
    fig, axes = plt.subplots(1, 2, figsize=(2 * panel + 1.4, height), sharex=True, sharey=True)
    fig.subplots_adjust(left=0.7 / (2 * panel + 1.4), right=1 - 0.2 / (2 * panel + 1.4), wspace=0.06,
                        top=1 - top / height, bottom=bottom / height)
    for ax, (heading, kinds) in zip(axes, panels, strict=True):
        ax.add_collection(LineCollection([list(zip(xs, ys, strict=True)) for xs, ys in inner],
                                         colors=_ADMIN1, linewidths=0.5, zorder=1))
        ax.add_collection(LineCollection([list(zip(xs, ys, strict=True)) for xs, ys in borders],
                                         colors=_OUTLINE, linewidths=1.1, zorder=2))
        for kind, colour in kinds:
            for ring in groups[kind]:
                ax.add_patch(Polygon(ring, closed=True, facecolor=colour, edgecolor="white",
                                     linewidth=0.3, alpha=0.85, zorder=3))
        for name, x, y in names:
            if x0 < x < x1 and y0 < y < y1:
                ax.text(x, y, name.upper(), color="#888888", fontsize=9, ha="center", zorder=4)
        for label in labels:
            ax.plot(label.longitude, label.latitude, "o", color="black", markersize=2.5, zorder=5)
            ax.annotate(label.text, (label.longitude, label.latitude), xytext=(3, 3),
                        textcoords="offset points", fontsize=7.5, zorder=5)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(aspect)
        ax.set_title(heading, fontsize=11)
        ax.set_xlabel("longitude")
        ax.tick_params(labelsize=8)
    axes[0].set_ylabel("latitude")
    legend = [Patch(facecolor=colour, label=_CELL_NAMES[kind]) for kind, colour in
              (("kept", KEPT), ("new", NEW), ("gone", GONE))]
    fig.legend(handles=legend, loc="lower center", ncol=3, frameon=False, fontsize=9)
    fig.suptitle(title, fontsize=13, y=1 - 0.12 / height)
    axes[1].text(1.0, -0.1, "Outlines: Natural Earth (public domain)", transform=axes[1].transAxes,
                 ha="right", va="top", fontsize=7, color="#888888")
    return _save_png(fig, target)


def _joined(rings: Iterable[Sequence[tuple[float, float]]]) -> tuple[list[float | None], list[float | None]]:
    """The rings as one x list and one y list, separated by ``None`` (plotly draws each apart)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs.extend([x for x, _ in ring] + [None])
        ys.extend([y for _, y in ring] + [None])
    return xs, ys


def _footprint_html(target: Path, title: str, panels: Any, groups: Any, extent: Any, outlines: Any,
                    labels: Sequence[MapLabel]) -> Path:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    borders, inner, _ = outlines
    x0, x1, y0, y1 = extent
    fig = make_subplots(rows=1, cols=2, subplot_titles=[heading for heading, _ in panels],
                        horizontal_spacing=0.04)
    inner_xy = _joined([list(zip(xs, ys, strict=True)) for xs, ys in inner])
    border_xy = _joined([list(zip(xs, ys, strict=True)) for xs, ys in borders])
    shown: set[str] = set()
    for col, (_, kinds) in enumerate(panels, start=1):
        fig.add_trace(go.Scatter(x=inner_xy[0], y=inner_xy[1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": _ADMIN1, "width": 0.6}), row=1, col=col)
        fig.add_trace(go.Scatter(x=border_xy[0], y=border_xy[1], mode="lines", hoverinfo="skip",
                                 showlegend=False, line={"color": _OUTLINE, "width": 1.2}), row=1, col=col)
        for kind, colour in kinds:
            if not groups[kind]:
                continue
            xs, ys = _joined(groups[kind])
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour, line={"color": "white", "width": 0.4},
                name=_CELL_NAMES[kind], legendgroup=kind, showlegend=kind not in shown, hoverinfo="name",
            ), row=1, col=col)
            shown.add(kind)
        if labels:
            fig.add_trace(go.Scatter(
                x=[lab.longitude for lab in labels], y=[lab.latitude for lab in labels], mode="markers+text",
                text=[lab.text for lab in labels], textposition="top right", showlegend=False,
                marker={"color": "black", "size": 4}, textfont={"size": 10},
            ), row=1, col=col)
    aspect = 1 / math.cos(math.radians((y0 + y1) / 2))
    # both maps pan and zoom together; the first keeps degrees of longitude and latitude to scale
    fig.update_xaxes(range=[x0, x1], title_text="longitude", showgrid=False, zeroline=False)
    fig.update_yaxes(range=[y0, y1], showgrid=False, zeroline=False)
    fig.update_yaxes(title_text="latitude", scaleanchor="x", scaleratio=aspect, row=1, col=1)
    fig.update_xaxes(matches="x", row=1, col=2)
    fig.update_yaxes(matches="y", row=1, col=2)
    fig.update_layout(title=title, template="plotly_white", height=620,
                      legend={"orientation": "h", "y": -0.12},
                      annotations=[*fig.layout.annotations, {
                          "text": "Outlines: Natural Earth (public domain)", "showarrow": False,
                          "xref": "paper", "yref": "paper", "x": 1, "y": -0.2, "font": {"size": 9}}])
    return _save_html(fig, target)


# -- trend chart ----------------------------------------------------------------------------------------


def _trend_series(frame: pd.DataFrame, measure: str, top: int) -> tuple[pd.DataFrame, list[str]]:
    """The wide table (one column a group, indexed by period) of the ``top`` groups with the most ``measure``."""
    if frame.empty:
        raise AnalysisError("nothing to plot: the trend table is empty")
    for column in ("period", measure):
        if column not in frame.columns:
            raise AnalysisError(f"the trend table has no column {column!r}")
    data = frame.copy()
    if "group" not in data.columns:
        data["group"] = measure
    data["group"] = data["group"].astype(str)
    totals = data.groupby("group")[measure].sum().sort_values(ascending=False, kind="stable")
    groups = [str(g) for g in totals.index[:top]]
    wide = (data[data["group"].isin(groups)]
            .pivot_table(index="period", columns="group", values=measure, aggfunc="sum", fill_value=0)
            .sort_index())
    return wide, groups


def _anomalies(frame: pd.DataFrame, measure: str, groups: list[str]) -> pd.DataFrame:
    if "anomaly" not in frame.columns:
        return frame.iloc[0:0]
    flagged = frame[frame["anomaly"].fillna(False).astype(bool)]
    if "group" in flagged.columns:
        flagged = flagged[flagged["group"].astype(str).isin(groups)]
    return flagged


def plot_trend(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    measure: str = "events",
    title: str = "Trend",
    top: int = 8,
) -> Path:
    """Lines of ``measure`` per period, one a group, with flagged periods marked.

    ``frame`` is the table of ``sitreps.analysis.trends.trends``: ``period``,
    ``measure`` (``events`` or ``fatalities``), optionally ``group`` (only the
    ``top`` groups with the largest total are drawn) and ``anomaly`` (marked
    with a red ring).
    """
    target, fmt = _prepare(path)
    wide, groups = _trend_series(frame, measure, top)
    flagged = _anomalies(frame, measure, groups)
    several = len(groups) > 1
    if fmt == "png":
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(11, 5))
        for group in groups:
            ax.plot(wide.index, wide[group], marker="o", markersize=3, linewidth=1.6,
                    label=_short(group, 40))
        if not flagged.empty:
            ax.scatter(flagged["period"], flagged[measure], s=90, facecolors="none", edgecolors="#d7301f",
                       linewidths=1.6, zorder=5, label="anomaly")
        ax.set_title(title)
        ax.set_xlabel("period")
        ax.set_ylabel(measure)
        ax.grid(alpha=0.3)
        if several or not flagged.empty:
            ax.legend(fontsize=8, loc="upper left")
        fig.autofmt_xdate()
        return _save_png(fig, target)
    import plotly.graph_objects as go

    traces = [go.Scatter(x=list(wide.index), y=list(wide[g]), mode="lines+markers", name=_short(g, 40))
              for g in groups]
    if not flagged.empty:
        traces.append(go.Scatter(
            x=list(flagged["period"]), y=list(flagged[measure]), mode="markers", name="anomaly",
            marker={"size": 14, "color": "rgba(0,0,0,0)", "line": {"color": "#d7301f", "width": 2}},
            text=list(flagged["group"]) if "group" in flagged.columns else None,
        ))
    fig = go.Figure(traces)
    fig.update_layout(title=title, template="plotly_white", xaxis_title="period", yaxis_title=measure,
                      showlegend=several or not flagged.empty)
    return _save_html(fig, target)


# -- network graph --------------------------------------------------------------------------------------


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _top_subgraph(graph: nx.DiGraph, top: int) -> nx.DiGraph:
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("events", 0), str(n)))
    return graph.subgraph(ranked[:top]).copy()


def _spread(position: dict[Any, Any], gap: float, rounds: int = 60) -> dict[Any, tuple[float, float]]:
    """Push apart nodes closer than ``gap`` (actors with the same partners land on one spot otherwise)."""
    points = {node: [float(xy[0]), float(xy[1])] for node, xy in position.items()}
    nodes = sorted(points, key=str)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for k, b in enumerate(nodes[i + 1:], start=i + 1):
                dx, dy = points[b][0] - points[a][0], points[b][1] - points[a][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                if distance < 1e-9:  # on top of each other: part them along a fixed direction
                    angle = 2.399963 * k
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (gap - min(distance, gap)) / 2
                ux, uy = dx / distance, dy / distance
                points[a][0] -= ux * push
                points[a][1] -= uy * push
                points[b][0] += ux * push
                points[b][1] += uy * push
                moved = True
        if not moved:
            break
    return {node: (xy[0], xy[1]) for node, xy in points.items()}


def plot_network(graph: nx.DiGraph, path: str | Path, *, title: str = "Actor network", top: int = 30,
                 seed: int = 7) -> Path:
    """The actor graph of ``network.actor_network``: nodes sized by events, edges by events and fatalities.

    Only the ``top`` actors with the most events are drawn; the layout is a
    seeded spring layout, so the same graph gives the same picture.
    """
    import networkx as nx

    target, fmt = _prepare(path)
    if graph.number_of_nodes() == 0:
        raise AnalysisError("nothing to plot: the actor network has no edge")
    shown = _top_subgraph(graph, top)
    # unweighted, so that busy pairs do not collapse onto each other
    position = nx.spring_layout(shown, seed=seed, weight=None, k=2.2 / math.sqrt(max(len(shown), 1)), iterations=200)
    position = _spread(position, gap=0.9 / math.sqrt(max(len(shown), 1)))
    events = [shown.nodes[n].get("events", 1) for n in shown.nodes]
    largest = max(events) or 1
    weights = [shown.edges[e].get("events", 1) for e in shown.edges]
    heaviest = max(weights, default=1) or 1
    if fmt == "png":
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(12, 9))
        nx.draw_networkx_edges(
            shown, position, ax=ax, width=[0.6 + 4 * w / heaviest for w in weights],
            edge_color=[math.log1p(shown.edges[e].get("fatalities", 0)) for e in shown.edges],
            edge_cmap=plt.get_cmap("Reds"), edge_vmin=-1, alpha=0.75, arrows=True, arrowsize=12,
            connectionstyle="arc3,rad=0.08", node_size=[120 + 1400 * e / largest for e in events],
        )
        nx.draw_networkx_nodes(shown, position, ax=ax, node_size=[120 + 1400 * e / largest for e in events],
                               node_color="#9ecae1", edgecolors="#3182bd")
        nx.draw_networkx_labels(shown, position, ax=ax, labels={n: _short(str(n)) for n in shown.nodes},
                                font_size=8)
        ax.set_title(f"{title}\nnode size: events; edge width: events; edge colour: fatalities", fontsize=11)
        ax.axis("off")
        return _save_png(fig, target)
    import plotly.graph_objects as go

    traces = []
    for source, target_node, data in shown.edges(data=True):
        (sx, sy), (tx, ty) = position[source], position[target_node]
        traces.append(go.Scatter(
            x=[sx, tx], y=[sy, ty], mode="lines", showlegend=False, hoverinfo="text",
            text=f"{source} → {target_node}: {data.get('events', 0)} events, {data.get('fatalities', 0)} fatalities",
            line={"width": 0.8 + 5 * data.get("events", 1) / heaviest, "color": "rgba(200,60,40,0.55)"},
        ))
    nodes = list(shown.nodes)
    traces.append(go.Scatter(
        x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes], mode="markers+text",
        text=[_short(str(n)) for n in nodes], textposition="top center", showlegend=False,
        hovertext=[f"{n}: {shown.nodes[n].get('events', 0)} events, {shown.nodes[n].get('fatalities', 0)} fatalities"
                   for n in nodes], hoverinfo="text",
        marker={"size": [10 + 40 * e / largest for e in events], "color": "#9ecae1",
                "line": {"color": "#3182bd", "width": 1}},
    ))
    fig = go.Figure(traces)
    arrows = [{
        "x": position[t][0], "y": position[t][1], "ax": position[s][0], "ay": position[s][1],
        "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2,
        "arrowsize": 1, "arrowwidth": 1, "arrowcolor": "rgba(200,60,40,0.6)", "standoff": 8, "text": "",
    } for s, t in shown.edges]
    fig.update_layout(title=title, template="plotly_white", annotations=arrows, height=760,
                      xaxis={"visible": False}, yaxis={"visible": False})
    return _save_html(fig, target)


# -- from the store to a file ---------------------------------------------------------------------------


def _admin1_labels(source: Any, names: Sequence[str], since: Any, until: Any,
                   country: str | None) -> list[MapLabel]:
    """A label at the mean position of the actor's events in each admin1 of the two windows."""
    from sitreps.analysis._base import actor_clause, connection_of, query, scope_filter, where

    match, params = actor_clause(list(names))
    scope, scope_params = scope_filter(country)
    rows = query(
        connection_of(source),
        "SELECT admin1, avg(latitude), avg(longitude) FROM events "
        f"{where([match, *scope, 'event_date BETWEEN ? AND ?', 'admin1 IS NOT NULL', 'latitude IS NOT NULL'])} "
        "GROUP BY admin1 ORDER BY admin1",
        [*params, *scope_params, since, until],
    ).fetchall()
    return [MapLabel(text=str(name), latitude=float(lat), longitude=float(lon)) for name, lat, lon in rows]


def footprint_map(source: Any, actor: str, path: str | Path, *, country: str | None = None,
                  window: str = "12m", end: Any = None, resolution: int = 5) -> Any:
    """Compute ``actor``'s footprint (``sitreps.analysis.footprint``) and draw it to ``path``; returns it."""
    from sitreps.analysis.footprint import footprint

    plot_format(path)
    found = footprint(source, actor, country=country, window=window, end=end, resolution=resolution, draws=0)
    current, previous = found.current, found.previous
    labels = _admin1_labels(source, found.names, previous.start, current.end, country)
    plot_footprint(
        previous.cells, current.cells, path, countries=None, labels=labels,
        title=f"{found.actor}{' in ' + country if country else ''}: footprint over {found.window} "
              f"(H3 resolution {found.resolution})",
        window_names=(f"{previous.start} to {previous.end}", f"{current.start} to {current.end}"),
    )
    return found


def trend_chart(source: Any, path: str | Path, *, measure: str = "events", top: int = 8, **query: Any) -> pd.DataFrame:
    """Count events (``sitreps.analysis.trends.trends`` with ``query``) and draw them to ``path``; returns the table."""
    from sitreps.analysis.trends import trends

    plot_format(path)
    if measure not in ("events", "fatalities"):
        raise AnalysisError(f"a trend measures events or fatalities, not {measure!r}")
    table = trends(source, **query)
    by = query.get("by")
    scope = ", ".join(str(query[k]) for k in ("admin1", "country") if query.get(k))
    title = f"{measure.capitalize()} by {query.get('freq', 'month')}{' and ' + by if by else ''}"
    plot_trend(table, path, measure=measure, top=top, title=title + (f" in {scope}" if scope else ""))
    return table


def network_chart(source: Any, path: str | Path, *, top: int = 30, **query: Any) -> Any:
    """Build the actor network (``sitreps.analysis.network.actor_network`` with ``query``) and draw it."""
    from sitreps.analysis.network import actor_network

    plot_format(path)
    network = actor_network(source, **query)
    scope = [f"around {query['actor']}" if query.get("actor") else "",
             f"in {query['country']}" if query.get("country") else "",
             f"from {query['since']}" if query.get("since") else "", f"to {query['until']}" if query.get("until") else ""]
    title = " ".join(["Actor network", *[s for s in scope if s]])
    plot_network(network.graph, path, top=top, title=title)
    return network
