"""Refuse a request body larger than the site accepts before anything reads it."""

from django.conf import settings
from django.shortcuts import render


def request_body_limit(get_response):
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, judged by its Content-Length.

    Django applies that limit to form fields only as it parses them: a multipart body's
    files are streamed to memory and then to disk whatever their size, and the CSRF check
    parses every POST. No page of the site takes a file, so no request needs a body larger
    than a form's. (A body sent without Content-Length, chunked, is not read by Django at
    all.)
    """

    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return render(request, "413.html", status=413)
        return get_response(request)

    return middleware
