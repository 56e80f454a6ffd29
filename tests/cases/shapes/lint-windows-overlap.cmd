lint tests/families/safety-rules-overlap
