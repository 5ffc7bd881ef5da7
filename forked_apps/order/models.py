"""Order fork: each line keeps the distance of its product from the buyer at the time of purchase."""

from oscar.apps.order.abstract_models import AbstractLine

from forked_apps.lines import LineDistance, line_description


class Line(AbstractLine, LineDistance):
    @property
    def description(self):
        return line_description(self.title, self.attributes.all())


from oscar.apps.order.models import *  # noqa: E402,F403
