"""Manager dashboard maps: offer coverage and km-0 share of spending across the territory."""

from django.views.generic import TemplateView

from shop.core.access import ManagerRequiredMixin
from shop.km0 import maps
from shop.territory.maps import render_map

PERMISSION = "territory.view_territory_maps"


class TerritoryMapView(ManagerRequiredMixin, TemplateView):
    permission_required = PERMISSION
    raise_exception = True  # anonymous users get 403 too, never a hint that the page exists
    build = None

    def get_context_data(self, **kwargs):
        spec, rows = type(self).build()
        return super().get_context_data(spec=spec, svg=render_map(spec), rows=rows, **kwargs)


class CoverageMapView(TerritoryMapView):
    template_name = "km0/dashboard/coverage_map.html"
    build = staticmethod(maps.coverage_map)


class Km0ShareMapView(TerritoryMapView):
    template_name = "km0/dashboard/share_map.html"
    build = staticmethod(maps.km0_share_map)
