"""Middleware of the shop's security rules (see shop/core/security.py)."""

from shop.core.security import is_protected_path, second_factor_redirect


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
