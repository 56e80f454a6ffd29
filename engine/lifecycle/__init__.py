"""Designation lifecycles (认定管理办法): a dated history of a park read against a scheme
(``dsl.scheme``) gives its standing on a day, with the clause behind each step (``status``).

May import: ``parkscore.dsl`` and ``engine.scoring`` (the safe YAML reader).
"""
