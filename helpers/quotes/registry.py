"""Named rules: a function plus its record (name, construction, example sentences), kept in ordered registries.

A registry is a dict name -> Rule filled by the `rule` decorator of the module that defines the rules; the order in
which rules are tried is a separate, visible list in that module (`speakers.ORDER`, `frames.PASSES`,
`continuation.ORDER`). Example sentences are written for the rule (never copied from an article) and are checked by
tests/test_rules_registry.py: each must produce a quote whose `rule` column names the rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Rule:
    """A named rule of English reporting: what it handles, its function, and sentences that show it."""

    name: str
    func: Callable
    construction: str
    examples: tuple[str, ...]
    kind: str  # "frame" (how a quote is found) or "resolver" (how its speaker is named)

    @property
    def doc(self) -> str:
        """The first line of the rule function's docstring."""
        return (self.func.__doc__ or "").strip().splitlines()[0] if self.func.__doc__ else ""


def rule(registry: dict[str, Rule], name: str, *, kind: str, construction: str, examples: tuple[str, ...]):
    """Decorator that records a function as rule `name` in `registry` (the function itself is returned unchanged)."""
    def add(func: Callable) -> Callable:
        if name in registry:
            raise ValueError(f"rule {name!r} is registered twice")
        registry[name] = Rule(name, func, construction, tuple(examples), kind)
        return func
    return add


def ordered(registry: dict[str, Rule], funcs: list[Callable], *, partial: bool = False) -> tuple[Rule, ...]:
    """The rules of `registry` whose functions are `funcs`, in that order; every registered rule must be listed
    exactly once (partial: `funcs` is a part of the order, each function must be a registered rule)."""
    by_func = {r.func: r for r in registry.values()}
    unknown = [f.__name__ for f in funcs if f not in by_func]
    names = [by_func[f].name for f in funcs if f in by_func]
    missing = set() if partial else set(registry) - set(names)
    if missing or unknown or len(set(names)) != len(names):
        raise ValueError(f"rule order does not match the registry: missing {sorted(missing)}, unknown {unknown}")
    return tuple(by_func[f] for f in funcs)
