"""The store: Django models (the one schema), services that write, selectors that read."""
