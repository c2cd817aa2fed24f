import pytest
pytestmark = pytest.mark.db

def test_smoke(record, client):
    for url in ["/", "/?q=akimat", "/entries/1/", "/persons/", "/persons/1/", "/places/", "/places/1/", "/map/", "/dashboard/", "/documents/", "/documents/2024-04/", "/api/entries", "/api/persons", "/api/persons/1", "/api/places", "/api/stats", "/api/documents", "/entries/export.csv", "/dashboard/per_period.csv"]:
        r = client.get(url)
        print(url, r.status_code)
        assert r.status_code == 200, (url, r.content[:3000])
