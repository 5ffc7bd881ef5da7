"""Admin: versions are drafted and published from the dashboard; signatures and the audit
trail are read-only here (no add, change or delete), as in every other view."""

from django.contrib import admin

from shop.charter.models import (
    Admission,
    AuditEntry,
    CharterCommitment,
    CharterVersion,
    ServiceTerms,
    Signature,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "partner", "action", "actor_label", "version", "reason"]
    list_filter = ["action"]
    search_fields = ["partner__name", "actor_label", "reason"]
    date_hierarchy = "created_at"


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["partner", "version", "signer_name", "signer_role", "signed_at", "text_sha256"]
    list_filter = ["version"]
    search_fields = ["partner__name", "signer_name"]


class CommitmentInline(admin.TabularInline):
    model = CharterCommitment
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "effective_date", "published_at"]
    inlines = [CommitmentInline]
    readonly_fields = ["published_at"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)


@admin.register(Admission)
class AdmissionAdmin(ReadOnlyAdmin):
    """Decisions go through the dashboard, which records them in the audit trail."""

    list_display = ["partner", "status", "applied_at", "decided_at", "on_sale"]
    list_filter = ["status", "on_sale"]


@admin.register(ServiceTerms)
class ServiceTermsAdmin(admin.ModelAdmin):
    list_display = ["product", "radius_km", "slots_per_week"]
    filter_horizontal = ["served_municipalities"]
