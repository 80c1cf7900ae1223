# The documentation of sphinx_blogposts, built with sphinx_blogposts itself.
# There is no _config.yml here, so the extension runs in docs-project mode:
# only Markdown files that look like posts (the ones under news/) become posts.
import os

project = "sphinx_blogposts"
extensions = ["sphinx_blogposts"]
html_theme = "alabaster"
exclude_patterns = ["_build"]

# Feeds need the site's absolute address. Read the Docs gives it to every
# build; a local build uses the address the documentation is published at.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinx-blogposts.readthedocs.io/en/latest/"
)
# The news posts are the "posts" collection; its index is titled "News".
blogposts_collections = {"posts": {"title": "News"}}
