"""The pure core: dates, permalinks, front matter, records, queries, URLs,
the Jekyll site model, settings and the post index.

Nothing here touches a Sphinx application or environment; every other
layer may import it.
"""
