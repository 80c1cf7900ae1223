"""Jekyll's filters of arrays: ``where``, ``where_exp``, ``find``, ``find_exp``,
``sort``, ``group_by``, ``group_by_exp``, ``push``, ``pop``, ``shift``,
``unshift`` and ``sample``, as ``Jekyll::Filters`` defines them.

What Jekyll does, kept here:

* a value that is not an array or a hash (text, a number, nil) is returned
  as it is; a hash stands for its values;
* a property may be a dotted path (``"a.b"``), and a property that looks like
  a number is compared as one (``"10"`` sorts after ``"2"``; ``"555"`` equals
  ``555``);
* ``where``/``find`` compare Ruby's text of the two values (``true`` is
  ``"true"``), an array property matches when one of its items does, and
  ``nil`` matches only a missing or nil property;
* ``where_exp``/``find_exp`` evaluate a Liquid condition (``and``, ``or``,
  ``contains``, ``==``, ``<``...) with the item bound to the variable.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator, Mapping
from typing import Any

from liquid.filter import with_context

from .ruby_values import as_array, compare, is_nil, liquid_integer, nil_to_none, selectable, to_s

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def _number_like(value: object) -> object:
    """Jekyll's ``parse_sort_input``: text that is a number becomes that number."""
    if isinstance(value, (list, tuple, Mapping)):
        return value  # their text ("[...]", "{...}") is never a number
    text = to_s(value)
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return value


def _lookup(data: object, key: str) -> object:
    if isinstance(data, Mapping):
        try:
            return nil_to_none(data[key])
        except (KeyError, TypeError):
            return None
    if isinstance(data, (list, tuple)):
        if key.lstrip("-").isdigit():
            index = int(key)
            return data[index] if -len(data) <= index < len(data) else None
        shown = to_s(list(data))[:20]
        raise TypeError(
            f"Error accessing object ({shown}) with given key. Expected an integer but got {key!r} instead."
        )
    if isinstance(data, str):
        return key if key in data else None  # Ruby's String#[]: the text when it is found
    return getattr(data, key, None) if key.isidentifier() and not key.startswith("_") else None


def item_property(item: object, prop: object) -> object:
    """``item[prop]`` (``prop`` may be ``"a.b.c"``), numbers read from text."""
    value: object = nil_to_none(item)
    for key in to_s(prop).split("."):
        if value is None or value is False:
            return None
        value = _lookup(value, key)
    return _number_like(value)


def matches(have: object, target: object) -> bool:
    """Jekyll's ``compare_property_vs_target``."""
    if is_nil(target):
        return have is None
    wanted = to_s(target)
    if isinstance(have, str):
        return have == wanted
    return any(to_s(item) == wanted for item in as_array(have))


def _no_filter(target: object) -> bool:
    # Jekyll returns the input when the target is an array or a hash (their text is
    # their inspect form, never meant as a value)
    return isinstance(target, (list, tuple, Mapping))


def where(value: object, prop: object, target: object) -> object:
    """Jekyll's ``where: "prop", value``: the items whose ``prop`` matches."""
    items = selectable(value)
    if items is None or is_nil(prop) or _no_filter(target):
        return value
    return [item for item in items if matches(item_property(item, prop), target)]


def find(value: object, prop: object, target: object) -> object:
    """Jekyll's ``find: "prop", value``: the first item ``where`` would keep, or nil."""
    items = selectable(value)
    if items is None or is_nil(prop) or _no_filter(target):
        return value
    return next((item for item in items if matches(item_property(item, prop), target)), None)


#: How many parsed expressions an environment keeps (a template may build them in a loop).
MAX_EXPRESSIONS = 512


def _template(context: Any, source: str) -> Any:
    """``source`` parsed once per environment (a ``where_exp`` in a loop is parsed once)."""
    env = context.env
    cache = getattr(env, "expression_templates", None)
    if cache is None:
        return env.from_string(source)
    template = cache.get(source)
    if template is None:
        if len(cache) >= MAX_EXPRESSIONS:
            cache.clear()
        template = cache[source] = env.from_string(source)
    return template


def _each_true(items: list[Any], name: object, expression: object, context: Any) -> Iterator[Any]:
    """The items for which a Liquid condition is true, with the item bound to ``name``."""
    condition = _template(context, "{% if " + to_s(expression) + " %}1{% endif %}")
    for item in items:
        buffer = context.get_buffer()
        with context.extend({to_s(name): item}):
            condition.render_with_context(context, buffer, partial=True)
        if buffer.getvalue() == "1":
            yield item


@with_context
def where_exp(value: object, name: object, expression: object, *, context: Any) -> object:
    """Jekyll's ``where_exp: "post", "post.tags contains 'alpha'"``."""
    items = selectable(value)
    if items is None:
        return value
    return list(_each_true(items, name, expression, context))


