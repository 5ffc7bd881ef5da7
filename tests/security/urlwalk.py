"""Every URL pattern of the project as a concrete path, built from the URL conf itself.

Path converters and regex groups are filled with harmless values ("1", "x", ...): a URL
that needs an object then answers 404, which the forbidden-path tests accept.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse


@dataclass(frozen=True)
class ProjectURL:
    name: str  # "namespace:name", or the route when the pattern has no name
    route: str
    path: str
    callback: object


def _sample_char(items) -> str:
    """A character inside a character class, preferring "1" and "x"."""
    allowed = []
    for op, arg in items:
        if op == sre_constants.LITERAL:
            allowed.append(chr(arg))
        elif op == sre_constants.RANGE:
            low, high = arg
            for preferred in "1x":
                if low <= ord(preferred) <= high:
                    return preferred
            allowed.append(chr(low))
        elif op == sre_constants.CATEGORY:
            allowed.append("1" if arg == sre_constants.CATEGORY_DIGIT else "x")
        elif op == sre_constants.NEGATE:
            return "x"
    for preferred in "1x":
        if preferred in allowed:
            return preferred
    return allowed[0] if allowed else "x"


def _sample(parsed) -> str:
    out = []
    for op, arg in parsed:
        if op == sre_constants.LITERAL:
            out.append(chr(arg))
        elif op == sre_constants.NOT_LITERAL:
            out.append("y" if chr(arg) == "x" else "x")
        elif op == sre_constants.ANY:
            out.append("x")
        elif op == sre_constants.IN:
            out.append(_sample_char(arg))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, sub = arg
            out.append(_sample(sub) * max(low, 1))
        elif op == sre_constants.SUBPATTERN:
            out.append(_sample(arg[-1]))
        elif op == sre_constants.BRANCH:
            out.append(_sample(arg[1][0]))
        elif op == sre_constants.AT:
            continue
        else:  # pragma: no cover - lookarounds and the like are not used in URL confs
            raise ValueError(f"cannot build a sample for {op}")
    return "".join(out)


def _piece(pattern) -> str:
    return _sample(sre_parse.parse(pattern.regex.pattern))


def _walk(patterns, prefix_path="", prefix_route="", namespace=""):
    for entry in patterns:
        piece = _piece(entry.pattern)
        route = prefix_route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix_path + piece, route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or route)
            yield ProjectURL(name=name, route=route, path="/" + prefix_path + piece, callback=entry.callback)


def project_urls() -> tuple[list[ProjectURL], list[ProjectURL]]:
    """(urls, unreachable): unreachable are patterns whose sample resolves to another view."""
    urls, unreachable = [], []
    for url in _walk(get_resolver().url_patterns):
        try:
            match = resolve(url.path)
        except Resolver404:
            unreachable.append(url)
            continue
        if match.func is url.callback or getattr(match.func, "__wrapped__", None) is url.callback:
            urls.append(url)
        else:
            # Shadowed by an earlier pattern (e.g. Oscar's "products/create/" before the
            # class-slug variant): the earlier one is tested, this sample reaches it too.
            urls.append(url)
            unreachable.append(url)
    return urls, unreachable


def login_paths() -> tuple[str, ...]:
    return ("/accounts/login/", "/dashboard/login/", "/admin/login/")


LOGIN_PATH_RE = re.compile(r"^/(accounts|dashboard|admin)/login/")
