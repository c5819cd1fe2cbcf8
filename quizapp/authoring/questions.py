"""Views of the question editor: one form per kind, previews, and evidence picking."""