@with_context
def find_exp(value: object, name: object, expression: object, *, context: Any) -> object:
    """Jekyll's ``find_exp``: the first item ``where_exp`` would keep, or nil."""
    items = selectable(value)
    if items is None:
        return value
    return next(_each_true(items, name, expression, context), None)


def _sort_key(order: int) -> Any:
    def cmp(a: tuple[object, Any], b: tuple[object, Any]) -> int:
        x, y = a[0], b[0]
        if x is not None and y is None:
            return -order
        if x is None and y is not None:
            return order
        found = compare(x, y)
        if found is None:
            found = compare(to_s(x), to_s(y)) or 0
        return found

    return functools.cmp_to_key(cmp)


def sort(value: object, prop: object = None, nils: object = "first") -> object:
    """Jekyll's ``sort``: by the values, or by ``prop`` (a dotted path) with the items
    that lack it ``"first"`` (the default) or ``"last"``."""
    if is_nil(value):
        raise ValueError("Cannot sort a null object.")
    items = as_array(value) if isinstance(value, Mapping) else selectable(value)
    if items is None:
        return value
    if is_nil(prop):
        return sorted(items, key=functools.cmp_to_key(_strict_compare))
    if nils not in ("first", "last"):
        raise ValueError(f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. It must be 'first' or 'last'.")
    order = -1 if nils == "first" else 1
    pairs = [(item_property(item, prop), item) for item in items]
    return [item for _, item in sorted(pairs, key=_sort_key(order))]


def _strict_compare(a: object, b: object) -> int:
    found = compare(nil_to_none(a), nil_to_none(b))
    if found is None:
        raise ValueError(f"comparison of {type(a).__name__} with {type(b).__name__} failed")
    return found


def _groups(pairs: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[Any]] = {}
    for name, item in pairs:
        groups.setdefault(name, []).append(item)
    return [{"name": name, "items": items, "size": len(items)} for name, items in groups.items()]


def _groupable(value: object) -> list[Any] | None:
    # Ruby's group_by runs over an array's items or a hash's [key, value] pairs
    if isinstance(value, Mapping):
        return as_array(value)
    return selectable(value)


def group_by(value: object, prop: object) -> object:
    """Jekyll's ``group_by: "prop"``: ``{"name", "items", "size"}`` per value, in order."""
    items = _groupable(value)
    if items is None:
        return value
    return _groups([(to_s(item_property(item, prop)), item) for item in items])


@with_context
def group_by_exp(value: object, name: object, expression: object, *, context: Any) -> object:
    """Jekyll's ``group_by_exp: "item", "item.date | date: '%Y'"``."""
    items = _groupable(value)
    if items is None:
        return value
    template = _template(context, "{{ " + to_s(expression) + " }}")
    pairs = []
    for item in items:
        buffer = context.get_buffer()
        with context.extend({to_s(name): item}):
            template.render_with_context(context, buffer, partial=True)
        pairs.append((buffer.getvalue(), item))
    return _groups(pairs)


def push(value: object, item: object) -> object:
    """A new array with ``item`` at the end (anything but an array is returned as is)."""
    return [*value, item] if isinstance(value, list) else value


def unshift(value: object, item: object) -> object:
    """A new array with ``item`` at the front."""
    return [item, *value] if isinstance(value, list) else value


def _count(num: object) -> int:
    count = liquid_integer(num)
    if count < 0:
        raise ValueError("negative array size")
    return count


def pop(value: object, num: object = 1) -> object:
    """A new array without its last ``num`` items (``"2"`` is 2)."""
    if not isinstance(value, list):
        return value
    count = _count(num)
    return value[: len(value) - count] if count else list(value)


def shift(value: object, num: object = 1) -> object:
    """A new array without its first ``num`` items."""
    if not isinstance(value, list):
        return value
    return value[_count(num) :]


@with_context
def sample(value: object, num: object = 1, *, context: Any) -> object:
    """One item (or ``num`` distinct items) of an array, picked at random.

    Jekyll picks anew on every build; here the pick depends only on the page and the
    array, so a build is reproducible and an incremental build equals a fresh one.
    """
    if not isinstance(value, list):
        return value
    try:
        count = liquid_integer(num)
    except ValueError:
        count = 1
    page = context.resolve("page", default=None)
    where_from = to_s(page.get("path")) if isinstance(page, Mapping) else ""
    picker = random.Random(f"{where_from}\0{to_s(value)}")  # noqa: S311 - not for security
    if count == 1:
        return picker.choice(value) if value else None
    return picker.sample(value, min(max(count, 0), len(value)))


ARRAY_FILTERS = {
    "where": where,
    "where_exp": where_exp,
    "find": find,
    "find_exp": find_exp,
    "sort": sort,
    "group_by": group_by,
    "group_by_exp": group_by_exp,
    "push": push,
    "pop": pop,
    "shift": shift,
    "unshift": unshift,
    "sample": sample,
}
