"""Liquid: the native rewrites of links and includes, and python-liquid
rendering with Jekyll's tags, filters, ``site`` and ``page``, line for line.
"""
