"""URLs of the quiz app: students' quizzes, joining by code, and the teachers' pages."""

from django.urls import path

from quizzes.authoring import views as authoring
from quizzes.views import challenges, deferred, live, regrade, student, teacher

app_name = "quizzes"
urlpatterns = [
    # Answering first: every student of a class sends one per question; in a live class
    # every phone asks for the current step every second.
    path("quiz/<uuid:attempt_id>/answer/", student.answer, name="answer"),
    path("quiz/<uuid:attempt_id>/live/step/", live.phone_step, name="live_step"),
    path("quiz/<uuid:attempt_id>/", student.take, name="take"),
    path("quiz/start/", student.start, name="start"),
    path("join/", student.join, name="join"),
    path("join/<str:code>/", student.join_set, name="join_set"),
    path("quiz/<uuid:attempt_id>/feedback/<int:number>/", student.feedback, name="feedback"),
    path("quiz/<uuid:attempt_id>/language/", student.switch_language, name="switch_language"),
    # Live class mode: the phones poll the step; the teacher drives the projector
    path("quiz/<uuid:attempt_id>/live/", live.phone, name="live"),
    path("quiz/<uuid:attempt_id>/live/answer/", live.phone_answer, name="live_answer"),
    # Deferred feedback with navigation
    path("quiz/<uuid:attempt_id>/question/<int:number>/", deferred.page, name="page"),
    path("quiz/<uuid:attempt_id>/save/", deferred.save, name="save"),
    path("quiz/<uuid:attempt_id>/summary/", deferred.summary, name="summary"),
    path("quiz/<uuid:attempt_id>/submit/", deferred.submit, name="submit"),
    path("quiz/<uuid:attempt_id>/results/", student.results, name="results"),
    path("quiz/<uuid:attempt_id>/again/", student.again, name="again"),
    path("quiz/<uuid:attempt_id>/mistakes/", student.mistakes, name="mistakes"),
    path(
        "quiz/<uuid:attempt_id>/challenge/<int:number>/",
        challenges.challenge,
        name="challenge",
    ),
    # Teachers
    path("teach/", teacher.index, name="teach"),
    path("teach/sets/<int:pk>/", teacher.edit, name="set_edit"),
    path("teach/sets/<int:pk>/bank/", teacher.bank, name="set_bank"),
    path("teach/sets/<int:pk>/add/", teacher.add, name="set_add"),
    path("teach/sets/<int:pk>/add-random/", teacher.add_random, name="set_add_random"),
    path("teach/sets/<int:pk>/remove/", teacher.remove, name="set_remove"),
    path("teach/sets/<int:pk>/move/", teacher.move, name="set_move"),
    path("teach/sets/<int:pk>/preview/", teacher.preview, name="set_preview"),
    path("teach/sets/<int:pk>/publish/", teacher.publish, name="set_publish"),
    path("teach/sets/<int:pk>/close/", teacher.close, name="set_close"),
    path("teach/sets/<int:pk>/reopen/", teacher.reopen, name="set_reopen"),
    path("teach/sets/<int:pk>/duplicate/", teacher.duplicate, name="set_duplicate"),
    path("teach/sets/<int:pk>/delete/", teacher.delete, name="set_delete"),
    path("teach/sets/<int:pk>/share/", teacher.share, name="set_share"),
    path("teach/sets/<int:pk>/projector/", teacher.projector, name="set_projector"),
    path("teach/sets/<int:pk>/results/", teacher.results, name="set_results"),
    path("teach/sets/<int:pk>/results.csv", teacher.results_csv, name="set_results_csv"),
    path("teach/sets/<int:pk>/results.xlsx", teacher.results_xlsx, name="set_results_xlsx"),
    path(
        "teach/sets/<int:pk>/attempts/<uuid:attempt_id>/",
        teacher.attempt_detail,
        name="set_attempt",
    ),
    path(
        "teach/sets/<int:pk>/attempts/<uuid:attempt_id>/remove/",
        teacher.attempt_remove,
        name="set_attempt_remove",
    ),
    path(
        "teach/sets/<int:pk>/attempts/<uuid:attempt_id>/restore/",
        teacher.attempt_restore,
        name="set_attempt_restore",
    ),
    path(
        "teach/sets/<int:pk>/accommodations/",
        teacher.accommodations,
        name="set_accommodations",
    ),
    path("teach/sets/<int:pk>/regrade/", regrade.regrade, name="set_regrade"),
    path("teach/sets/<int:pk>/export/<str:fmt>/", teacher.export, name="set_export"),
    path("teach/sets/<int:pk>/print/", teacher.printable, name="set_print"),
    path("teach/sets/<int:pk>/live/run/", live.run, name="live_run"),
    path("teach/sets/<int:pk>/live/", live.projector, name="live_projector"),
    path("teach/sets/<int:pk>/live/state/", live.projector_state, name="live_state"),
    path("teach/sets/<int:pk>/live/control/", live.control, name="live_control"),
    path(
        "teach/sets/<int:pk>/live/students/<uuid:attempt_id>/",
        live.student,
        name="live_student",
    ),
    # Teachers' own questions, and sets shared between teachers
    path("teach/questions/", authoring.questions, name="my_questions"),
    path("teach/questions/new/", authoring.question_new, name="question_new"),
    path("teach/questions/import/", authoring.question_import, name="question_import"),
    path("teach/questions/<slug:key>/", authoring.question_edit, name="question_edit"),
    path("teach/questions/<slug:key>/delete/", authoring.question_delete, name="question_delete"),
    path("teach/sets/<int:pk>/teachers/", authoring.set_teachers, name="set_teachers"),
    path("teach/shared/<int:pk>/", authoring.shared_set, name="shared_set"),
    path("teach/shared/<int:pk>/duplicate/", authoring.shared_duplicate, name="shared_duplicate"),
]
