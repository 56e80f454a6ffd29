"""Documents and workbooks: the standard as its document, an edited workbook read back, the
data-collection form."""
from __future__ import annotations

from pathlib import Path

from parkscore.dsl.diagnostics import option_error
from parkscore.dsl.diff import Change
from parkscore.dsl.diff import diff as _diff
from parkscore.engine.documents.document import StandardDocument, document
from parkscore.engine.documents.workbook import Imported, import_xlsx, rendered_from, template_xlsx

from .standards import StandardLike, standard


def render_standard(std: StandardLike) -> StandardDocument:
    """A standard as its published document (表1, the scoring tables, gates, pass mark, notes);
    render it with ``parkscore.api.render``: ``document_markdown``, ``standard_html`` or
    ``standard_xlsx``."""
    return document(standard(std))


def import_workbook(workbook: str | Path, against: StandardLike | None = None, version: str = "edited") -> tuple[Imported, list[Change]]:
    """An edited standard workbook read back: its edits as an amendment of ``against`` (default:
    the standard the workbook says it was rendered from; checked by the normal loader, every
    diagnostic at a cell of the workbook) and the semantic diff they imply. Writes nothing."""
    if against is None:
        against = rendered_from(workbook)
        if against is None:
            raise option_error(f"{workbook} does not say which standard it was rendered from", "give --against family@version", "X100")
    base = standard(against)
    imported = import_xlsx(workbook, base, version)
    return imported, (_diff(base.std, imported.std) if imported.std is not None else [])


def template(std: StandardLike, path: str | Path) -> None:
    """Write the data-collection form of a standard (``engine.documents.workbook.template_xlsx``)."""
    template_xlsx(standard(std), path)
