"""Teachers' own questions: written in a form or imported, kept private, shared with a set."""
