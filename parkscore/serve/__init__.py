"""``parkscore serve``: the JSON API of parkscore over HTTP, a client of ``parkscore.api`` (it
parses a request, makes one API call and renders the result with ``parkscore.api.render``; no
scoring logic lives here). Needs the ``serve`` extra: ``pip install 'parkscore[serve]'``."""
