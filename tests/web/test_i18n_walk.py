"""Every page of the workspace, in Russian, shows no English interface words.

The test walks every page (as an admin, who may open them all, and as an anonymous
visitor) with ``Accept-Language: ru`` and reads what a reader sees: the text, and the
``title``, ``placeholder`` and ``aria-label`` attributes. The test record is English
(its entry texts, names, places, addresses, document titles, the audit trail's values):
text that is the record's own data is left out. What remains must contain none of the
interface's English words — the words of every message in the catalogues (``msgid``),
less the words the record also uses and the Latin words the Russian translations keep
(Kuzet, CSV, API…). A string of the interface added without being marked for
translation, or an English message of the library shown as it is, fails here, named.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from kuzet.workspace.i18n import catalogs

polib = pytest.importorskip("polib")
lexbor = pytest.importorskip("selectolax.lexbor")
pytestmark = pytest.mark.db

WORD = re.compile(r"[A-Za-z]{3,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|\{\{[^}]*\}\}|<[^>]+>")
# The two-factor page's key (base32 in groups of four): letters, but no words.
SECRET = re.compile(r"^(?:[A-Z2-7]{4} ?)+$")


@pytest.fixture(autouse=True)
def quick_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def visible_text(html: str) -> Iterator[str]:
    """The text nodes and the reader-facing attributes of a page."""
    tree = lexbor.LexborHTMLParser(html)
    # <code> holds identifiers and values as typed (a parameter's name, a lint code).
    for node in tree.css("script, style, code"):
        node.decompose()
    if tree.body is None:
        return
    for node in tree.body.traverse(include_text=True):
        if node.tag == "-text":
            text = " ".join((node.text(deep=False) or "").split())
            if text:
                yield text
    for node in tree.css("[title], [placeholder], [aria-label]"):
        for attr in ("title", "placeholder", "aria-label"):
            value = node.attributes.get(attr)
            if value:
                yield " ".join(value.split())


def record_data() -> tuple[list[str], list[str]]:
    """What a page may show of the record as it is (English in the test record): its
    texts (whose words are the record's words), and the audit trail's values and the
    linter's codes (shown whole, as written; their words stay interface words)."""
    from kuzet.store import models as m

    texts: list[str] = []
    texts += m.Entry.objects.values_list("text", flat=True)
    texts += m.Person.objects.values_list("name", flat=True)
    texts += m.PersonMention.objects.values_list("written", flat=True)
    texts += m.PersonMention.objects.values_list("key", flat=True)
    texts += m.Place.objects.values_list("name", flat=True)
    texts += m.Source.objects.values_list("url", flat=True)
    texts += m.Citation.objects.values_list("original_url", flat=True)
    codes: list[str] = []
    for d in m.Document.objects.all():
        texts += [d.key, d.name, d.title or ""]
        codes += [d.format]
        codes += [str(f.get("code", "")) for f in d.lint_findings or [] if isinstance(f, dict)]
    from kuzet.workspace.audit_labels import is_kuzets_reason

    for ev in m.AuditEvent.objects.all():
        # Action names and the reasons Kuzet writes are shown translated (audit_labels):
        # only the reasons people wrote are the record's own words.
        codes += [ev.who, f"{ev.object_type} {ev.object_id}", ev.field]
        codes += [] if is_kuzets_reason(ev.action, ev.why) else [ev.why]
        codes += [json.dumps(v, ensure_ascii=False) for v in (ev.old, ev.new) if v is not None]
    return [" ".join(str(x).split()) for x in texts if x], [" ".join(str(x).split()) for x in codes if x]


def interface_words(data: list[str]) -> set[str]:
    """English words of the interface: in some msgid, not in the data, not kept in Russian."""
    words: set[str] = set()
    kept: set[str] = set()
    for po_path in catalogs():
        if Path(po_path).parents[1].name != "ru":
            continue
        for e in polib.pofile(str(po_path)):
            for msgid in (e.msgid, e.msgid_plural or ""):
                words |= {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", msgid))}
            for s in ([e.msgstr] if not e.msgid_plural else list(e.msgstr_plural.values())):
                kept |= {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", s))}
    in_data = {w.lower() for text in data for w in WORD.findall(text)}
    return words - kept - in_data


def is_data(part: str, data: list[str]) -> bool:
    part = part.strip(" ·—–:;,()“”\"'")
    return not part or any(part in d for d in data)


def english_in(html: str, data: list[str], vocabulary: set[str], typed: tuple[str, ...] = ()) -> list[str]:
    found = []
    for text in visible_text(html):
        for value in typed:  # what the reader typed is shown back as typed
            text = text.replace(value, "")
        # "· kuzet ingest ·", "user 2 · role": values of the record between separators.
        parts = [p for p in text.split("·") if not is_data(p, data)]
        if SECRET.match(text) or not parts:
            continue
        hits = sorted({w for p in parts for w in WORD.findall(p) if w.lower() in vocabulary})
        if hits:
            found.append(f"{text[:120]!r} ({', '.join(hits)})")
    return found


def pages(admin: object) -> list[str]:
    from kuzet.store import models as m

    entry = m.Entry.objects.order_by("pk").first()
    person = m.Person.objects.order_by("pk").first()
    place = m.Place.objects.filter(kind="city").order_by("pk").first()
    doc = m.Document.objects.order_by("key").first()
    assert entry and person and place and doc, "the test record is empty"
    return [
        "/",
        "/?q=nothing-matches-this",
        "/?date_from=2024-13",
        "/?article=nonsense",
        f"/entries/{entry.pk}/",
        "/persons/",
        f"/persons/{person.pk}/",
        "/places/",
        f"/places/{place.pk}/",
        "/map/",
        "/dashboard/",
        "/documents/",
        f"/documents/{doc.key}/",
        "/report/",
        "/people-list/",
        "/people-list/?as_of=2024-06-01&status=fined",
        "/people-list/?as_of=yesterday",
        "/entries/new/",
        f"/entries/{entry.pk}/edit/",
        "/review/",
        "/upload/",
        f"/persons/{person.pk}/edit/",
        "/audit/",
        "/accounts/two-factor/",
        "/accounts/token/",
        "/accounts/password/",
        "/accounts/users/",
        "/no-such-page/",
        "/entries/999999/",
    ]


def test_every_page_in_russian_has_no_english_interface_words(record: None) -> None:
    from kuzet.accounts.services import create_user

    admin = create_user("nachalnik", "admin", who="test")[0]
    create_user("chitatel", "viewer", who="test")
    texts, codes = record_data()
    vocabulary, data = interface_words(texts), texts + codes
    # The check itself works: these are interface words, and the record does not use them.
    assert {"entries", "persons", "situation", "sanction", "expected"} <= vocabulary

    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(admin)  # type: ignore[arg-type]
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="ru")
    visits = [(client, url) for url in pages(admin)]
    visits += [(anonymous, url) for url in ("/accounts/login/", "/", "/people-list/", "/report/")]
    left: list[str] = []
    for who, url in visits:
        typed = [v for _, v in parse_qsl(urlsplit(url).query)]  # shown back as typed
        response = who.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        html = response.content.decode()
        if '<html lang="ru">' not in html:
            left.append(f"{url}: the page does not say lang=ru")
        left += [f"{url}: {t}" for t in english_in(html, data, vocabulary, tuple(typed))]
    assert not left, "English in the Russian interface:\n" + "\n".join(left)


def test_the_walk_finds_an_untranslated_string(record: None) -> None:
    """The same check on a page with an English interface sentence in it fails."""
    texts, codes = record_data()
    vocabulary, data = interface_words(texts), texts + codes
    html = (
        '<html lang="ru"><body><p>Записи</p><p>3 entries match</p><p>Almaty</p>'
        '<p title="Expected a page number">1</p><p><code>date_from</code></p></body></html>'
    )
    found = english_in(html, data, vocabulary)
    assert [f.split("'")[1] for f in found] == ["3 entries match", "Expected a page number"], found
