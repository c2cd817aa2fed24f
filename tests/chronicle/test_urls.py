"""Source URLs: tracking parameters, canonical form, private addresses, domains, problems."""

from __future__ import annotations

import pytest

from kuzet.chronicle.urls import canonical_url, domain, is_private_url, tracking_params, url_problem

# (url, tracking parameters found, canonical url)
TRACKING_EXAMPLES = [
    (
        "https://news.example.kz/ru/news/piket?fbclid=IwAR0abc_DEF-123",
        ["fbclid"],
        "https://news.example.kz/ru/news/piket",
    ),
    (
        "https://media.example.org/a/?utm_source=tg&utm_medium=social&utm_campaign=x&utm_referrer=y",
        ["utm_source", "utm_medium", "utm_campaign", "utm_referrer"],
        "https://media.example.org/a/",
    ),
    (  # the kept parameter stays in place, byte for byte
        "https://www.youtube.com/watch?v=AbC-dEf_12&ab_channel=Some%D0%90Channel",
        ["ab_channel"],
        "https://www.youtube.com/watch?v=AbC-dEf_12",
    ),
    (  # on Twitter, s and t say who shared the link
        "https://twitter.com/someone/status/1700000000000000000?s=46&t=xYz-123&fbclid=IwAR9",
        ["s", "t", "fbclid"],
        "https://twitter.com/someone/status/1700000000000000000",
    ),
    (
        "https://x.com/someone/status/1700000000000000001?s=20",
        ["s"],
        "https://x.com/someone/status/1700000000000000001",
    ),
    (  # content parameters (fbid, set) stay; idorvanity goes
        "https://www.facebook.com/photo/?fbid=123456&set=gm.789&idorvanity=555",
        ["idorvanity"],
        "https://www.facebook.com/photo/?fbid=123456&set=gm.789",
    ),
    (
        "https://www.facebook.com/groups/12345/?multi_permalinks=678&ref=share",
        ["ref"],
        "https://www.facebook.com/groups/12345/?multi_permalinks=678",
    ),
    (  # ref=share is a share marker on any site
        "https://blog.example.net/post/9?ref=share&page=2",
        ["ref"],
        "https://blog.example.net/post/9?page=2",
    ),
    (
        "https://www.instagram.com/p/Cabc123/?igshid=MzRlODBiNWFlZA==",
        ["igshid"],
        "https://www.instagram.com/p/Cabc123/",
    ),
    (  # mobile and web Facebook hosts serve the same page as www
        "https://web.facebook.com/someone/posts/pfbid0abc?__cft__[0]=AZX&__tn__=%2CO%2CP-R",
        ["__cft__[0]", "__tn__"],
        "https://www.facebook.com/someone/posts/pfbid0abc",
    ),
    (  # a text fragment highlights a quotation; the page is the same
        "https://media.example.org/a/1#:~:text=the%20court",
        ["#:~:text"],
        "https://media.example.org/a/1",
    ),
    (
        "https://vlast.example.kz/novosti/55512-sud.html",
        [],
        "https://vlast.example.kz/novosti/55512-sud.html",
    ),
]

# Parameters that look like tracking elsewhere but select content here: kept.
NOT_TRACKING = [
    "https://news.example.kz/search?s=activist&t=2023",  # s, t track only on Twitter/X
    "https://www.gov.example.kz/press/news/details/578853?lang=ru",
    "https://www.youtube.com/watch?v=BbEIiK4KsNI&t=95",  # t: a start time, not a share id
    "https://forum.example.kz/topic?ref=1234",  # ref with a value that is not a share marker
]


@pytest.mark.parametrize(("url", "params", "clean"), TRACKING_EXAMPLES)
def test_tracking_parameters_are_found_and_removed(url: str, params: list[str], clean: str) -> None:
    assert tracking_params(url) == params, url
    assert canonical_url(url) == clean, url


@pytest.mark.parametrize("url", NOT_TRACKING)
def test_content_parameters_are_kept(url: str) -> None:
    assert tracking_params(url) == [], url
    assert canonical_url(url) == url, url


def test_canonical_url_lowercases_scheme_and_host_but_not_the_path() -> None:
    assert (
        canonical_url("HTTPS://News.Example.KZ/Ru/News/A?X=1")
        == "https://news.example.kz/Ru/News/A?X=1"
    )


def test_canonical_url_drops_default_port_and_keeps_others() -> None:
    assert canonical_url("https://example.kz:443/a") == "https://example.kz/a"
    assert canonical_url("http://example.kz:8080/a") == "http://example.kz:8080/a"


def test_canonical_url_of_unparseable_text_is_the_text_stripped() -> None:
    assert canonical_url("  not a url  ") == "not a url"


PRIVATE = [
    "https://rights.example.kz/wp-admin/post.php?post=32538&action=edit",
    "https://rights.example.kz/wp-admin/",
    "https://rights.example.kz/wp-login.php?redirect_to=x",
    "https://rights.example.kz/?p=123&preview=true",
    "https://rights.example.kz/node/77/edit",
    "https://rights.example.kz/administrator/index.php",
    "https://mail.google.com/mail/u/0/#inbox/FMfcgz",
    "http://localhost:8000/chronicle",
    "http://192.168.1.10/report.docx",
    "file:///C:/Users/monitor/Desktop/source.pdf",
]
PUBLIC = [
    "https://rights.example.kz/2023/06/chronicle/",
    "https://rus.example.org/a/32438820.html",
    "https://www.facebook.com/groups/ActivistsExample/posts/3572523966400194/",
    "https://example.kz/admin-rights-report",  # "admin" in a slug is not an admin screen
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_urls_are_recognised(url: str) -> None:
    assert is_private_url(url), url


@pytest.mark.parametrize("url", PUBLIC)
def test_public_urls_are_not_private(url: str) -> None:
    assert not is_private_url(url), url


DOMAINS = [
    ("https://www.facebook.com/x", "facebook.com"),
    ("https://web.facebook.com/x", "facebook.com"),
    ("https://m.facebook.com/x", "facebook.com"),
    ("https://rus.example.org/a/1.html", "rus.example.org"),
    ("HTTPS://WWW.Example.KZ:443/a", "example.kz"),
    ("www.example.kz/a", "example.kz"),
    ("not a url", ""),
]


@pytest.mark.parametrize(("url", "expected"), DOMAINS)
def test_domain(url: str, expected: str) -> None:
    assert domain(url) == expected, url


PROBLEMS = [
    ("", "is empty"),
    ("https://example.kz/a b", "contains spaces"),
    ("example.kz/news/1", "has no http:// or https:// at the start"),
    ("ftp://files.example.kz/a.pdf", "is a ftp: address, not a web page"),
    ("https:///path-only", "has no site name"),
    ("https://exa_mple..kz/a", "has an impossible site name 'exa_mple..kz'"),
    ("https://example.kz:99999/a", "cannot be parsed (bad port or brackets)"),
    ("Ibid.", "has no http:// or https:// at the start"),
]
NO_PROBLEM = [
    "https://example.kz/a?b=c",
    "http://127.0.0.1/x",
    "www.example.kz/news",
    "https://пример.қаз/жаңалықтар",
]


@pytest.mark.parametrize(("url", "problem"), PROBLEMS)
def test_url_problems_are_named(url: str, problem: str) -> None:
    assert url_problem(url) == problem, url


@pytest.mark.parametrize("url", NO_PROBLEM)
def test_usable_urls_have_no_problem(url: str) -> None:
    assert url_problem(url) is None, url
