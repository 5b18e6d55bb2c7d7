"""A small layer over ReportLab for the reports: headings, paragraphs and tables, in Dutch, on A4.

Builders describe the document as blocks, a list or a generator; `render` lays it out. The blocks
are turned into ReportLab flowables only as the layout reaches them (`LazyStory`), so a report with
a section per area does not hold every section's flowables at once. Text is escaped here, so names
typed by users never become markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Text:
    text: str
    small: bool = False


@dataclass
class Grid:
    header: Sequence[str]
    rows: Sequence[Sequence]
    # Columns (by index) whose cells are figures: right-aligned.
    numeric: Sequence[int] = ()
    # The last row is a total: bold, with a line above it.
    total: bool = False


Block = Heading | Text | Grid


class LazyStory(list):
    """A list of flowables that fills itself from a generator as ReportLab takes from its front.

    ReportLab's layout loop only asks `len()` and works on the first items (it deletes and re-inserts
    at the front), so topping the list up whenever its length is asked keeps a few dozen flowables in
    memory instead of the whole document's.
    """

    AHEAD = 40

    def __init__(self, head: list, blocks: Iterable[Block], convert: Callable[[Block], list]):
        super().__init__(head)
        self._blocks = iter(blocks)
        self._convert = convert

    def __len__(self) -> int:
        while list.__len__(self) < self.AHEAD:
            block = next(self._blocks, None)
            if block is None:
                break
            self.extend(self._convert(block))
        return list.__len__(self)


def render(*, title: str, subtitle: str, blocks: Iterable[Block], wide: bool = False) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = body.clone("small", fontSize=8, leading=10)
    cell = body.clone("cell", fontSize=8, leading=10)
    buffer = BytesIO()
    page = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="NPLV",
        lang="nl",
    )
    head = [Paragraph(escape(title), styles["Title"]), Paragraph(escape(subtitle), small), Spacer(0, 6 * mm)]

    def convert(block: Block) -> list:
        if isinstance(block, Heading):
            return [Paragraph(escape(block.text), styles["Heading2" if block.level == 2 else "Heading3"])]
        if isinstance(block, Text):
            return [Paragraph(escape(block.text), small if block.small else body)]
        return [_table(block, cell), Spacer(0, 4 * mm)]

    story = LazyStory(head, blocks, convert)
    doc.build(story)
    return buffer.getvalue()


def _table(grid: Grid, cell_style) -> Table:
    def wrap(value) -> Paragraph | str:
        text = "" if value is None else str(value)
        return Paragraph(escape(text), cell_style) if len(text) > 30 else text

    data = [list(grid.header)] + [[wrap(v) for v in row] for row in grid.rows]
    table = Table(data, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f3f3")]),
    ]
    for column in grid.numeric:
        style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if grid.total and grid.rows:
        style += [
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
        ]
    table.setStyle(TableStyle(style))
    return table
