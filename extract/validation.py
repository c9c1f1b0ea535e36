"""Pydantic models for hand-edited files, with errors a contributor can act on.

The archive's metadata (:mod:`extract.sources`) and the registries
(:mod:`extract.registry`) are validated by pydantic models: strict types (a JSON
``"79"`` is not an integer, ``true`` is not a number), ``extra="forbid"`` (a misspelt
key is an error, not a silently missing value). Pydantic's own messages name the
model and link to its website; :func:`problems` rewrites each error as one line that
names the key as the file spells it and says what the key must hold, from the
field's ``description``. Every field of those models therefore has a description
phrased to follow "must be": ``"an integer"``, ``"one of day, month, year"``.

Example::

    >>> from pydantic import BaseModel, Field, ValidationError
    >>> class Ref(BaseModel):
    ...     model_config = STRICT
    ...     n: int = Field(description="an integer")
    ...     title: NonEmpty = Field(description="a non-empty string")
    >>> try:
    ...     Ref.model_validate({"n": "1", "titel": "x"})
    ... except ValidationError as exc:
    ...     print(problems(exc, Ref))
    ['missing key(s): title', "unknown key(s): titel (did you mean 'title'?); allowed: n, title", "n must be an integer, got '1'"]
"""
from __future__ import annotations

import difflib
import json
import re
import typing
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError
from pydantic.fields import FieldInfo

__all__ = ["STRICT", "NonEmpty", "one_line", "problems", "suggest"]

#: The configuration every model of a hand-edited file uses.
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value


#: A string that holds more than white space.
NonEmpty = Annotated[str, AfterValidator(_non_empty)]


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ``""`` when none is close.

    Example::

        >>> suggest("parnet", ["parent", "note"])
        " (did you mean 'parent'?)"
        >>> suggest("zzz", ["parent"])
        ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def problems(exc: ValidationError, model: type[BaseModel], *, obj: str = "an object") -> list[str]:
    """One line per problem, missing keys first, then unknown keys, then values.

    Keys are written as the file spells them (``references[0].n``); ``obj`` is what
    the file format calls a mapping (``"an object"`` in JSON, ``"a table"`` in TOML).
    A validator's ``ValueError`` text follows the key it is about; a model-level
    validator's text stands alone.

    Example::

        >>> from pydantic import BaseModel, Field
        >>> class M(BaseModel):
        ...     model_config = STRICT
        ...     tags: list[NonEmpty] = Field(description="a list of non-empty strings")
        >>> try:
        ...     M.model_validate({"tags": ["a", " "]})
        ... except ValidationError as exc:
        ...     print(problems(exc, M))
        ["tags must be a list of non-empty strings; item 1 is ' '"]
    """
    missing: dict[tuple, list[str]] = {}
    unknown: dict[tuple, list[str]] = {}
    values: list[str] = []
    for err in exc.errors():
        loc, kind = tuple(err["loc"]), err["type"]
        if kind == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
        elif kind == "extra_forbidden":
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
        else:
            values.append(_value_problem(err, loc, model, obj))
    lines = []
    for (groups, what) in ((missing, "missing"), (unknown, "unknown")):
        for parent, keys in groups.items():
            allowed = list(_model_at(model, parent).model_fields)
            hint = suggest(keys[0], allowed) if what == "unknown" and len(keys) == 1 else ""
            if parent:
                lines.append(f"{_key(parent)} must be {obj} with exactly the keys {', '.join(allowed)}: "
                             f"{what} {', '.join(keys)}{hint}")
            elif what == "missing":
                lines.append(f"missing key(s): {', '.join(keys)}")
            else:
                lines.append(f"unknown key(s): {', '.join(keys)}{hint}; allowed: {', '.join(allowed)}")
    return [one_line(line) for line in lines + values]


def _value_problem(err: dict, loc: tuple, model: type[BaseModel], obj: str) -> str:
    # An item of a list is reported against the list: its description says what the items are.
    index = loc[-1] if loc and isinstance(loc[-1], int) else None
    field_loc = loc[:-1] if index is not None else loc
    info = _field_at(model, field_loc)
    if err["type"] == "value_error" and (index is None or info is None or not info.description):
        text = str(err["ctx"]["error"])
        return f"{_key(loc)} {text}" if loc else text
    expected = info.description if info is not None and info.description else None
    if err["type"] in ("model_type", "dict_type") and (info is None or _submodel(info.annotation)):
        return f"{_key(loc)} must be {obj}, got {_show(err['input'])}"
    expected = expected or err["msg"].removeprefix("Input should be ").removeprefix("Value should be ")
    hint = ""
    if err["type"] == "literal_error" and isinstance(err["input"], str):
        hint = suggest(err["input"], re.findall(r"'([^']*)'", err["ctx"]["expected"]))
    if index is not None:
        return f"{_key(field_loc)} must be {expected}; item {index} is {_show(err['input'])}{hint}"
    return f"{_key(loc)} must be {expected}, got {_show(err['input'])}{hint}"


def _key(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _show(value: Any) -> str:
    # Strings as Python spells them ('x', as the rest of the messages quote names); the
    # rest as the file does (null, true, [1, 2]).
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def one_line(text: str) -> str:
    r"""``text`` with every character that could break a line or hide escaped (U+0085, U+2028, tabs).

    Example::

        >>> print(one_line("a\u2028b"))
        a\u2028b
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _submodel(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    for part in loc:
        if isinstance(part, int):
            continue
        model = _submodel(model.model_fields[part].annotation) or model
    return model


def _field_at(model: type[BaseModel] | None, loc: tuple) -> FieldInfo | None:
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = _submodel(info.annotation)
    return info
