"""Error pages in the workspace's layout (the API answers JSON on its own)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

__all__ = ["bad_request", "not_found", "server_error"]


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "bad request"}, status=400)
    return render(
        request, "workspace/400.html", {"param": "", "problem": "bad request"}, status=400
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "not found"}, status=404)
    return render(request, "workspace/404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "server error"}, status=500)
    # No context processors or database here: the error may be the database itself.
    html = loader.get_template("workspace/500.html").render({})
    return HttpResponse(html, status=500)
