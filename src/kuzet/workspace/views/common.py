"""What every page needs: parsing the query, 400 pages, the data version in the context."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from ..access import visibility_key
from ..params import BadQuery, SearchParams, parse_params
from ..queries import data_version, once
from ..shown_errors import shown

__all__ = ["bad_request", "cached_page", "page", "with_params"]

PAGE_CACHE_SECONDS = 3600

View = Callable[..., HttpResponse]


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, section: str, status: int = 200
) -> HttpResponse:
    """Render a page with what the layout needs (section, data version, current query)."""
    params = context.get("params")
    base = {
        "section": section,
        "as_of": data_version().as_of,
        "query_string": params.urlencode(with_sort=False)
        if isinstance(params, SearchParams)
        else "",
    }
    return render(request, template, {**base, **context}, status=status)


def bad_request(request: HttpRequest, exc: BadQuery, *, section: str) -> HttpResponse:
    return page(
        request,
        "workspace/400.html",
        {"param": exc.param, "problem": shown(exc.problem)},
        section=section,
        status=400,
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


def cached_page(view: View) -> View:
    """Serve a page from the cache while the record has not changed.

    A page is a function of the record's data version, what the user may see, the
    interface language and the address, which together make the key; anything else
    that varies (a logged-in user's name, later) must bypass it, so only anonymous
    visitors' pages are kept. Pages carry no per-visitor data (no CSRF token: the
    language switch does not need one).
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.method != "GET" or (user is not None and user.is_authenticated):
            return view(request, *args, **kwargs)
        raw = "|".join(
            (
                data_version().token,
                visibility_key(user),
                get_language() or "",
                request.get_full_path(),
            )
        )
        key = "kuzet:page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is None:
            # Threads asking for the same missing page wait for the first one's
            # (a dashboard takes a tenth of a second to render) instead of each
            # rendering it; different pages do not wait for each other.
            with once(key):
                hit = cache.get(key)
                if hit is None:
                    response = view(request, *args, **kwargs)
                    if (
                        response.status_code == 200
                        and not response.streaming
                        and not response.cookies
                    ):
                        cache.set(
                            key, (response.content, response["Content-Type"]), PAGE_CACHE_SECONDS
                        )
                        response["X-Kuzet-Cache"] = "miss"
                    return response
        content, content_type = hit
        response = HttpResponse(content, content_type=content_type)
        response["X-Kuzet-Cache"] = "hit"
        return response

    return wrapped
