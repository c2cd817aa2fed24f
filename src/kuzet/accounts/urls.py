"""Accounts addresses: /accounts/login/ and the rest."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.verify_view, name="verify"),
    path("logout/", views.logout_view, name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("token/", views.api_token, name="token"),
    path("password/", views.password_change, name="password"),
    path("users/", views.users, name="users"),
]
