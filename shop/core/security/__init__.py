"""Who must prove a second factor, and the pages where they set it up and prove it.

The manager's administrators and the HR contacts see money and people's data, so the
staff dashboard (``/dashboard/``, ``/admin/``) and the HR area (``/hr/``) ask for a
time-based one-time password (TOTP, django-otp) from:

- anyone who has a confirmed device: once set up, the second factor is never skipped;
- managers, HR contacts and superusers without a device, when ``SHOP_REQUIRE_2FA`` is on
  (the production default): they are sent to set one up first.

Login throttling (django-axes) answers a locked-out username+IP with the Italian page
rendered by ``views.lockout_response``; ``receivers`` audits each lockout.

``selectors`` holds the rules (who, which paths), ``services`` the device writes, then
``forms``, ``views`` and ``urls`` (mounted at ``/security/``) as in the domain apps.
"""
