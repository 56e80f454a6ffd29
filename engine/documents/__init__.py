"""Documents: the standard as its document (``document``), scorecards and schemas as text, JSON and
Markdown (``render``), self-contained HTML reports from Jinja2 templates (``html``, ``templates/``),
and workbooks: the standard to edit and read back, the data-collection form (``workbook``).

May import: ``parkscore.dsl``, ``engine.scoring``, ``engine.population``, ``engine.analysis``.
"""
