"""What every page needs to know about the visitor, computed only if a template asks."""

from django.utils.functional import SimpleLazyObject

from quizzes import selectors


def roles(request):
    # Teacher views set request.is_teacher once they know, so their pages pay no query for
    # the menu; elsewhere it is looked up only for logged-in visitors, and only if shown.
    known = getattr(request, "is_teacher", None)
    if known is not None:
        return {"is_teacher": known}
    return {"is_teacher": SimpleLazyObject(lambda: selectors.is_teacher(request.user))}
