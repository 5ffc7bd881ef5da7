"""Admin for the taxonomy and the short-notice flags only.

Household profiles and urgent requests are deliberately absent: special-category data never
reaches staff pages.
"""

from django.contrib import admin

from shop.needs.models import Need, UrgentService


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "concerns",
        "child_age_min",
        "child_age_max",
        "emergency_prompt",
        "position",
        "is_active",
    )
    list_editable = ("position", "is_active")
    list_filter = ("concerns", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("categories", "product_classes")
    raw_id_fields = ("products",)
    search_fields = ("name", "description")


@admin.register(UrgentService)
class UrgentServiceAdmin(admin.ModelAdmin):
    list_display = ("product", "notice_hours", "is_active")
    list_filter = ("is_active", "notice_hours")
    raw_id_fields = ("product",)
    search_fields = ("product__title",)
