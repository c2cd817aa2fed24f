"""What every page needs: parsing the query, 400 pages, the data version in the context."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..params import BadQuery, SearchParams, parse_params
from ..queries import data_version

__all__ = ["page", "with_params", "bad_request"]

View = Callable[..., HttpResponse]


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, section: str, status: int = 200
) -> HttpResponse:
    """Render a page with what the layout needs (section, data version, current query)."""
    params = context.get("params")
    base = {
        "section": section,
        "as_of": data_version().as_of,
        "query_string": params.urlencode(with_sort=False) if isinstance(params, SearchParams) else "",
    }
    return render(request, template, {**base, **context}, status=status)


def bad_request(request: HttpRequest, exc: BadQuery, *, section: str) -> HttpResponse:
    return page(
        request, "workspace/400.html", {"param": exc.param, "problem": exc.problem},
        section=section, status=400,
    )


def with_params(section: str, extra: tuple[str, ...] = ()) -> Callable[[View], View]:
    """Parse the query into ``params`` (the view's second argument); a bad one is a 400."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                params = parse_params(request.GET, extra=extra)
            except BadQuery as exc:
                return bad_request(request, exc, section=section)
            try:
                return view(request, params, *args, **kwargs)
            except BadQuery as exc:  # raised while querying (e.g. an article the store rejects)
                return bad_request(request, exc, section=section)

        return wrapped

    return decorate
