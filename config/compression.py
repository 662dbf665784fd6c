"""Gzip for the site's pages, except those too short for it to pay.

Django's GZipMiddleware compresses every response of 200 bytes or more. A question step,
the reply to every answer, is about 1 KB: compressing it took 40 to 90 µs, about a
twentieth of an answer's time in one process (docs/benchmarks.md), to save some 600 bytes
that change no round trip (a reply this short leaves in one or two TCP segments, far
inside the first congestion window). Below MIN_LENGTH a response goes out as it is, as
with nginx's gzip_min_length or IIS's minimum file size; longer ones, whole pages among
them, are Django's (random padding against BREACH, Vary, weak ETags).
"""

from django.middleware import gzip

# Bytes of body. With the headers of a step (about 550 bytes, the CSP among them) an
# uncompressed reply stays under the 2 KB a later question may weigh (make bench, step 3).
MIN_LENGTH = 1200


class GZipMiddleware(gzip.GZipMiddleware):
    def process_response(self, request, response):
        if not response.streaming and len(response.content) < MIN_LENGTH:
            return response
        return super().process_response(request, response)
