"""`--help` that reads as a user types the command: FILE, DIR, N, not typer's `<str>`, `<list[Path]>`, `{in_dir}`.

typer renders every parameter with its Python type and a required argument in braces; the
classes here keep typer's parsing and change only how parameters are shown. Commands made with
:class:`HelpTyper` get them without any change to their code, and :func:`examples` formats the
examples epilog every command's help ends with.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

# What a value of each Python type is called in help: the word a user replaces.
_TYPE_NAMES: dict[type, str] = {int: "N", float: "NUMBER", Path: "PATH"}


def value_name(param: TyperOption) -> str:
    """The placeholder for an option's value: its choices, N, NUMBER, PATH, or its name in capitals."""
    desc = param.type_descriptor
    if desc.is_choice:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in desc.choices or ())
    annotation: Any = desc.annotation
    if get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return _TYPE_NAMES.get(annotation) or (param.name or "value").upper()


def range_text(low: float | None, high: float | None) -> str | None:
    """A number range as '>= 1', '0 to 100' or '<= 9'."""
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f">= {low}"
    if high is not None:
        return f"<= {high}"
    return None


class HelpOption(TyperOption):
    """An option shown as `--jobs N [>= 1]`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """The metavar given, else a placeholder derived from the type."""
        return self.metavar or value_name(self)

    def _get_number_range_help_str(self) -> str | None:
        """The allowed range without click's `x>=1` notation."""
        return range_text(self.min, self.max)


class HelpArgument(TyperArgument):
    """An argument shown as `IN_DIR` (required) or `[FILE]` (optional) in usage and listing."""

    def _display(self) -> str:
        """The argument's name in capitals, as usage lines write placeholders."""
        return (self.metavar or self.name or "arg").upper()

    def display_type_rich(self, ctx: Any) -> str | None:
        """No type: the name says what to give."""
        return None

    def _rich_display_name(self) -> str:
        """Name in the Arguments listing."""
        return self._display() + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        """Name in the usage line: bare when required, in brackets when optional."""
        name = self._display() if self.required else f"[{self._display()}]"
        return name + ("..." if self.nargs != 1 else "")


class HelpCommand(TyperCommand):
    """A typer command whose parameters are shown by :class:`HelpOption` and :class:`HelpArgument`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Build as typer does, then let the parameters show themselves the user's way."""
        super().__init__(*args, **kwargs)
        for param in self.params:
            # Same state, other display methods: the subclasses add no attributes.
            if type(param) is TyperOption:
                param.__class__ = HelpOption
            elif type(param) is TyperArgument:
                param.__class__ = HelpArgument


class HelpTyper(typer.Typer):
    """A Typer app whose commands are :class:`HelpCommand`s unless a command asks for another class."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        """Register a command, as :meth:`typer.Typer.command` does."""
        return super().command(name, cls=cls or HelpCommand, **kwargs)


def examples(*lines: str) -> str:
    """An epilog listing example command lines, kept unwrapped (click's \\b marker)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
