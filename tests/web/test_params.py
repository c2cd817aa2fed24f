"""The query parser shared by the entries page, map, dashboard and API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from kuzet.workspace.params import BadQuery, SearchParams, parse_params

D = dt.date

EXAMPLES = [
    ("", SearchParams()),
    ("q=+detained+", SearchParams(q="detained")),
    ("date_from=2024-03", SearchParams(date_from=D(2024, 3, 1))),
    ("date_to=2024-02", SearchParams(date_to=D(2024, 2, 29))),  # a leap year's last day
    ("date_to=2023", SearchParams(date_to=D(2023, 12, 31))),
    ("date_from=2024-3-5", SearchParams(date_from=D(2024, 3, 5))),
    ("type=detention&type=protest&type=detention", SearchParams(type=("detention", "protest"))),
    ("article=cc+174", SearchParams(article=("CC 174",))),
    ("article=CAO+488+part+6", SearchParams(article=("CAO 488 part 6",))),
    ("article=405", SearchParams(article=("405",))),
    ("domain=WWW.Example.ORG", SearchParams(domain=("example.org",))),
    ("status=verified&status=published", SearchParams(status=("verified", "published"))),
    ("place=&region=", SearchParams()),  # empty values do not filter
    ("sort=place&page=3", SearchParams(sort="place", page=3)),
    ("unknown=ignored", SearchParams()),
]

BAD = [
    ("q=" + "x" * 501, "q"),
    ("q=a%00b", "q"),
    ("q=a&q=b", "q"),
    ("date_from=03/04/2024", "date_from"),
    ("date_from=2024-13", "date_from"),
    ("date_to=2023-02-29", "date_to"),
    ("date_from=2024-06&date_to=2024-05", "date_from"),
    ("type=Detention", "type"),
    ("type=" + "&type=".join(f"t{i}" for i in range(51)), "type"),
    ("article=art.+174", "article"),
    ("article=ABC+1", "article"),
    ("domain=no+spaces", "domain"),
    ("status=lost", "status"),
    ("sort=random", "sort"),
    ("page=0", "page"),
    ("page=1e3", "page"),
    ("place=a&place=b", "place"),
    ("region=" + "r" * 301, "region"),
]


@pytest.mark.parametrize("query, expected", EXAMPLES)
def test_queries_parse(query: str, expected: SearchParams) -> None:
    assert parse_params(QueryDict(query)) == expected, query


@pytest.mark.parametrize("query, param", BAD)
def test_bad_values_name_their_parameter(query: str, param: str) -> None:
    with pytest.raises(BadQuery) as info:
        parse_params(QueryDict(query))
    assert info.value.param == param, query
    assert str(info.value).startswith(f"{param}: ")


def test_a_parsed_query_writes_itself_back_the_same() -> None:
    query = (
        "q=akimat&date_from=2024-04-01&region=Jetisu+Region&type=protest&type=detention"
        "&article=CC+174&sort=date"
    )
    params = parse_params(QueryDict(query))
    assert parse_params(QueryDict(params.urlencode())) == params


def test_adding_and_removing_facet_values() -> None:
    p = parse_params(QueryDict("type=protest&place=Oral&page=4"))
    assert p.with_value("type", "detention").type == ("protest", "detention")
    assert p.with_value("place", "Almaty").place == ("Almaty",)  # one place at a time
    assert p.with_value("type", "detention").page == 1
    assert p.without("type", "protest").type == ()
    assert p.without("place").place == ()
    assert p.with_value("date_to", "2024-05").date_to == D(2024, 5, 31)


def test_the_api_may_pass_a_plain_mapping() -> None:
    assert parse_params({"type": ["protest"], "q": "x"}) == SearchParams(q="x", type=("protest",))
