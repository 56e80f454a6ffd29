lint tests/cases/check/table17_verbatim.pks
