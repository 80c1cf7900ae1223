# The documentation of sphinx_blogposts, built with sphinx_blogposts itself.
# There is no _config.yml here, so the extension runs in docs-project mode:
# only Markdown files that look like posts (the ones under news/) become posts.
project = "sphinx_blogposts"
extensions = ["sphinx_blogposts"]
html_theme = "alabaster"
exclude_patterns = ["_build"]
