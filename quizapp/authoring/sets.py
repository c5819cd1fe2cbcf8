"""Views of question sets: list, create, edit, duplicate, publish, delete."""
