"""``opsplan serve``: a local, live preview of a profile's plan in the browser (``server``, ``page``)."""
