"""The workspace's addresses. Ids in URLs are the store's stable ids."""

from __future__ import annotations

from django.urls import path, re_path

from .views import dashboard, documents, entries, entry, people, places, publishing

app_name = "workspace"

urlpatterns = [
    path("", entries.entries, name="entries"),
    re_path(r"^entries/export\.(?P<fmt>csv|jsonl)$", entries.export, name="export"),
    re_path(r"^entries/chronicle\.(?P<fmt>txt|md|html|docx)$", publishing.chronicle, name="chronicle"),
    re_path(r"^entries/records/(?P<fmt>csv|jsonl|xlsx|geojson|acled)$", publishing.export,
            name="publish_export"),
    path("report/", publishing.report, name="report"),
    re_path(r"^report\.(?P<fmt>md|xlsx)$", publishing.report_file, name="report_file"),
    path("people-list/", publishing.people_list, name="people_list"),
    re_path(r"^people-list\.(?P<fmt>csv|xlsx|md)$", publishing.people_list_file, name="people_list_file"),
    path("entries/<int:pk>/", entry.entry, name="entry"),
    path("persons/", people.persons, name="persons"),
    path("persons/<int:pk>/", people.person, name="person"),
    path("places/", places.places, name="places"),
    path("places/<int:pk>/", places.place, name="place"),
    path("map/", places.map_view, name="map"),
    path("dashboard/", dashboard.dashboard_view, name="dashboard"),
    re_path(r"^dashboard/(?P<figure>[a-z_]+)\.csv$", dashboard.dashboard_csv, name="dashboard_csv"),
    path("documents/", documents.documents, name="documents"),
    path("documents/<str:key>/", documents.document, name="document"),
]
