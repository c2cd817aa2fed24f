"""Request gates that hold for every page and endpoint.

ApiTokenAuthentication   ``Authorization: Bearer TOKEN`` on /api/ sets the user;
                         a bad token is a 401 (never silently anonymous)
PrivateInstance          unless KUZET_PUBLIC, anonymous visitors get the login page
                         (or a 401 from the API) for everything but logging in
SecurityHeaders          Permissions-Policy and no caching of pages for logged-in users
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .roles import is_public

__all__ = ["ApiTokenAuthentication", "PrivateInstance", "SecurityHeaders"]

Handler = Callable[[HttpRequest], HttpResponse]

API_PREFIX = "/api/"
# What an anonymous visitor of a private instance may still reach.
OPEN_PREFIXES = ("/accounts/login/", "/static/", "/i18n/")


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()


class ApiTokenAuthentication:
    """A token identifies the user on /api/ requests; it is not a cookie, so a request
    carrying one cannot be forged by another site and needs no CSRF token."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = bearer_token(request) if request.path.startswith(API_PREFIX) else None
        if token is not None:
            from .services import user_for_token

            user = user_for_token(token)
            if user is None:
                response = JsonResponse({"detail": "the API token is not valid"}, status=401)
                response["WWW-Authenticate"] = 'Bearer realm="kuzet"'
                return response
            request.user = user
            request.kuzet_token_user = True  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


class PrivateInstance:
    """A private instance (the default) shows nothing to anonymous visitors."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            not is_public()
            and not getattr(user, "is_authenticated", False)
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if request.path.startswith(API_PREFIX):
                response = JsonResponse(
                    {"detail": "this Kuzet is private: send an API token (Authorization: Bearer TOKEN)"},
                    status=401,
                )
                response["WWW-Authenticate"] = 'Bearer realm="kuzet"'
                return response
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeaders:
    """Headers Django's SecurityMiddleware does not set. Pages for logged-in users may
    hold confidential data: no shared cache and no browser cache keeps them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_vary_headers(response, ("Cookie",))
        return response
