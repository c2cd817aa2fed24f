"""URL configuration: each app contributes its own ``urls`` module.

    /            the web workspace (kuzet.workspace)
    /api/        the JSON API and its OpenAPI document (kuzet.api)
    /i18n/       the language switch (Django's set_language)
    /accounts/   login, two-factor set-up, API token, users (kuzet.accounts)
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from .api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    # Choosing the interface language changes nothing but a cookie, so it needs no CSRF
    # token; without one, pages hold nothing per visitor and can be cached whole.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/", include("kuzet.accounts.urls")),  # login, two-factor, tokens, users
    path("", include("kuzet.workspace.review_urls")),  # recording, review, audit
    path("", include("kuzet.workspace.urls")),
]

handler400 = "kuzet.workspace.views.errors.bad_request"
handler404 = "kuzet.workspace.views.errors.not_found"
handler500 = "kuzet.workspace.views.errors.server_error"
