"""How a basket or order line is named to people: its title, then each option as "name: value"."""


def line_description(title: str, attributes) -> str:
    """E.g. "Visita nutrizionale — Prenotazione: PM7YHEVF · sab 5 dicembre, 10:00–11:00".

    Oscar writes ``Title (Prenotazione = 'PM7YHEVF · …')``, a programmer's notation; this is
    the one place both line models (basket and order) take their description from.
    """
    options = []
    for attribute in attributes:
        value = attribute.value
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        options.append(f"{attribute.option.name}: {value}")
    return " — ".join([str(title), *options])
