"""Oscar's email backend with its permission look-ups kept in the cache across requests.

Every page of a signed-in user asks for their permissions (the account menu shows the HR,
logistics and dashboard links by permission): Django reads them with two queries a request
(the user's own and their groups'). This backend keeps each user's permission names in the
cache under a version that every change of permissions, groups or group membership bumps
(``m2m_changed`` on the three link tables, saves and deletions of groups and permissions),
and under the user's ``is_superuser`` and date joined, which the key holds (inactive users are
not cached). Changes that
bypass signals (a raw ``queryset.update`` of the link tables) wait for the entry's expiry.
Django's ModelBackend, listed after it (some views log users in with it), finds the
permissions already on the user object and asks nothing more.

The signed-in user itself, read from the session's id on every request, is read with SQL
compiled once (shop/core/compiled.py).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend

from shop.core.cards import CacheVersion, versioned_value
from shop.core.compiled import CompiledOnce

PERMISSIONS_VERSION = CacheVersion("auth:permissions:version", "permissions-cache.stamp")
PERMISSIONS_SECONDS = 10 * 60


class CachedPermissionsMixin:
    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super()._get_permissions(user_obj, obj, from_name)
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            version = PERMISSIONS_VERSION.tag()
            # date_joined tells apart two accounts that came to share a primary key (SQLite
            # reuses the highest id after a deletion).
            joined = int(user_obj.date_joined.timestamp() * 1_000_000) if user_obj.date_joined else 0
            key = f"auth:perms:{from_name}:{user_obj.pk}:{joined}:{int(user_obj.is_superuser)}:{version}"
            perms = versioned_value(
                key,
                lambda: super(CachedPermissionsMixin, self)._get_permissions(user_obj, obj, from_name),
                PERMISSIONS_SECONDS,
            )
            setattr(user_obj, attribute, perms)
        return getattr(user_obj, attribute)


# Every request of a signed-in user reads them by the id their session holds.
_USER_SQL = CompiledOnce("signed-in-user", lambda pk: get_user_model()._default_manager.filter(pk=pk))


class EmailBackend(CachedPermissionsMixin, OscarEmailBackend):
    def get_user(self, user_id):
        # Django's ModelBackend.get_user, read with the SQL compiled once (an id that is not
        # an integer within 64 bits is left unbound by CompiledOnce: Django's own read).
        found = list(_USER_SQL.queryset(user_id))
        if len(found) != 1:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None


def connect_signals() -> None:
    user_model = get_user_model()
    PERMISSIONS_VERSION.follow_m2m(
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    )
    PERMISSIONS_VERSION.follow(Group, Permission)
