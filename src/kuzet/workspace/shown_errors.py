"""Error messages (and the linter's findings) shown in web pages, in the reader's language.

The library, the store and the command line raise errors with English messages
(``kuzet: …`` on the command line, ``detail`` in the API), and they stay so. A page
translates them at the boundary — where a view puts an exception's message into a
page, a form error or a flash message — with :func:`shown`: each known kind of
message is a pattern whose named groups fill a translatable template; a message of
no known kind is shown as it is (English is better than nothing).

    shown("expected one of draft, published")  ->  "ожидается одно из: draft, published"

The English templates read exactly as the messages they match, so the English
interface is unchanged. Values quoted from the request (``'2024-13'``) stay as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext_lazy

from .labels import move_label, status_label

__all__ = ["shown"]


@dataclass(frozen=True, slots=True)
class _Kind:
    pattern: re.Pattern[str]
    template: Callable[[dict[str, object]], str]


def _plain(text: Promise) -> Callable[[dict[str, object]], str]:
    """A template filled with the message's groups; a plural one (``ngettext_lazy`` keyed
    by ``"n"``) picks its wording by the number (Russian has four forms)."""
    return lambda values: str(text % values)


_READ_WHAT = {
    "an event type id": gettext_lazy("an event type id"),
    "a domain name": gettext_lazy("a domain name"),
    "a sanction kind": gettext_lazy("a sanction kind"),
}

_KINDS: tuple[tuple[str, Callable[[dict[str, object]], str]], ...] = (
    # Search and list parameters (kuzet.workspace.params, the views' own checks).
    (
        r"expected a date like 2024-03-15, 2024-03 or 2024, not (?P<value>.*)",
        _plain(gettext_lazy("expected a date like 2024-03-15, 2024-03 or 2024, not %(value)s")),
    ),
    (
        r"expected a date like 2024-03-15, not (?P<value>.*)",
        _plain(gettext_lazy("expected a date like 2024-03-15, not %(value)s")),
    ),
    (r"(?P<value>.*) is not a real date", _plain(gettext_lazy("%(value)s is not a real date"))),
    (
        r"expected an article such as 'CC 174', 'CAO 488 part 6' or '405', not (?P<value>.*)",
        _plain(gettext_lazy("expected an article such as 'CC 174', 'CAO 488 part 6' or '405', not %(value)s")),
    ),
    (
        r"an article is written like 'CC 174', 'CAO 488 part 6' or '405', not (?P<value>.*)",
        _plain(gettext_lazy("an article is written like 'CC 174', 'CAO 488 part 6' or '405', not %(value)s")),
    ),
    (r"unknown code (?P<value>.*); one of (?P<values>.*)", _plain(gettext_lazy("unknown code %(value)s; one of %(values)s"))),
    (r"contains a NUL character", _plain(gettext_lazy("contains a NUL character"))),
    (r"at most (?P<n>\d+) values", _plain(ngettext_lazy("at most %(n)s value", "at most %(n)s values", "n"))),
    (
        r"a value is longer than (?P<n>\d+) characters",
        _plain(ngettext_lazy("a value is longer than %(n)s character", "a value is longer than %(n)s characters", "n")),
    ),
    (
        r"the search text is longer than (?P<n>\d+) characters",
        _plain(ngettext_lazy("the search text is longer than %(n)s character", "the search text is longer than %(n)s characters", "n")),
    ),
    (r"longer than (?P<n>\d+) characters", _plain(ngettext_lazy("longer than %(n)s character", "longer than %(n)s characters", "n"))),
    (r"give it once", _plain(gettext_lazy("give it once"))),
    (r"is after date_to", _plain(gettext_lazy("is after date_to"))),
    (r"expected one of (?P<values>.*)", _plain(gettext_lazy("expected one of %(values)s"))),
    (r"expected a page number, not (?P<value>.*)", _plain(gettext_lazy("expected a page number, not %(value)s"))),
    (r"expected a page number", _plain(gettext_lazy("expected a page number"))),
    (r"expected week or month", _plain(gettext_lazy("expected week or month"))),
    (r"bad request", _plain(gettext_lazy("bad request"))),
    # Publishing (kuzet.publish): the command line's advice names its options.
    (
        r"no entries match; widen the dates or filters, or name other statuses with --status",
        _plain(gettext_lazy("no entries match; widen the dates or filters, or name other statuses with --status")),
    ),
    (
        r"no entries with review status (?P<statuses>.*) match; widen the dates or filters, "
        r"or name other statuses with --status",
        _plain(
            gettext_lazy(
                "no entries with review status %(statuses)s match; widen the dates or filters, "
                "or name other statuses with --status"
            )
        ),
    ),
    (
        r"no dated entries to say which period this covers; give --from and --to",
        _plain(gettext_lazy("no dated entries to say which period this covers; give --from and --to")),
    ),
    # Review (kuzet.store.review).
    (
        r"cannot (?P<action>\w+) an entry that is (?P<status>.*)",
        _plain(gettext_lazy("cannot %(action)s an entry that is %(status)s")),
    ),
    (r"say why \((?P<action>\w+) needs a comment\)", _plain(gettext_lazy("say why (%(action)s needs a comment)"))),
    (r"the entry has no text", _plain(gettext_lazy("the entry has no text"))),
    (r"a name is one to 300 characters", _plain(gettext_lazy("a name is one to 300 characters"))),
    # The linter's findings (kuzet.chronicle.lint), on a document's page.
    (r"entry (?P<n>\d+) cites no source: (?P<text>.*)", _plain(gettext_lazy("entry %(n)s cites no source: %(text)s"))),
    (
        r"entry (?P<n>\d+) cites \[(?P<ref>\d+)\], but the reference list has no \[(?P=ref)\]",
        _plain(gettext_lazy("entry %(n)s cites [%(ref)s], but the reference list has no [%(ref)s]")),
    ),
    (
        r"entry (?P<n>\d+) cites \[(?P<ref>\d+)\] for the first time after \[(?P<previous>\d+)\]",
        _plain(gettext_lazy("entry %(n)s cites [%(ref)s] for the first time after [%(previous)s]")),
    ),
    (
        r"\[(?P<ref>\d+)\] is listed after \[(?P<previous>\d+)\] in the reference list",
        _plain(gettext_lazy("[%(ref)s] is listed after [%(previous)s] in the reference list")),
    ),
    (
        r"\[(?P<ref>\d+)\] is in the reference list but no entry cites it",
        _plain(gettext_lazy("[%(ref)s] is in the reference list but no entry cites it")),
    ),
    (
        r"\[(?P<ref>\d+)\] can be opened only by the site's staff \(an admin or draft link\); "
        r"cite the public page instead: (?P<url>.*)",
        _plain(
            gettext_lazy(
                "[%(ref)s] can be opened only by the site's staff (an admin or draft link); "
                "cite the public page instead: %(url)s"
            )
        ),
    ),
    (
        r"\[(?P<ref>\d+)\] carries tracking parameters \((?P<params>[^)]*)\); clean: (?P<url>.*)",
        _plain(gettext_lazy("[%(ref)s] carries tracking parameters (%(params)s); clean: %(url)s")),
    ),
    (r"entry (?P<n>\d+) has no date: (?P<text>.*)", _plain(gettext_lazy("entry %(n)s has no date: %(text)s"))),
    (
        r"entry (?P<n>\d+) is dated (?P<written>.*), outside the document's month (?P<period>\S+)",
        _plain(gettext_lazy("entry %(n)s is dated %(written)s, outside the document's month %(period)s")),
    ),
    (
        r"line (?P<line>\d+) is leftover page text, not an entry: (?P<text>.*)",
        _plain(gettext_lazy("line %(line)s is leftover page text, not an entry: %(text)s")),
    ),
    (
        r"line (?P<line>\d+), before the first entry, is not an entry: (?P<text>.*)",
        _plain(gettext_lazy("line %(line)s, before the first entry, is not an entry: %(text)s")),
    ),
    (
        r"line (?P<line>\d+) in the reference list is not a reference: (?P<text>.*)",
        _plain(gettext_lazy("line %(line)s in the reference list is not a reference: %(text)s")),
    ),
    # Reading an uploaded chronicle (kuzet.chronicle.read).
    (r"(?P<name>.+) is empty", _plain(gettext_lazy("%(name)s is empty"))),
    (
        r"(?P<name>.+) has no dated entries; is it a chronicle\?",
        _plain(gettext_lazy("%(name)s has no dated entries; is it a chronicle?")),
    ),
    (
        r"(?P<name>.+) is an old Word \.doc file; save it as \.docx",
        _plain(gettext_lazy("%(name)s is an old Word .doc file; save it as .docx")),
    ),
    (
        r"(?P<name>.+) is a PDF; save the chronicle as \.docx, \.html or \.txt",
        _plain(gettext_lazy("%(name)s is a PDF; save the chronicle as .docx, .html or .txt")),
    ),
    (r"(?P<name>.+) looks like a binary file, not text", _plain(gettext_lazy("%(name)s looks like a binary file, not text"))),
    (
        r"(?P<name>.+): cannot tell its text encoding; save it as UTF-8",
        _plain(gettext_lazy("%(name)s: cannot tell its text encoding; save it as UTF-8")),
    ),
    (
        r"(?P<name>.+) says it is (?P<encoding>\S+) but is not valid (?P=encoding)",
        _plain(gettext_lazy("%(name)s says it is %(encoding)s but is not valid %(encoding)s")),
    ),
    (
        r"(?P<name>.+) is not a Word document \(not a zip archive\)",
        _plain(gettext_lazy("%(name)s is not a Word document (not a zip archive)")),
    ),
    (
        r"(?P<name>.+) is a zip archive but not a Word document",
        _plain(gettext_lazy("%(name)s is a zip archive but not a Word document")),
    ),
    (
        r"(?P<name>.+) is (?P<size>[\d.]+) MB; chronicles over (?P<limit>\d+) MB are refused",
        _plain(gettext_lazy("%(name)s is %(size)s MB; chronicles over %(limit)s MB are refused")),
    ),
    (
        r"cannot tell which month (?P<name>.+) covers \(no title line, no date in the file name, "
        r"no clear month in the entries\); give it with --period YYYY-MM",
        _plain(
            gettext_lazy(
                "cannot tell which month %(name)s covers (no title line, no date in the file name, "
                "no clear month in the entries); give it with --period YYYY-MM"
            )
        ),
    ),
)
_COMPILED = tuple(_Kind(re.compile(p, re.DOTALL), t) for p, t in _KINDS)


def _words(values: dict[str, str]) -> dict[str, object]:
    """Known words inside a message (a review move, a status); the count as a number."""
    out: dict[str, object] = dict(values)
    if "n" in values:
        out["n"] = int(values["n"])
    if "action" in out:
        out["action"] = move_label(values["action"])
    if "status" in out:  # the store's label of a status: "in review"
        out["status"] = status_label(values["status"].replace(" ", "_"))
    return out


def shown(message: str) -> str:
    """``message`` in the active language when it is of a known kind, else as it is."""
    for what, words in _READ_WHAT.items():
        m = re.fullmatch(rf"(?P<value>.*) is not {re.escape(what)}", message, re.DOTALL)
        if m:
            return gettext("%(value)s is not %(what)s") % {"value": m["value"], "what": words}
    for kind in _COMPILED:
        m = kind.pattern.fullmatch(message)
        if m:
            return kind.template(_words(m.groupdict()))
    return message
