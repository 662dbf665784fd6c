"""The front door: the Conference introduced with its key numbers and a timeline."""

from django.shortcuts import render

from conference import selectors


def home(request):
    return render(request, "conference/home.html", {"overview": selectors.overview()})
