"""Read a source file's front matter losslessly.

python-frontmatter detects the format (YAML ``---``, TOML ``+++``, JSON ``{``)
and splits the block from the body; we load the block ourselves so that a bad
value costs one key, not the whole mapping, and so that every problem has a
line number:

* YAML dates that do not exist (``2020-02-31``) stay strings instead of
  failing the whole document (PyYAML raises ``ValueError`` there);
* duplicate keys are reported (YAML keeps the last one silently);
* invalid YAML keeps every top-level key that still parses on its own;
* the raw text of the block is kept, so nothing the author wrote is lost;
* a value nested more than :data:`MAX_DEPTH` levels deep, a YAML alias that
  contains itself, and aliases that expand to more than
  :data:`MAX_ALIAS_VALUES` values (a "billion laughs") are left out, key by
  key, with a warning: such values would exhaust the stack or the memory of
  whatever copies, pickles or prints them later.
"""

from .model import MAX_ALIAS_VALUES, MAX_DEPTH, FrontMatter, Problem
from .read import read_front_matter
from .yaml_block import _yaml_mapping

__all__ = ["MAX_ALIAS_VALUES", "MAX_DEPTH", "FrontMatter", "Problem", "_yaml_mapping", "read_front_matter"]
