"""Pages in Russian (``Accept-Language: ru``), through the Django test client: the login
page (the accounts catalogue), the editing pages (the workspace catalogue, its form labels
and validation messages, with the accounts menu around them), and English without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from kuzet.workspace.i18n import catalogs

polib = pytest.importorskip("polib")
pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def quick_hashing(settings: object) -> None:
    """Argon2 is slow on purpose; these tests only need a user to exist."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def editor(db: None) -> object:
    from kuzet.accounts.services import create_user

    return create_user("redaktor", "editor", who="test")[0]


def as_user(user: object, **headers: str) -> Client:
    client = Client(**headers)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def english_left(html: str) -> list[str]:
    """Sentences of the Russian catalogues (three words or more) that a Russian page still
    shows in English: a template string Django did not translate."""
    found = []
    for po_path in catalogs():
        if Path(po_path).parents[1].name != "ru":
            continue
        for e in polib.pofile(str(po_path)):
            if (
                len(e.msgid.split()) >= 3
                and "%" not in e.msgid
                and e.msgid != e.msgstr
                and e.msgid in html
            ):
                found.append(e.msgid)
    return found


def test_the_login_page_is_in_russian(db: None) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru">' in html
    assert "<h1>Войти</h1>" in html
    assert ">Имя пользователя<" in html and ">Пароль<" in html
    assert "После пяти неверных паролей подряд" in html
    assert "Log in" not in html and "User name" not in html
    assert english_left(html) == []


def test_the_login_page_stays_english_without_the_header(db: None) -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert "<h1>Log in</h1>" in html and ">User name<" in html and "Войти" not in html


def test_the_upload_page_is_in_russian_with_the_account_menu(editor: object) -> None:
    response = as_user(editor, HTTP_ACCEPT_LANGUAGE="ru").get("/upload/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Загрузить хронику</h1>" in html
    assert "Файл хроники (.txt, .md, .html или .docx)" in html  # a form label (edit_forms.py)
    assert "Проверить и просмотреть" in html
    # The menu comes from the accounts app's own catalogue.
    assert "Выйти" in html and "Двухфакторный вход" in html and "Сменить пароль" in html
    assert english_left(html) == []


def test_the_new_entry_form_and_its_errors_are_in_russian(editor: object) -> None:
    client = as_user(editor, HTTP_ACCEPT_LANGUAGE="ru")
    page = client.get("/entries/new/").content.decode()
    assert "<h1>Новая запись</h1>" in page and "Извлечь поля" in page
    assert "Месяц (ГГГГ-ММ)" in page
    response = client.post(
        "/entries/new/",
        {
            "step": "extract",
            "text": "Вымышленный случай для проверки.",
            "urls": "ftp://example.org/x",
            "period": "2024-13",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its errors
    assert "Укажите месяц в виде ГГГГ-ММ." in html
    assert "«ftp://example.org/x» — не веб-ссылка (нужно http:// или https://)." in html
    assert english_left(html) == []
