"""URL configuration: each app contributes its own ``urls`` module.

    /            the web workspace (kuzet.workspace)
    /api/        the JSON API and its OpenAPI document (kuzet.api)
    /i18n/       the language switch (Django's set_language)
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from .api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kuzet.workspace.urls")),
]

handler400 = "kuzet.workspace.views.errors.bad_request"
handler404 = "kuzet.workspace.views.errors.not_found"
handler500 = "kuzet.workspace.views.errors.server_error"
