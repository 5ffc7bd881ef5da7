from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from oscar.apps.customer import mixins
from oscar.apps.customer.signals import user_registered


class RegisterUserMixin(mixins.RegisterUserMixin):
    def register_user(self, form):
        """Oscar's registration, logged in before the welcome email goes out.

        Oscar authenticates without the request, which django-axes refuses
        (AxesBackendRequestParameterRequired): the page answered 500 after the email was sent.
        """
        user = form.save()
        user_registered.send_robust(sender=self, request=self.request, user=user)
        authenticated = authenticate(
            self.request, username=user.email, password=form.cleaned_data["password1"]
        )
        if authenticated is None:
            user.backend = "oscar.apps.customer.auth_backends.EmailBackend"
            authenticated = user
        auth_login(self.request, authenticated)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        return authenticated
