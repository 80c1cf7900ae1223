extensions = ["sphinx_blogposts"]
