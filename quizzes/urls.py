"""Student URLs of the quiz app."""

from django.urls import path

from quizzes.views import student

app_name = "quizzes"
urlpatterns = [
    path("quiz/start/", student.start, name="start"),
    path("join/", student.join, name="join"),
    path("quiz/<uuid:attempt_id>/", student.take, name="take"),
    path("quiz/<uuid:attempt_id>/answer/", student.answer, name="answer"),
    path("quiz/<uuid:attempt_id>/feedback/<int:number>/", student.feedback, name="feedback"),
    path("quiz/<uuid:attempt_id>/results/", student.results, name="results"),
    path("quiz/<uuid:attempt_id>/again/", student.again, name="again"),
    path("quiz/<uuid:attempt_id>/mistakes/", student.mistakes, name="mistakes"),
]
