# Everything else (title, collections, time zone, defaults...) comes from _config.yml.
extensions = ["sphinx_blogposts"]
