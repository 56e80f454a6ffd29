"""The language server (``parkscore lsp``): see server.py."""
