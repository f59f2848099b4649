"""Rendering a computed plan: Markdown (Jinja templates), DOCX (built from that Markdown), JSON.

Heavy libraries (Jinja, python-docx, matplotlib) are imported inside the functions that use them, so
importing this package is cheap. The command line calls ``opsplan.render.run.render_paths``; ``render.outputs``
makes one profile's files in memory.
"""
