"""URL patterns of Oscar's dashboard, mended where they must be."""

from django.urls import URLPattern, path


def with_int_pks(urls):
    """Oscar writes a few numeric ids as ``<str:pk>``: a non-numeric one then reached the
    database lookup and answered 500. As ``<int:pk>`` it simply does not match (404)."""
    mended = []
    for url in urls:
        route = str(url.pattern) if isinstance(url, URLPattern) else ""
        if "<str:pk>" in route:
            url = path(route.replace("<str:pk>", "<int:pk>"), url.callback, url.default_args, url.name)
        mended.append(url)
    return mended
