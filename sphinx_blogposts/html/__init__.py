"""Raw HTML in Markdown: parsed with line numbers, turned into Sphinx nodes
(figures, images, media).  Used by the reading step and by ``check``.
"""
