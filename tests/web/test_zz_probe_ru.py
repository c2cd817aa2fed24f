from __future__ import annotations
import re
import pytest
from django.test import Client
from selectolax.parser import HTMLParser

pytestmark = pytest.mark.db

@pytest.fixture(autouse=True)
def quick_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

def text_of(html):
    tree = HTMLParser(html)
    for n in tree.css("script, style"):
        n.decompose()
    out = []
    for node in tree.body.traverse(include_text=True) if tree.body else []:
        if node.tag == "-text":
            t = node.text(deep=False).strip()
            if t and re.search(r"[A-Za-z]{3,}", t):
                out.append(t)
    for n in tree.css("[title],[placeholder],[aria-label],input[type=submit]"):
        for a in ("title", "placeholder", "aria-label", "value"):
            v = n.attributes.get(a)
            if v and re.search(r"[A-Za-z]{3,}", v) and n.attributes.get("type") != "hidden":
                out.append(f"@{a}={v}")
    return out

def test_probe(record, settings):
    from kuzet.accounts.services import create_user
    from kuzet.store import models as m
    admin = create_user("nachalnik", "admin", who="test")[0]
    c = Client(HTTP_ACCEPT_LANGUAGE="ru")
    c.force_login(admin)
    e = m.Entry.objects.first(); p = m.Person.objects.first(); pl = m.Place.objects.filter(entries__isnull=False).first() if hasattr(m.Place, 'entries') else m.Place.objects.first()
    d = m.Document.objects.first()
    urls = ["/", "/?q=zzz", "/?date_from=bad", f"/entries/{e.pk}/", "/persons/", f"/persons/{p.pk}/", "/places/", f"/places/{pl.pk}/",
            "/map/", "/dashboard/", "/documents/", f"/documents/{d.key}/", "/report/", "/people-list/", "/people-list/?as_of=bad",
            "/entries/new/", f"/entries/{e.pk}/edit/", "/review/", "/upload/", f"/persons/{p.pk}/edit/", "/audit/",
            "/accounts/two-factor/", "/accounts/token/", "/accounts/password/", "/accounts/users/", "/nonexistent/", "/entries/999999/"]
    seen = set()
    for u in urls:
        r = c.get(u)
        html = r.content.decode()
        lines = [t for t in text_of(html) if t not in seen]
        seen.update(lines)
        print(f"\n=== {u} {r.status_code}")
        for t in lines:
            print("   ", t[:200])
    anon = Client(HTTP_ACCEPT_LANGUAGE="ru")
    for u in ["/accounts/login/", "/", "/people-list/"]:
        html = anon.get(u).content.decode()
        lines = [t for t in text_of(html) if t not in seen]
        seen.update(lines)
        print(f"\n=== anon {u}")
        for t in lines:
            print("   ", t[:200])
    assert 0
