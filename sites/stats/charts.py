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


def _ticks(top):
    """Three or more distinct whole-number gridlines from 0 to at least `top`."""
    step = 1
    while top / step > 4:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 4:
                break
    return list(range(0, max(top, 1) + step, step))[: int(max(top, 1) / step) + 2]


def day_chart(rows):
    """rows: [(day, views, visitors)] in order; two polylines, a y grid of distinct whole
    numbers and x labels with the day (dd.mm). Coordinates are strings with a dot: a number
    given to the template would be localised (kk and ru write 32,5) and break the SVG."""
    ticks = _ticks(max([0] + [max(views, visitors) for _day, views, visitors in rows]))
    top = ticks[-1] or 1
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(1, len(rows) - 1)

    def x(index):
        return f"{PAD + index * step:.1f}"

    def y(value):
        return f"{PAD + inner_h - inner_h * value / top:.1f}"

    views = " ".join(f"{x(i)},{y(row[1])}" for i, row in enumerate(rows))
    visitors = " ".join(f"{x(i)},{y(row[2])}" for i, row in enumerate(rows))
    grid = [{"y": y(value), "value": value} for value in ticks]
    every = max(1, -(-len(rows) // 7))
    labels = [
        {"x": x(i), "text": row[0].strftime("%d.%m")}
        for i, row in enumerate(rows)
        if i % every == 0 or i == len(rows) - 1 and len(rows) - 1 - i < every
    ]
    return DayChart(WIDTH, HEIGHT, views, visitors, top, grid, labels)


def bars(items, width=360):
    """items: [(label, views)] -> with the bar length of each, for horizontal bar charts."""
    top = max([1] + [views for _label, views in items])
    return [
        {"label": label, "views": views, "length": max(1, round(width * views / top))}
        for label, views in items
    ]
