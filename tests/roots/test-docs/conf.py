extensions = ["sphinx_blogposts"]
project = "Docs with news"
