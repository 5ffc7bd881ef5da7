"""Pure rules of the rounds: which day an order is delivered, and the order of the stops.

No queries here: the services pass in what these functions need.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from shop.territory.distance import distance_km


def round_cutoff(*, delivery_date: datetime.date, cutoff_hours: int) -> datetime.datetime:
    """Last moment an order joins the round of ``delivery_date``: ``cutoff_hours`` before that day begins."""
    start = timezone.make_aware(datetime.datetime.combine(delivery_date, datetime.time.min))
    return start - datetime.timedelta(hours=cutoff_hours)


def delivery_date_for(
    *,
    placed_at: datetime.datetime,
    delivery_days: list[int],
    cutoff_hours: int,
    after: datetime.date | None = None,
    closed=lambda day: False,
) -> datetime.date:
    """The first delivery day whose cut-off ``placed_at`` does not pass (and later than ``after``).

    An order placed exactly at the cut-off still makes it. With Friday rounds and 36 hours,
    an order on Wednesday at 12:00 goes out on that Friday, one at 12:01 a week later.
    ``closed(day)`` true skips a day (a public holiday: ``shop.core.public_holidays``).
    """
    if not delivery_days:
        raise ValueError("SHOP_DELIVERY_DAYS is empty")
    day = timezone.localtime(placed_at).date()
    if after is not None and after >= day:
        day = after + datetime.timedelta(days=1)
    for _step in range(7 * 8):
        if (
            day.weekday() in delivery_days
            and not closed(day)
            and placed_at <= round_cutoff(delivery_date=day, cutoff_hours=cutoff_hours)
        ):
            return day
        day += datetime.timedelta(days=1)
    raise ValueError("No delivery day within eight weeks: check SHOP_DELIVERY_CUTOFF_HOURS")


@dataclass(frozen=True)
class Stop:
    place: object  # anything with lat and lon (a Municipality)
    leg_km: Decimal  # from the previous stop (or the hub)
    total_km: Decimal


def route_nearest_neighbour(*, hub, places: list) -> list[Stop]:
    """Visit ``places`` from ``hub`` always going to the nearest one not yet visited.

    Not the shortest tour, but predictable and good enough for a dozen villages; ties go to
    the place listed first, so the same round always gives the same route.
    """
    left = list(places)
    here, total, stops = hub, Decimal("0.0"), []
    while left:
        legs = [distance_km(here.lat, here.lon, place.lat, place.lon) for place in left]
        nearest = legs.index(min(legs))
        place = left.pop(nearest)
        total += legs[nearest]
        stops.append(Stop(place=place, leg_km=legs[nearest], total_km=total))
        here = place
    return stops
