from __future__ import annotations

from django import template

register = template.Library()

IRREGULAR = {"technique": "techniques", "source": "sources", "motive": "motives", "actor": "actors"}


@register.filter
def get_item(mapping: dict | None, key: str):
    """``mapping[key]`` in a template (None when absent)."""
    return (mapping or {}).get(key)


@register.filter
def counted(count: int, noun: str) -> str:
    """'1 motive', '2 techniques', '0 actors'."""
    count = int(count or 0)
    if count == 1:
        return f"1 {noun}"
    return f"{count} {IRREGULAR.get(noun, noun + 's')}"


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (used by pagination)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def absolute_uri(context, path: str) -> str:
    """An absolute address for a path (Open Graph and feeds need one)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
