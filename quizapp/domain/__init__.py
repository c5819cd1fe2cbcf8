"""Quizapp's domain rules: plain Python, no Flask, no database."""
