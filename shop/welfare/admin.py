from django.contrib import admin

from shop.welfare.models import (
    ChildrenDeclaration,
    CreditPlan,
    EmployeeWelfareProfile,
    LedgerEntry,
    PlanBeneficiary,
    ReimbursementClaim,
    Wallet,
)


class PlanBeneficiaryInline(admin.TabularInline):
    model = PlanBeneficiary
    raw_id_fields = ["employee"]
    extra = 0


@admin.register(CreditPlan)
class CreditPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "year", "amount_per_employee", "valid_from", "valid_to", "funded_at"]
    list_filter = ["year", "employer"]
    filter_horizontal = ["allowed_categories"]
    inlines = [PlanBeneficiaryInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Figures written only by shop.welfare.services: shown, never edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Wallet)
class WalletAdmin(ReadOnlyAdmin):
    list_display = ["pk", "employee", "plan", "balance", "reserved"]
    list_filter = ["plan__employer", "plan__year"]
    search_fields = ["employee__last_name", "employee__codice_fiscale"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "wallet", "kind", "amount", "held", "balance_after", "order_number"]
    list_filter = ["kind"]
    search_fields = ["order_number", "idempotency_key"]
    date_hierarchy = "created_at"


@admin.register(EmployeeWelfareProfile)
class EmployeeWelfareProfileAdmin(admin.ModelAdmin):
    """The category of employees a plan regulation refers to, per roster entry."""

    list_display = ["employee", "category"]
    list_filter = ["category", "employee__employer"]
    raw_id_fields = ["employee"]
    search_fields = ["employee__last_name", "employee__codice_fiscale"]


@admin.register(ChildrenDeclaration)
class ChildrenDeclarationAdmin(ReadOnlyAdmin):
    """Made by the employee only; shown here, never edited."""

    list_display = ["employee", "year", "children_count", "declared_at"]
    list_filter = ["year"]


@admin.register(ReimbursementClaim)
class ReimbursementClaimAdmin(ReadOnlyAdmin):
    """States change only through the review pages (they move the ledger and notify)."""

    list_display = ["pk", "wallet", "benefit_type", "amount", "status", "created_at"]
    list_filter = ["status", "benefit_type"]
    exclude = ["receipt"]
