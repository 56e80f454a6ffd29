lint tests/families/safety-rules
