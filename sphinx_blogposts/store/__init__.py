"""What the stages hand each other through Sphinx: the ``blogposts`` domain
(records and caches in the environment) and the documents whose sources the
extension writes.  Imports only :mod:`..core`.
"""
