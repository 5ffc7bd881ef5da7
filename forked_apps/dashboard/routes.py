"""URL patterns of Oscar's dashboard, mended where they must be."""

from django.urls import URLPattern, path, register_converter


class DashboardPkConverter:
    """A numeric id, or the ``__fk__`` placeholder that Oscar's related-field widget reverses
    to build its "edit" link template. The placeholder itself never matches a request: its
    ``to_python`` fails, so the URL answers 404."""

    regex = "[0-9]+|__fk__"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(DashboardPkConverter, "dashboard_pk")


def with_int_pks(urls):
    """Oscar writes a few numeric ids as ``<str:pk>``: a non-numeric one then reached the
    database lookup and answered 500. As a numeric id it simply does not match (404)."""
    mended = []
    for url in urls:
        route = str(url.pattern) if isinstance(url, URLPattern) else ""
        if "<str:pk>" in route:
            url = path(
                route.replace("<str:pk>", "<dashboard_pk:pk>"), url.callback, url.default_args, url.name
            )
        mended.append(url)
    return mended
