import re, html as H
import pytest
from django.test import Client
pytestmark = pytest.mark.db

def text(s):
    s = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", s, flags=re.S)
    s = re.sub(r"<[^>]+>", "\n", s)
    return "\n".join(l.strip() for l in H.unescape(s).splitlines() if re.search(r"[A-Za-z]{3}", l))

def test_dump(db, settings, record):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from kuzet.accounts.services import create_user
    u = create_user("adm", "admin", who="t")[0]
    c = Client(HTTP_ACCEPT_LANGUAGE="ru"); c.force_login(u)
    from kuzet.store import models as m
    e = m.Entry.objects.first(); p = m.Person.objects.first()
    for url in ["/accounts/login/", "/upload/", "/entries/new/", f"/entries/{e.pk}/edit/", f"/entries/{e.pk}/", "/review/?status=published", "/audit/", f"/persons/{p.pk}/edit/", "/accounts/users/", "/accounts/token/", "/accounts/two-factor/", "/accounts/password/", "/people-list/", "/entries/"]:
        r = c.get(url)
        print("=====", url, r.status_code)
        print(text(r.content.decode()))
