"""The workspace's pages, one module per kind of page."""
