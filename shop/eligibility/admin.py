from django.contrib import admin

from shop.core.roles import Role, grant_role
from shop.eligibility.models import Employee, Employer, HRContact, Invitation, JoinRequest, ResidentProfile


class HRContactInline(admin.TabularInline):
    model = HRContact
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "vat_number", "status", "member_since", "member_until", "area"]
    list_filter = ["status", "area"]
    search_fields = ["legal_name", "vat_number"]
    raw_id_fields = ["seat"]
    inlines = [HRContactInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is HRContact:
            # An HR contact row without the role's group would see nothing: keep them together.
            for contact in formset.queryset.select_related("user"):
                grant_role(contact.user, Role.HR_CONTACT)


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "employer", "codice_fiscale", "start_date", "end_date", "user"]
    list_filter = ["employer"]
    search_fields = ["last_name", "codice_fiscale", "work_email"]
    raw_id_fields = ["user", "home_municipality", "work_municipality"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "employee", "sent_at", "expires_at", "accepted_at"]
    raw_id_fields = ["employee", "sent_by", "accepted_by"]
    readonly_fields = ["token"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "employer", "status", "created_at"]
    list_filter = ["status", "employer"]
    raw_id_fields = ["user", "home_municipality", "employee", "decided_by"]


@admin.register(ResidentProfile)
class ResidentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "home_municipality"]
    raw_id_fields = ["user", "home_municipality"]
