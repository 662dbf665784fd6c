"""Live class mode: the teacher paces a set on the projector, the class answers on phones.

``services`` changes a session's state (each a conditional UPDATE, so a double click or a
stale page changes nothing), ``selectors`` reads what the projector and the phones show,
``forms`` holds the teacher's two small forms. Answering is the "live" behaviour
(quizzes/behaviours/live.py); joining is ``teaching.set_start``.
"""
