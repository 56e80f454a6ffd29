"""The scoring core: park data read and resolved against a standard (``data``, ``yamlread``), the
checked AST compiled into evaluators (``compile``), a park evaluated with a tracer (``evaluate``,
``trace``) into a ``Scorecard`` (``scorecard``).

Exposes: CompiledStandard, compile_standard, evaluate, ParkData, Fact, Scorecard and its parts.
May import: ``parkscore.dsl`` only. Nothing here knows about populations, documents or analysis.
"""
