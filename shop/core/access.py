"""Who holds which role, decided in one place, and the access mixins of the views built on it.

A predicate answers for the *role* only, from the user's groups and permissions
(``shop.core.roles``) or, for suppliers, from Oscar's ``Partner.users``; an anonymous or
inactive user holds none. Which objects a role holder may reach is *scoping* and stays in the
domain apps' selectors: an HR contact's employers come from ``shop.eligibility.selectors``
(``employers_for_hr``), since the link between a user and an employer is an eligibility model;
a view passes that selector to the HR mixin as ``employers_for``.

Superusers hold every permission, so they pass the permission-based predicates (the manager's
only when also staff); they are suppliers or HR contacts only when linked like anyone else.

Each mixin keeps the answers of the pages: an anonymous user goes to the login page (or gets
403 where the view sets ``raise_exception``), a signed-in user without the role gets 403, an
object outside the role's scope is a 404 raised by the view's ``setup_scoped``.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

# The permission that marks the manager's administrators (the manager role, shop.core.roles).
MANAGER_PERMISSION = "charter.review_admission"
# Roster keeping: every HR contact's role carries it, no other role does.
HR_CONTACT_PERMISSION = "eligibility.view_employee"
SFA_OPERATOR_PERMISSION = "logistics.manage_rounds"
SFA_TRAINEE_PERMISSION = "logistics.use_packing_station"


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_manager(user) -> bool:
    """The manager's administrators: active staff holding the manager role's permission."""
    return _active(user) and user.is_staff and user.has_perm(MANAGER_PERMISSION)


def is_hr_contact(user) -> bool:
    """The HR contact role; which employers it covers is ``eligibility.selectors.employers_for_hr``."""
    return _active(user) and user.has_perm(HR_CONTACT_PERMISSION)


def partners_of_user(user) -> QuerySet:
    """The supplier partners ``user`` belongs to (one each, in practice)."""
    Partner = get_model("partner", "Partner")
    if not _active(user):
        return Partner._default_manager.none()
    return Partner._default_manager.filter(users=user)


def is_supplier(user) -> bool:
    """A user of a supplier partner."""
    return partners_of_user(user).exists()


def is_sfa_operator(user) -> bool:
    """SFA operators run delivery rounds; a trainee's station login never holds this."""
    return _active(user) and user.has_perm(SFA_OPERATOR_PERMISSION)


def is_sfa_trainee(user) -> bool:
    """Who may use the packing station: trainees during their work session."""
    return _active(user) and user.has_perm(SFA_TRAINEE_PERMISSION)


class RoleRequiredMixin(AccessMixin):
    """Anonymous: ``handle_no_permission``; signed in without the role: 403; then the scoping.

    ``permission_required`` (a string or a tuple) lists the page's own permissions on top of the
    role.
    """

    permission_required: str | tuple[str, ...] = ()

    def has_role(self) -> bool:
        raise NotImplementedError

    def has_page_permissions(self) -> bool:
        perms = self.permission_required
        return self.request.user.has_perms((perms,) if isinstance(perms, str) else perms)

    def setup_scoped(self, request, *args, **kwargs) -> None:
        """Read the objects of the URL through the role's selectors (404 when out of scope)."""

    def refuse_early(self):
        """A response that replaces the page (e.g. a redirect), or None."""
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not (self.has_role() and self.has_page_permissions()):
            raise PermissionDenied
        self.setup_scoped(request, *args, **kwargs)
        return self.refuse_early() or super().dispatch(request, *args, **kwargs)


class ManagerRequiredMixin(RoleRequiredMixin):
    def has_role(self) -> bool:
        return is_manager(self.request.user)


class HRContactRequiredMixin(RoleRequiredMixin):
    """The HR role, of some employer when the view names ``employers_for`` (the eligibility
    selector ``employers_for_hr``, given by the view: core imports no rule app); then
    ``self.employer`` is the URL's ``employer_pk`` among those employers, else 404."""

    employers_for = None

    def has_role(self) -> bool:
        if not is_hr_contact(self.request.user):
            return False
        return self.employers_for is None or self.employers_for(user=self.request.user).exists()

    def setup_scoped(self, request, *args, **kwargs) -> None:
        super().setup_scoped(request, *args, **kwargs)
        if self.employers_for is not None and "employer_pk" in kwargs:
            self.employer = get_object_or_404(self.employers_for(user=request.user), pk=kwargs["employer_pk"])


class SupplierRequiredMixin(RoleRequiredMixin):
    """A user of a partner; ``self.partner`` is theirs (suppliers have one partner each)."""

    def has_role(self) -> bool:
        self.partner = partners_of_user(self.request.user).select_related("seat").first()
        return self.partner is not None


class SFAOperatorRequiredMixin(RoleRequiredMixin):
    def has_role(self) -> bool:
        return is_sfa_operator(self.request.user)


class SFATraineeRequiredMixin(RoleRequiredMixin):
    """The packing station: trainees (and whoever holds its permission)."""

    def has_role(self) -> bool:
        return is_sfa_trainee(self.request.user)
