"""Server-rendered SVG charts for the statistics page: no JavaScript, no CDN, readable by a
screen reader through the table next to each chart."""

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 720, 220, 32


@dataclass
class DayChart:
    width: int
    height: int
    views_points: str
    visitors_points: str
    max_value: int
    grid: list
    labels: list


def day_chart(rows):
    """rows: [(day, views, visitors)] in order; two polylines and a y grid."""
    top = max([1] + [max(views, visitors) for _day, views, visitors in rows])
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(1, len(rows) - 1)

    def point(index, value):
        x = PAD + index * step
        y = PAD + inner_h - inner_h * value / top
        return f"{x:.1f},{y:.1f}"

    views = " ".join(point(i, row[1]) for i, row in enumerate(rows))
    visitors = " ".join(point(i, row[2]) for i, row in enumerate(rows))
    grid = [
        {"y": round(PAD + inner_h - inner_h * fraction, 1), "value": round(top * fraction)}
        for fraction in (0, 0.5, 1)
    ]
    every = max(1, len(rows) // 6)
    labels = [
        {"x": round(PAD + i * step, 1), "text": row[0].strftime("%d.%m")}
        for i, row in enumerate(rows)
        if i % every == 0
    ]
    return DayChart(WIDTH, HEIGHT, views, visitors, top, grid, labels)


def bars(items, width=360):
    """items: [(label, views)] -> with the bar length of each, for horizontal bar charts."""
    top = max([1] + [views for _label, views in items])
    return [
        {"label": label, "views": views, "length": max(1, round(width * views / top))}
        for label, views in items
    ]
