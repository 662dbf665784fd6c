"""django-htmx's middleware, reading htmx's request headers straight from the WSGI environ.

django-htmx reads them through ``request.headers``, which Django builds on first use by
rewriting the name of every header of the request. An answer asks ``request.htmx`` three
times and needs ``request.headers`` for nothing else; reading ``request.META`` instead
saved 25 to 35 µs an answer (docs/benchmarks.md). What the details say is django-htmx's
own; if a release stops calling ``_get_header_value``, django-htmx's reading takes over.
"""

from urllib.parse import unquote

from django_htmx import middleware


class HtmxDetails(middleware.HtmxDetails):
    def _get_header_value(self, name: str) -> str | None:
        key = "HTTP_" + name.upper().replace("-", "_")
        meta = self.request.META
        value = meta.get(key) or None
        if value and meta.get(f"{key}_URI_AUTOENCODED") == "true":
            value = unquote(value)
        return value


class HtmxMiddleware(middleware.HtmxMiddleware):
    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        request.htmx = HtmxDetails(request)
        return self.get_response(request)

    async def __acall__(self, request):
        request.htmx = HtmxDetails(request)
        return await self.get_response(request)
