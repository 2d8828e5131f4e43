"""Interactive widgets (ipywidgets 8): models hold state, views draw it."""
