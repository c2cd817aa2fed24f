"""The web workspace: the record in the browser for monitors, researchers and journalists.

Pages (entries with facets, one entry, persons, places, map, dashboard, documents) read
through :mod:`kuzet.workspace.access` (what a user may see) and
:mod:`kuzet.workspace.queries` (the same entry filter the CLI uses), and render
server-side HTML that works without JavaScript; scripts only add hover highlighting
and the map.
"""
