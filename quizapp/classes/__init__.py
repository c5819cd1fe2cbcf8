"""Classes: a teacher's roster of learners, joined by code, with quizzes assigned to it."""
