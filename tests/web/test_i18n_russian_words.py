"""What the last Russian gaps were, each shown in Russian now and unchanged in English:
user roles, the people list, error messages from the library, the two "codes", the
linter's findings, counts worded by their number, refusal reasons, the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from kuzet.workspace.shown_errors import shown

pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def quick_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def admin(db: None) -> object:
    from kuzet.accounts.services import create_user

    user = create_user("nachalnik", "admin", who="test")[0]
    create_user("pisar", "editor", who="test")
    return user


def russian(user: object | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def in_russian() -> Iterator[None]:
    with translation.override("ru"):
        yield


# --- roles --------------------------------------------------------------------------


def test_roles_are_named_in_russian_and_stored_as_before(admin: object) -> None:
    from kuzet.accounts.models import Profile, Role

    html = russian(admin).get("/accounts/users/").content.decode()
    assert "(администратор)" in html  # the account menu
    for value, word in (("viewer", "читатель"), ("editor", "редактор"), ("reviewer", "проверяющий")):
        assert f'<option value="{value}"' in html and f">{word}</option>" in html
    assert ">editor</option>" not in html
    # The value kept in the database, the CLI and the audit trail is the English one.
    assert str(Role.EDITOR) == "editor"
    assert set(Profile.objects.values_list("role", flat=True)) == {"admin", "editor"}
    with translation.override("en"):
        assert Role.EDITOR.label == "editor"


def test_a_refusal_names_the_needed_role_in_russian(db: None) -> None:
    from kuzet.accounts.services import create_user

    viewer = create_user("chitatel", "viewer", who="test")[0]
    response = russian(viewer).get("/upload/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "«редактор»" in html and "«читатель»" in html, html


def test_role_labels_need_no_new_migration(db: None) -> None:
    """Django records choices in migrations; a translated label reads the same in English,
    so the recorded state still matches the models."""
    from django.core.management import call_command

    call_command("makemigrations", "accounts", check=True, dry_run=True, verbosity=0)


# --- error messages shown in pages ------------------------------------------------------

MESSAGES = [
    # (the library's English message, the Russian a page shows)
    (
        "expected a date like 2024-03-15, 2024-03 or 2024, not '2024-13'",
        "нужна дата вида 2024-03-15, 2024-03 или 2024, а не '2024-13'",
    ),
    ("'2024-02-30' is not a real date", "такой даты не существует: '2024-02-30'"),
    ("at most 20 values", "не больше 20 значений"),
    ("a value is longer than 201 characters", "значение длиннее 201 символа"),
    ("expected one of draft, published", "ожидается одно из значений: draft, published"),
    ("'x y' is not an event type id", "'x y' — не идентификатор типа события"),
    (
        "cannot publish an entry that is in review",
        "действие «опубликовать» невозможно для записи со статусом «на проверке»",
    ),
    ("say why (return needs a comment)", "укажите причину (для действия «вернуть на доработку» нужен комментарий)"),
    ("notes.pdf is a PDF; save the chronicle as .docx, .html or .txt",
     "notes.pdf — это PDF; сохраните хронику как .docx, .html или .txt"),
    (
        "no entries match; widen the dates or filters, or name other statuses with --status",
        "подходящих записей нет; расширьте даты или фильтры либо выберите другие статусы проверки",
    ),
    (
        "[3] carries tracking parameters (fbclid); clean: https://example.org/a",
        "[3] содержит параметры отслеживания (fbclid); чистая ссылка: https://example.org/a",
    ),
    ("entry 12 has no date: 'Somewhere'", "у записи 12 нет даты: 'Somewhere'"),
]


@pytest.mark.parametrize(("english", "russian_text"), MESSAGES, ids=[e[:30] for e, _ in MESSAGES])
def test_a_known_message_is_shown_in_russian_and_unchanged_in_english(
    english: str, russian_text: str
) -> None:
    with translation.override("en"):
        assert shown(english) == english, english
    with translation.override("ru"):
        assert shown(english) == russian_text, english


def test_an_unknown_message_is_shown_as_it_is(in_russian: None) -> None:
    assert shown("the moon is made of cheese") == "the moon is made of cheese"


def test_a_bad_search_parameter_is_explained_in_russian(record: None) -> None:
    response = russian().get("/?date_from=yesterday")
    html = response.content.decode()
    assert response.status_code == 400
    assert "нужна дата вида 2024-03-15, 2024-03 или 2024, а не &#x27;yesterday&#x27;" in html, html
    assert "expected a date" not in html
    english = Client().get("/?date_from=yesterday").content.decode()
    assert "expected a date like 2024-03-15, 2024-03 or 2024, not &#x27;yesterday&#x27;" in english


def test_an_upload_the_reader_cannot_use_is_refused_in_russian(admin: object) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("otchet.pdf", b"%PDF-1.4 not a chronicle", content_type="application/pdf")
    html = russian(admin).post("/upload/", {"file": upload, "period": "2024-04"}).content.decode()
    assert "otchet.pdf — это PDF; сохраните хронику как .docx, .html или .txt" in html, html


# --- the two codes ------------------------------------------------------------------------


def test_a_lint_code_and_a_legal_code_are_two_words_in_russian(record: None, admin: object) -> None:
    from kuzet.store import models as m

    client = russian(admin)
    document = client.get("/documents/2024-04/").content.decode()
    assert '<th scope="col">Код</th>' in document
    entry = m.Entry.objects.filter(legal_refs__isnull=False).order_by("pk").first()
    assert entry is not None
    form = client.get(f"/entries/{entry.pk}/edit/").content.decode()
    assert "<label>Кодекс <select" in form and "<label>Код <" not in form


def test_the_linter_s_findings_are_in_russian(record: None) -> None:
    html = russian().get("/documents/2024-04/").content.decode()
    assert "предупреждение" in html
    assert "[1] содержит параметры отслеживания (utm_source); чистая ссылка:" in html
    assert "carries tracking parameters" not in html
    assert "carries tracking parameters" in Client().get("/documents/2024-04/").content.decode()


# --- numbers, reasons, articles -------------------------------------------------------------


def test_chart_counts_take_the_russian_form_of_their_number(record: None) -> None:
    html = russian().get("/dashboard/").content.decode()
    assert "Jetisu Region: 3 записи" in html and "Astana: 1 запись" in html
    assert "3 записей" not in html and "1 записей" not in html


def test_refusal_reasons_are_named_in_russian(record: None) -> None:
    html = russian().get("/dashboard/").content.decode()
    assert "ремонтные работы или благоустройство" in html
    assert "repairs or improvement works" not in html


def test_every_refusal_reason_of_the_rules_has_a_russian_label() -> None:
    """The dashboard names reasons by their ids, the report by the rules' English labels."""
    from kuzet.store.stats import load_refusal_reasons
    from kuzet.workspace.labels import REASON_LABELS

    rules = load_refusal_reasons()
    assert {r.id for r in rules.reasons} | {rules.none_id} == set(REASON_LABELS)
    labels = [r.label for r in rules.reasons] + [rules.none_label]
    with translation.override("ru"):
        for label in labels:
            assert translation.pgettext("report", label) != label, label
        for reason_id, label in REASON_LABELS.items():
            assert str(label) != rules.label(reason_id), reason_id


