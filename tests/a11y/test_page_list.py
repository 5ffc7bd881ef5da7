"""The sweep's page list (tests/a11y/pages.py) covers the URL conf: every named URL is either
swept under a role or excluded with a reason, so a new page cannot skip the accessibility and
phone-layout checks."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.a11y.pages import EXCLUDED, PAGES


def url_names(patterns=None, namespace: str = ""):
    """Every URL name of the URL conf, namespaced (``customer:order``)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def excluded(name: str) -> bool:
    return name in EXCLUDED or any(key.endswith("*") and name.startswith(key[:-1]) for key in EXCLUDED)


def listed() -> set[str]:
    return {name for pages in PAGES.values() for name in pages}


def unlisted(names) -> list[str]:
    return sorted({name for name in names if name not in listed() and not excluded(name)})


def test_every_page_of_the_url_conf_is_swept_or_excluded_with_a_reason():
    missing = unlisted(url_names())
    assert not missing, (
        "URL names neither in tests/a11y/pages.py PAGES (swept by role) nor in EXCLUDED "
        f"(with a reason): {missing}"
    )


def test_exclusions_have_a_reason_and_are_not_also_swept():
    assert all(reason and reason.strip() for reason in EXCLUDED.values())
    assert not sorted(name for name in listed() if excluded(name))


def test_every_entry_names_a_url_that_exists():
    names = set(url_names())
    stale = sorted(name for name in listed() if name not in names)
    stale += sorted(
        key
        for key in EXCLUDED
        if not (key.endswith("*") and any(n.startswith(key[:-1]) for n in names)) and key not in names
    )
    assert not stale, f"entries of tests/a11y/pages.py that name no URL: {stale}"


def test_the_check_fails_for_an_unlisted_page():
    """A URL conf with one more page than the list: the check names it."""
    from django.urls import path
    from django.views.generic import TemplateView

    extra = [path("nuova-pagina/", TemplateView.as_view(), name="a-new-page")]
    assert unlisted(url_names(get_resolver().url_patterns + extra)) == ["a-new-page"]
