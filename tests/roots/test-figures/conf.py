extensions = ["sphinx_blogposts"]
numfig = True
