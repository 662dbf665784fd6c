"""Gzip for the site's pages, except those too short for it to pay.

Django's GZipMiddleware compresses every response of 200 bytes or more. A question step,
the reply to every answer, is about 1 KB: compressing it took 40 to 90 µs, one answer's
time in twenty, under load (docs/benchmarks.md) and saved some 600 bytes, which change
neither the number of round trips (a reply this short goes out in one or two TCP segments,
far inside the first congestion window) nor the page-weight targets. Below MIN_LENGTH a
response goes out as it is, as with nginx's gzip_min_length or IIS's minimum file size;
longer ones, whole pages among them, are Django's (random padding against BREACH, Vary,
weak ETags).
"""

from django.middleware import gzip

MIN_LENGTH = 1400  # bytes of body: with the headers, about one Ethernet segment's payload


class GZipMiddleware(gzip.GZipMiddleware):
    def process_response(self, request, response):
        if not response.streaming and len(response.content) < MIN_LENGTH:
            return response
        return super().process_response(request, response)
