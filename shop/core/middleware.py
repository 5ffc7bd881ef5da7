"""Middleware of the shop: security rules (see shop/core/security/), language, CSV exports
and the transaction of requests that write."""

from django.conf import settings
from django.db import transaction
from django.middleware.locale import LocaleMiddleware

from shop.core.request_memo import writing_request
from shop.core.security.selectors import is_protected_path, second_factor_redirect
from shop.core.spreadsheet import BOM, csv_made_safe


class SecondFactorMiddleware:
    """Send staff and HR requests without a verified second factor to verify or set one up.

    Runs after django-otp's OTPMiddleware, which tells whether the session is verified.
    Anonymous requests pass through: the views themselves send them to log in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_protected_path(request.path_info):
            response = second_factor_redirect(request)
            if response is not None:
                return response
        return self.get_response(request)


class ItalianFirstLocaleMiddleware(LocaleMiddleware):
    """Italian for everyone unless the visitor picked another language with the switcher.

    The shop serves one Italian territory: a browser set to English should not turn the
    storefront English by itself; the language switcher's cookie still does.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class PermissionsPolicyMiddleware:
    """Add the ``Permissions-Policy`` header (``SHOP_PERMISSIONS_POLICY``) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.SHOP_PERMISSIONS_POLICY)
        return response


class DashboardCsvMiddleware:
    """Every CSV the dashboard sends is made safe for Excel, Oscar's own exports included
    (reports, voucher codes, offer discounts): formulas neutralised, UTF-8 with a BOM
    (``shop.core.spreadsheet``). The shop's own exports already are, and pass untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            request.path.startswith("/dashboard/")
            and content_type.startswith("text/csv")
            and not response.streaming
            and not response.content.startswith(BOM.encode("utf-8"))
        ):
            response.content = csv_made_safe(response.content, charset=response.charset)
            response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class WritingRequestsAtomicMiddleware:
    """Run the view of a request that may write in one transaction; page reads in none.

    It replaces ``ATOMIC_REQUESTS``: a POST, PUT, PATCH or DELETE still writes all or
    nothing, as before, while a GET, HEAD or OPTIONS runs without a transaction. That spares
    each page read its BEGIN and COMMIT and, on SQLite, the write lock that ``BEGIN
    IMMEDIATE`` takes: readers no longer queue behind a checkout. Code that locks rows
    (``select_for_update``) opens its own ``transaction.atomic`` in its service.

    Last in ``MIDDLEWARE``, so every other middleware's ``process_view`` (CSRF above all)
    has run; the response is rendered outside the transaction, as with ``ATOMIC_REQUESTS``.
    """

    READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in self.READING_METHODS:
            return None
        with writing_request(), transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
