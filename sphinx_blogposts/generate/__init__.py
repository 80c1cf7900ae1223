"""Generated pages: collection indexes, archives and a home page, planned from
the discovery facts and written as real documents before reading.
"""
