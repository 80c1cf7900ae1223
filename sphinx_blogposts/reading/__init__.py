"""Reading a site: ``_config.yml`` and settings, which files are pages,
front matter to the ``post`` directive, the record, the read-time transforms.
"""
