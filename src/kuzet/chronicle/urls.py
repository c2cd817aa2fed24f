"""Source URLs: tracking parameters, private addresses, canonical form, domain.

    canonical_url(url) -> str          the URL without tracking parameters (for
                                       display and for telling two sources apart)
    tracking_params(url) -> list[str]  the tracking parameters it carries
    is_private_url(url) -> bool        only the site's staff (or the owner) can open it
    domain(url) -> str                 the site, for grouping sources
    url_problem(url) -> str | None     why it is not a usable web address

Pure string work with :mod:`urllib.parse`; nothing is fetched. The query string
is filtered piece by piece, never decoded and re-encoded, so what remains is
byte-for-byte what the monitor pasted.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

__all__ = ["canonical_url", "domain", "is_private_url", "tracking_params", "url_problem"]

# Parameters that only say who shared a link, or how: safe to drop anywhere.
_TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "ysclid",
        "igshid",
        "igsh",
        "mibextid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "_openstat",
        "ab_channel",
        "idorvanity",
        "rdid",
        "share_url",
        "utm",
        "sfnsn",
        "cmpid",
        "wickedid",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "__tn__",
        "__cft__[0]",
        "__xts__[0]",
        "hc_ref",
        "fref",
        "refsrc",
        "ref_src",
        "ref_url",
        "from_webapp",
        "is_from_webapp",
        "sender_device",
        "sender_web_id",
        "is_copy_url",
        "share_app_id",
        "share_link_id",
    }
)
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "__cft__", "__xts__")
# Parameters that track only on some sites: elsewhere they may select content.
_TRACKING_BY_SITE: dict[str, frozenset[str]] = {
    "twitter.com": frozenset({"s", "t", "ref_src", "ref_url", "src"}),
    "x.com": frozenset({"s", "t", "ref_src", "ref_url", "src"}),
    "youtube.com": frozenset({"feature", "si", "pp", "ab_channel"}),
    "youtu.be": frozenset({"feature", "si", "t_share"}),
    "facebook.com": frozenset(
        {"ref", "notif_id", "notif_t", "hc_location", "comment_tracking", "paipv", "eav", "extid"}
    ),
    "instagram.com": frozenset({"hl", "img_index", "utm_source"}),
    "tiktok.com": frozenset({"_r", "_t", "lang"}),
    "vk.com": frozenset({"from"}),
    "open.spotify.com": frozenset({"si"}),
}
# ``ref=share`` (and friends) is a share marker on any site.
_SHARE_REF_VALUES = frozenset({"share", "shared", "sharing", "nf", "bookmarks", "ts", "tn_tnmn"})
# Host prefixes that serve the same pages as the bare or www site.
_MIRROR_PREFIXES = ("www.", "m.", "mobile.", "mbasic.", "web.", "touch.")
_FACEBOOK_HOSTS = re.compile(r"^(?:www|m|mobile|mbasic|web|touch)\.facebook\.com$")

# Addresses only a site's staff can open: admin screens, editors, drafts.
_PRIVATE_PATHS = (
    re.compile(r"/wp-admin(?:/|$)", re.IGNORECASE),  # WordPress admin (post.php?action=edit, ...)
    re.compile(r"/wp-login\.php", re.IGNORECASE),
    re.compile(r"/administrator(?:/|$)", re.IGNORECASE),  # Joomla
    re.compile(r"/node/\d+/edit\b", re.IGNORECASE),  # Drupal
    re.compile(r"/(?:user|users)/login\b", re.IGNORECASE),
    re.compile(r"/ghost(?:/|$)", re.IGNORECASE),  # Ghost editor
    re.compile(r"/bitrix/admin(?:/|$)", re.IGNORECASE),  # 1C-Bitrix, common on Kazakh sites
)
_PRIVATE_QUERY = re.compile(r"(?:^|&)(?:preview=true|preview_id=|action=edit\b)", re.IGNORECASE)
_PRIVATE_HOSTS = (
    "mail.google.com",
    "outlook.live.com",
    "outlook.office.com",
    "outlook.office365.com",
    "e.mail.ru",
    "mail.yandex.ru",
    "mail.yandex.kz",
    "draft.blogger.com",
    "business.facebook.com",
    "localhost",
)
_PRIVATE_TLDS = (".local", ".localhost", ".internal", ".lan", ".corp", ".intranet")
_HOST_RE = re.compile(
    r"^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]*$"
)


def _split(url: str) -> SplitResult | None:
    text = url.strip()
    if text.lower().startswith("www."):
        text = "http://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    return parts


def _host(parts: SplitResult) -> str:
    return (parts.hostname or "").rstrip(".").lower()


def _site(host: str) -> str:
    for prefix in _MIRROR_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def domain(url: str) -> str:
    """The site a URL belongs to: its host in lower case, without ``www.``, ``m.``,
    ``web.``... (``https://web.facebook.com/x`` -> ``facebook.com``); ``""`` if none."""
    parts = _split(url)
    return _site(_host(parts)) if parts else ""


def _query_pieces(query: str) -> list[str]:
    return [p for p in query.split("&") if p]


def _is_tracking(piece: str, site: str) -> bool:
    key, _, value = piece.partition("=")
    key = unquote_plus(key).lower()
    if key in _TRACKING or key.startswith(_TRACKING_PREFIXES):
        return True
    if key == "ref" and unquote_plus(value).lower() in _SHARE_REF_VALUES:
        return True
    for known, keys in _TRACKING_BY_SITE.items():
        if (site == known or site.endswith("." + known)) and key in keys:
            return True
    return False


def tracking_params(url: str) -> list[str]:
    """Names of the tracking parameters in ``url``, as written, in order."""
    parts = _split(url)
    if parts is None:
        return []
    site = _site(_host(parts))
    found = [p.partition("=")[0] for p in _query_pieces(parts.query) if _is_tracking(p, site)]
    if parts.fragment.startswith(":~:text="):
        found.append("#:~:text")
    return found


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters, with its scheme and host in lower case and
    Facebook's mobile/web hosts as ``www.facebook.com``. Path and the kept
    parameters stay exactly as written. A URL that cannot be parsed is returned
    stripped of surrounding space."""
    parts = _split(url)
    if parts is None or not parts.netloc:
        return url.strip()
    host = _host(parts)
    site = _site(host)
    if _FACEBOOK_HOSTS.match(host):
        host = "www.facebook.com"
    netloc = host
    if parts.port and (parts.scheme.lower(), parts.port) not in (("http", 80), ("https", 443)):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = "&".join(p for p in _query_pieces(parts.query) if not _is_tracking(p, site))
    fragment = "" if parts.fragment.startswith(":~:text=") else parts.fragment
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, query, fragment))


def is_private_url(url: str) -> bool:
    """Can only the site's staff (or the mailbox's owner) open it? WordPress
    ``wp-admin`` and previews, CMS editors, webmail, local and private-network hosts."""
    parts = _split(url)
    if parts is None:
        return False
    if parts.scheme.lower() == "file":
        return True
    host = _host(parts)
    if host in _PRIVATE_HOSTS or host.endswith(_PRIVATE_TLDS):
        return True
    try:
        if not ipaddress.ip_address(host).is_global:
            return True
    except ValueError:
        pass
    if any(p.search(parts.path) for p in _PRIVATE_PATHS):
        return True
    return bool(_PRIVATE_QUERY.search(parts.query))


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable web address, or ``None`` if it is one."""
    text = url.strip()
    if not text:
        return "is empty"
    if re.search(r"\s", text):
        return "contains spaces"
    parts = _split(text)
    if parts is None:
        return "cannot be parsed (bad port or brackets)"
    scheme = parts.scheme.lower()
    if not scheme:
        return "has no http:// or https:// at the start"
    if scheme not in ("http", "https"):
        return f"is a {scheme}: address, not a web page"
    host = _host(parts)
    if not host:
        return "has no site name"
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    if host != "localhost" and not _HOST_RE.match(host):
        return f"has an impossible site name {host!r}"
    return None
