"""The Alliance's taxonomy of work-family needs, as first seeded (the manager edits it afterwards).

Plain data plus one function taking model classes, so the data migration (historical models)
and the demo loader share it. Names are Italian: they are shop content, not interface strings.
Categories are matched by name and linked only if they exist: a fresh database gets the
needs first and the links once the catalogue is in (the demo loader, or the manager).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedSpec:
    slug: str
    name: str
    description: str
    concerns: str
    categories: tuple[str, ...]
    child_ages: tuple[int, int] | None = None
    emergency_prompt: str = ""


TAXONOMY: tuple[NeedSpec, ...] = (
    NeedSpec(
        "genitore-anziano",
        "Cura di un genitore anziano",
        "Assistenza a casa, compagnia, centri diurni per un genitore o un parente anziano.",
        "elder",
        ("Assistenza domiciliare", "Centri diurni e residenzialità"),
        emergency_prompt="L'assistente familiare (badante) oggi non è venuta",
    ),
    NeedSpec(
        "familiare-disabile",
        "Cura di un familiare con disabilità o gravemente malato",
        "Assistenza, sollievo, riabilitazione e infermieri a casa per chi ha bisogno di cure continue.",
        "disabled",
        ("Disabilità e sollievo", "Assistenza domiciliare", "Fisioterapia e riabilitazione"),
        emergency_prompt="Un familiare malato ha bisogno di assistenza e non posso esserci",
    ),
    NeedSpec(
        "infanzia-0-3",
        "Nido e cura dei bambini da 0 a 3 anni",
        "Nidi, micronidi, tate e baby sitting per i più piccoli.",
        "child",
        ("Nidi e baby sitting",),
        child_ages=(0, 3),
    ),
    NeedSpec(
        "doposcuola",
        "Doposcuola",
        "Compiti, laboratori e sorveglianza nel pomeriggio per bambini e ragazzi delle scuole.",
        "child",
        ("Doposcuola",),
        child_ages=(6, 14),
    ),
    NeedSpec(
        "centri-estivi",
        "Centri estivi",
        "Settimane di centro estivo e campi quando la scuola è chiusa.",
        "child",
        ("Centri estivi",),
        child_ages=(3, 14),
    ),
    NeedSpec(
        "figlio-malato",
        "Un figlio malato a casa",
        "Una persona di fiducia che stia con un bambino malato mentre i genitori lavorano.",
        "child",
        ("Nidi e baby sitting",),
        child_ages=(0, 12),
        emergency_prompt="Mio figlio è malato e domattina devo lavorare",
    ),
    NeedSpec(
        "spesa-quotidiana",
        "La spesa di tutti i giorni senza tempo per farla",
        "Cassette di prodotti a km 0 consegnate vicino a casa.",
        "household",
        ("Prodotti Km 0",),
    ),
    NeedSpec(
        "trasporto-visite",
        "Accompagnare un familiare alle visite mediche",
        "Trasporto e accompagnamento a visite, esami e terapie.",
        "relative",
        ("Trasporto e accompagnamento",),
        emergency_prompt="Un familiare deve andare a una visita e non posso accompagnarlo",
    ),
    NeedSpec(
        "riposo-caregiver",
        "Riposo e benessere di chi assiste",
        "Tempo per sé, benessere e sostegno psicologico per chi si prende cura di un familiare.",
        "carer",
        ("Benessere e terme", "Supporto psicologico e logopedia"),
    ),
)


def taxonomy_apply(*, Need, Category, link_only: bool = False) -> int:
    """Create the needs missing by slug (unless ``link_only``) and link the named categories that exist.

    Never unlinks nor renames: once seeded, the taxonomy is the manager's to edit.
    Returns how many needs were created.
    """
    created = 0
    for position, spec in enumerate(TAXONOMY, start=1):
        need = Need.objects.filter(slug=spec.slug).first()
        if need is None:
            if link_only:
                continue
            low, high = spec.child_ages or (None, None)
            need = Need.objects.create(
                slug=spec.slug,
                name=spec.name,
                description=spec.description,
                concerns=spec.concerns,
                child_age_min=low,
                child_age_max=high,
                emergency_prompt=spec.emergency_prompt,
                position=position * 10,
            )
            created += 1
        linked = set(need.categories.values_list("pk", flat=True))
        wanted = Category.objects.filter(name__in=spec.categories).values_list("pk", flat=True)
        missing = [pk for pk in wanted if pk not in linked]
        if missing:
            need.categories.add(*missing)
    return created


def taxonomy_remove(*, Need) -> None:
    Need.objects.filter(slug__in=[spec.slug for spec in TAXONOMY]).delete()