def test_the_person_page_gives_article_titles_in_russian(record: None) -> None:
    from kuzet.store import models as m

    person = m.Person.objects.get(name__startswith="Aldanov")
    html = russian().get(f"/persons/{person.pk}/").content.decode()
    assert "Возбуждение социальной" in html and "Incitement of social" not in html


# --- the people list and the report -----------------------------------------------------------


def test_the_people_list_page_is_in_russian(record: None) -> None:
    html = russian().get("/people-list/?as_of=2024-06-01").content.decode()
    assert "Люди, преследуемые в Казахстане, на 2024-06-01 (все положения)" in html
    assert ">дата наказания<" in html and ">положение<" in html
    assert "под стражей (лишение свободы)" in html and "лишение свободы, 2 года" in html
    assert "УК 174" in html and "CC 174" not in html
    assert "in custody" not in html and "Everyone an entry" not in html


def test_the_people_list_file_is_english_on_an_english_page(record: None) -> None:
    data = Client().get("/people-list.csv?as_of=2024-06-01").content.decode()
    header = next(csv.reader(io.StringIO(data)))
    assert header[:3] == ["person id", "name", "region"]
    assert "in custody (imprisonment)" in data and "imprisonment, 2 years" in data


def test_the_report_page_is_in_russian(record: None) -> None:
    html = russian().get("/report/").content.decode()
    assert '<html lang="ru">' in html
    assert "Преследования в Казахстане в цифрах" in html
    assert "Записи по типам событий" in html and "Отказ в проведении собрания: 2 записи" in html
    assert "Эти цифры отражают то, что мониторы задокументировали" in html
    english = Client().get("/report/").content.decode()
    assert '<html lang="en">' in english and "Entries by event type" in english
