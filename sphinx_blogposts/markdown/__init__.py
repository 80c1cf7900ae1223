"""kramdown, Jekyll's Markdown, on top of MyST.

Jekyll renders Markdown with kramdown; MyST reads CommonMark.  In a Jekyll
site (or with ``blogposts_kramdown = True``) Markdown files are parsed by
:class:`.parser.KramdownParser`: MyST's own markdown-it parser with the
features of :data:`.dialect.DIALECT` added, each a small markdown-it plugin
with the render methods for the tokens it makes.  Elsewhere MyST parses as it
always does.
"""
