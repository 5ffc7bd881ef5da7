"""``{% url %}`` answered from what this process reversed before (a template builtin: settings).

Django reverses every ``{% url %}`` afresh: matching the view's patterns, putting in and
quoting the arguments. A page of the shop holds some twenty of them (account menu, footer,
forms, checkout steps), on every request. The URL of a view name with plain arguments (text
and integers) is the same every time for the same URL configuration, script prefix,
language and current application: it is reversed once and kept, at most ``KEPT_SIZE`` of
them. Any other argument (a model instance, a lazy string) is reversed every time, as by
Django; so is a name that does not reverse (the error, or ``as var`` left empty). A change
of ``ROOT_URLCONF`` (tests) forgets them.
"""

from django import template
from django.core.signals import setting_changed
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

KEPT_SIZE = 4096
_kept: dict[tuple, str] = {}


def _plain(value) -> bool:
    # Text (a template's literal is a SafeString) and integers; not True, equal to 1 as a key.
    return isinstance(value, str) or type(value) is int


def _current_app(context):
    """The current application, found as Django's ``URLNode`` finds it."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


def kept_reverse(view_name, args, kwargs, current_app) -> str:
    """``reverse()``, answered from what this process reversed before when every argument is
    plain (module doc)."""
    if not all(_plain(value) for value in (view_name, *args, *kwargs.values())):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    key = (
        view_name,
        tuple(args),
        tuple(kwargs.items()),
        current_app,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
    )
    url = _kept.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        if len(_kept) >= KEPT_SIZE:
            _kept.clear()
        _kept[key] = url
    return url


class KeptURLNode(defaulttags.URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        url = ""
        try:
            url = kept_reverse(self.view_name.resolve(context), args, kwargs, _current_app(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's ``{% url %}``, same syntax and output (``KeptURLNode``)."""
    node = defaulttags.url(parser, token)
    node.__class__ = KeptURLNode
    return node


def _forget(*, setting, **_kwargs):
    if setting == "ROOT_URLCONF":
        _kept.clear()


setting_changed.connect(_forget, dispatch_uid="shop-core-urltag-forget")
