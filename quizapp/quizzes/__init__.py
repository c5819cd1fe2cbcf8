"""Quizzes: their models, how attempts draw from them, the embargo, and the teacher's pages.

The teacher's pages (build, share, edit, close, delete) are the blueprint in `routes.py`,
under /teach/quizzes; it is kept out of this module so that importing the models does not
import the views.
"""
