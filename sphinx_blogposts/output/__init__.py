"""Write time: the post header, post lists, navigation, page context, feeds,
redirects and sitemap, and which pages to write again.
"""
