"""Tagged PDF from ReportLab: marked content per flowable and a structure tree, so that screen readers
read a letter in order, with its headings, paragraphs and tables (PDF/UA's basic requirements).

ReportLab (see docs/decisions/0001) draws but does not tag. `Tagger.wrap(flowable, "P")` surrounds
what the flowable draws with `/P <</MCID n>> BDC … EMC`; `Tagger.finish(pdf, lang=…, title=…)`
then writes, with pypdf, the structure tree (Document → H1/H2/P/Table elements, in reading order),
the parent tree, `/MarkInfo << /Marked true >>`, the document language and "show the title".
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.platypus import Flowable


class _Tagged(Flowable):
    def __init__(self, inner: Flowable, tag: str, tagger: Tagger):
        super().__init__()
        self.inner, self.tag, self.tagger = inner, tag, tagger

    def wrap(self, available_width, available_height):
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return [_Tagged(part, self.tag, self.tagger) for part in self.inner.split(available_width, available_height)]

    def getSpaceBefore(self):  # noqa: N802 (ReportLab's name)
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        page = canvas.getPageNumber() - 1
        mcid = self.tagger.mark(page, self.tag)
        canvas._code.append(f"/{self.tag} <</MCID {mcid}>> BDC")
        self.inner.drawOn(canvas, x, y, _sW)
        canvas._code.append("EMC")


class Tagger:
    """Collects the marked content of one document while ReportLab builds it."""

    def __init__(self):
        self.marks: list[tuple[int, int, str]] = []  # (page index, mcid, tag) in reading order
        self._next: dict[int, int] = {}

    def wrap(self, flowable: Flowable, tag: str = "P") -> Flowable:
        return _Tagged(flowable, tag, self)

    def mark(self, page: int, tag: str) -> int:
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        self.marks.append((page, mcid, tag))
        return mcid

    def finish(self, pdf: bytes, *, lang: str, title: str) -> bytes:
        reader = PdfReader(BytesIO(pdf))
        writer = PdfWriter(clone_from=reader)
        root = writer._root_object
        tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        tree_ref = writer._add_object(tree)
        document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): tree_ref,
            }
        )
        document_ref = writer._add_object(document)
        kids = ArrayObject()
        per_page: dict[int, list] = {}
        for page_index, mcid, tag in self.marks:
            page_ref = writer.pages[page_index].indirect_reference
            element = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/StructElem"),
                    NameObject("/S"): NameObject(f"/{tag}"),
                    NameObject("/P"): document_ref,
                    NameObject("/Pg"): page_ref,
                    NameObject("/K"): NumberObject(mcid),
                }
            )
            element_ref = writer._add_object(element)
            kids.append(element_ref)
            per_page.setdefault(page_index, []).append((mcid, element_ref))
        document[NameObject("/K")] = kids
        nums = ArrayObject()
        for index, page in enumerate(writer.pages):
            page[NameObject("/StructParents")] = NumberObject(index)
            page[NameObject("/Tabs")] = NameObject("/S")
            nums.append(NumberObject(index))
            nums.append(ArrayObject(ref for _mcid, ref in sorted(per_page.get(index, []), key=lambda item: item[0])))
        tree[NameObject("/K")] = document_ref
        tree[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
        tree[NameObject("/ParentTreeNextKey")] = NumberObject(len(writer.pages))
        root[NameObject("/StructTreeRoot")] = tree_ref
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        root[NameObject("/Lang")] = TextStringObject(lang)
        root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
        writer.add_metadata({"/Title": title})
        out = BytesIO()
        writer.write(out)
        return out.getvalue()
