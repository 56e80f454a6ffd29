lint tests/cases/lint/grades-unreachable.pks
