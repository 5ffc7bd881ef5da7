"""What the demo catalogue offers: categories, product classes, kinds of supplier and their items.

Plain data, no database access. Titles and descriptions are Italian: they are shop content,
not interface strings. ``{place}`` is the supplier's seat, ``{zone}`` the area it belongs to.
"""

from dataclasses import dataclass, field

from shop.welfare.fiscal import BenefitType

# The six offer categories of the Alliance, in the order the storefront shows them.
CATEGORIES: list[tuple[str, str, list[str]]] = [
    (
        "Cura della persona",
        "Assistenza a casa e fuori casa per anziani, persone con disabilità e malati, "
        "e sollievo per chi se ne prende cura.",
        [
            "Assistenza domiciliare",
            "Disabilità e sollievo",
            "Centri diurni e residenzialità",
            "Trasporto e accompagnamento",
        ],
    ),
    (
        "Educazione e cura dei figli",
        "Nidi, baby sitting, doposcuola, centri estivi e sostegno ai genitori.",
        ["Nidi e baby sitting", "Doposcuola", "Centri estivi", "Sostegno alla genitorialità"],
    ),
    (
        "Prodotti Km 0",
        "Cibo delle aziende agricole e dei laboratori del territorio, consegnato nelle "
        "cassette del Servizio di Formazione all'Autonomia.",
        [
            "Frutta, verdura e uova",
            "Latte, formaggi e salumi",
            "Pane, farine e conserve",
            "Specialità del lago e delle colline",
        ],
    ),
    (
        "Tempo libero e benessere",
        "Sport, escursioni, corsi e momenti di benessere vicino a casa.",
        ["Sport e movimento", "Escursioni e lago", "Corsi e laboratori", "Benessere e terme"],
    ),
    (
        "Consumo sostenibile",
        "Prodotti per la casa a basso impatto, artigianato sociale, commercio equo e riparazioni.",
        ["Casa ed ecodetersivi", "Artigianato e commercio equo", "Riparazioni e riuso"],
    ),
    (
        "Salute e previdenza",
        "Visite, prevenzione, fisioterapia, sostegno psicologico e assistenza fiscale e previdenziale.",
        [
            "Visite e prevenzione",
            "Fisioterapia e riabilitazione",
            "Supporto psicologico e logopedia",
            "Assistenza fiscale e previdenziale",
        ],
    ),
]

SHIPPED = "Prodotto spedito"
BOXED = "Prodotto in cassetta"
SERVICE = "Servizio"

# name -> (requires_shipping, track_stock, class VAT rate)
PRODUCT_CLASSES = {
    SHIPPED: (True, True, "22"),
    BOXED: (True, True, "4"),
    SERVICE: (False, False, "22"),
}


@dataclass(frozen=True)
class Item:
    """One offer; each variant (label, price factor) becomes one product."""

    subcategory: str
    title: str
    description: str
    price: str
    variants: tuple[tuple[str, str], ...] = (("", "1"),)
    vat: str | None = None  # overrides the kind's rate (food at 4 % or 10 %)
    benefit: str | None = None  # overrides the kind's benefit type


@dataclass(frozen=True)
class Kind:
    category: str
    product_class: str
    vat: str
    benefit: str
    method: str
    items: tuple[Item, ...]
    description: str
    production_notes: str
    tags: tuple[str, ...] = field(default=())


C_CARE, C_KIDS, C_KM0, C_LEISURE, C_SUST, C_HEALTH = (c[0] for c in CATEGORIES)

KINDS: dict[str, Kind] = {
    "home_care": Kind(
        category=C_CARE,
        product_class=SERVICE,
        vat="5",
        benefit=BenefitType.C2_F_TER,
        method="service",
        description="Cooperativa sociale di tipo A: assistenza domiciliare, sollievo per le famiglie "
        "e centri diurni per anziani e persone con disabilità.",
        production_notes="Operatori socio-sanitari (OSS) e ASA qualificati, coordinatrice "
        "infermieristica, piano di assistenza individuale concordato con la famiglia.",
        items=(
            Item(
                "Assistenza domiciliare",
                "Assistenza domiciliare anziani",
                "Un'operatrice socio-sanitaria a casa della persona anziana: aiuto nell'alzata, "
                "nell'igiene, nei pasti e nelle piccole faccende, secondo un piano concordato.",
                "22.00",
                (("1 ora", "1"), ("mezza giornata", "3.6"), ("pacchetto 10 ore", "9.5"), ("notte", "6")),
            ),
            Item(
                "Assistenza domiciliare",
                "Aiuto nell'igiene personale a domicilio",
                "Bagno assistito e cura della persona con operatrici formate, anche con ausili.",
                "25.00",
                (("intervento singolo", "1"), ("pacchetto 8 interventi", "7.5")),
            ),
            Item(
                "Assistenza domiciliare",
                "Compagnia e sorveglianza per anziani",
                "Presenza rassicurante, passeggiate, lettura e conversazione, mentre i familiari lavorano.",
                "30.00",
                (("2 ore", "1"), ("pomeriggio", "2"), ("5 pomeriggi", "9")),
            ),
            Item(
                "Disabilità e sollievo",
                "Educatore domiciliare per persona con disabilità",
                "Interventi educativi a casa per l'autonomia nella vita quotidiana, in accordo con i "
                "servizi sociali del comune.",
                "27.00",
                (("1 ora", "1"), ("pacchetto 10 ore", "9.5")),
            ),
            Item(
                "Disabilità e sollievo",
                "Sollievo per caregiver familiari",
                "Un operatore sostituisce il familiare che assiste, per qualche ora di riposo o per "
                "una commissione.",
                "60.00",
                (("mezza giornata", "1"), ("giornata intera", "1.8")),
            ),
            Item(
                "Centri diurni e residenzialità",
                "Centro diurno anziani a {place}",
                "Accoglienza diurna con pranzo, animazione, ginnastica dolce e cura della persona.",
                "38.00",
                (("giornata", "1"), ("5 giornate", "4.6"), ("mese, 3 giorni a settimana", "11")),
            ),
            Item(
                "Centri diurni e residenzialità",
                "Ricovero di sollievo",
                "Soggiorno temporaneo in struttura protetta per dare respiro alla famiglia o dopo "
                "un ricovero ospedaliero.",
                "520.00",
                (("1 settimana", "1"), ("2 settimane", "1.9")),
            ),
            Item(
                "Trasporto e accompagnamento",
                "Accompagnamento a visite mediche",
                "Un operatore accompagna la persona alla visita e la riporta a casa.",
                "18.00",
                (("in valle", "1"), ("a Bergamo", "1.8")),
            ),
        ),
    ),
    "volunteer_care": Kind(
        category=C_CARE,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F_TER,
        method="service",
        description="Organizzazione di volontariato: trasporto sociale, consegne a domicilio e "
        "compagnia telefonica per chi vive solo.",
        production_notes="Volontari formati e automezzi attrezzati per carrozzine; "
        "rimborso delle sole spese vive.",
        items=(
            Item(
                "Trasporto e accompagnamento",
                "Trasporto sociale con mezzo attrezzato",
                "Trasporto con pulmino attrezzato per carrozzina verso ospedali, ambulatori e centri diurni.",
                "15.00",
                (("corsa singola", "1"), ("carnet 10 corse", "9")),
            ),
            Item(
                "Trasporto e accompagnamento",
                "Consegna spesa e farmaci a domicilio",
                "Ritiro di spesa e farmaci e consegna a casa, per chi non può uscire.",
                "6.00",
                (("consegna singola", "1"), ("carnet 10 consegne", "9")),
            ),
            Item(
                "Assistenza domiciliare",
                "Telefonata amica e telesoccorso",
                "Una chiamata quotidiana di compagnia e un dispositivo di allarme collegato ai volontari.",
                "15.00",
                (("1 mese", "1"), ("12 mesi", "10")),
            ),
            Item(
                "Disabilità e sollievo",
                "Accompagnamento per commissioni e uscite",
                "Un volontario accompagna in posta, in comune, al mercato o a trovare un amico.",
                "10.00",
                (("uscita singola", "1"), ("carnet 5 uscite", "4.5")),
            ),
        ),
    ),
    "childcare": Kind(
        category=C_KIDS,
        product_class=SERVICE,
        vat="5",
        benefit=BenefitType.C2_F_BIS,
        method="service",
        description="Cooperativa sociale educativa: nidi, spazi gioco, doposcuola e centri estivi "
        "con educatrici e educatori qualificati.",
        production_notes="Personale con laurea in scienze dell'educazione, rapporto educatore-bambini "
        "secondo le norme regionali, menù preparati in cucina interna.",
        items=(
            Item(
                "Nidi e baby sitting",
                "Asilo nido a {place}",
                "Nido per bambini da 3 a 36 mesi, con inserimento graduale e pranzo preparato in sede.",
                "520.00",
                (("mese, tempo pieno", "1"), ("mese, part time", "0.65")),
            ),
            Item(
                "Nidi e baby sitting",
                "Baby sitting a domicilio",
                "Babysitter formate dalla cooperativa, anche la sera e nei giorni di chiusura delle scuole.",
                "36.00",
                (("3 ore", "1"), ("carnet 10 ore", "3")),
            ),
            Item(
                "Nidi e baby sitting",
                "Spazio gioco 0-3 anni a {place}",
                "Mattine di gioco e incontro per bambini con un genitore o un nonno.",
                "12.00",
                (("mattina", "1"), ("mese, 2 mattine a settimana", "7")),
            ),
            Item(
                "Doposcuola",
                "Doposcuola e aiuto compiti a {place}",
                "Pomeriggi di studio accompagnato per la scuola primaria e secondaria di primo grado.",
                "45.00",
                (("settimana", "1"), ("mese", "3.6"), ("anno scolastico", "28")),
            ),
            Item(
                "Doposcuola",
                "Pre-scuola e accoglienza mattutina",
                "Accoglienza dalle 7.30 all'inizio delle lezioni, per i genitori che entrano presto "
                "al lavoro.",
                "30.00",
                (("mese", "1"), ("anno scolastico", "8")),
            ),
            Item(
                "Centri estivi",
                "Centro estivo settimanale a {place}",
                "Giochi, laboratori, gite e piscina per bambini dai 6 agli 11 anni.",
                "85.00",
                (("mezza giornata", "1"), ("giornata intera con pranzo", "1.6")),
            ),
            Item(
                "Centri estivi",
                "Mini-club estivo 3-5 anni a {place}",
                "Settimane estive per i più piccoli, con riposo pomeridiano e attività all'aperto.",
                "95.00",
                (("settimana", "1"),),
            ),
            Item(
                "Centri estivi",
                "Campo estivo in montagna 8-13 anni",
                "Una settimana in rifugio con educatori: escursioni, orientamento e vita di gruppo.",
                "260.00",
                (("settimana", "1"),),
            ),
        ),
    ),
    "family_support": Kind(
        category=C_KIDS,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F,
        method="service",
        description="Consultorio familiare accreditato: ascolto, consulenza e percorsi per genitori "
        "e famiglie.",
        production_notes="Équipe di psicologi, pedagogisti, ostetriche e mediatori familiari.",
        items=(
            Item(
                "Sostegno alla genitorialità",
                "Incontri per neo-genitori",
                "Ciclo di incontri con ostetrica e pedagogista sui primi mesi di vita del bambino.",
                "40.00",
                (("ciclo di 4 incontri", "1"),),
            ),
            Item(
                "Sostegno alla genitorialità",
                "Consulenza pedagogica",
                "Colloqui con una pedagogista su sonno, regole, scuola e crescita dei figli.",
                "50.00",
                (("colloquio", "1"), ("ciclo di 5 colloqui", "4.5")),
            ),
            Item(
                "Sostegno alla genitorialità",
                "Mediazione familiare",
                "Percorso per genitori che si separano, per accordarsi nell'interesse dei figli.",
                "60.00",
                (("incontro", "1"), ("percorso di 6 incontri", "5.5")),
            ),
            Item(
                "Sostegno alla genitorialità",
                "Gruppo di parola per adolescenti e genitori",
                "Incontri di gruppo condotti da uno psicologo per affrontare insieme l'adolescenza.",
                "45.00",
                (("ciclo di 5 incontri", "1"),),
            ),
            Item(
                "Nidi e baby sitting",
                "Massaggio infantile per genitori e neonati",
                "Corso per imparare il massaggio al proprio bambino, con un'operatrice certificata.",
                "55.00",
                (("corso di 5 incontri", "1"),),
                benefit=BenefitType.C2_F_BIS,
            ),
        ),
    ),
    "produce": Kind(
        category=C_KM0,
        product_class=BOXED,
        vat="4",
        benefit=BenefitType.C3_FRINGE,
        method="organic",
        description="Azienda agricola di collina: ortaggi di stagione, frutta e uova, "
        "raccolti il giorno prima della consegna.",
        production_notes="Coltivazione biologica certificata, rotazioni e sovesci, nessun diserbante; "
        "galline allevate all'aperto.",
        items=(
            Item(
                "Frutta, verdura e uova",
                "Cassetta di verdura di stagione {zone}",
                "Verdura di stagione raccolta il giorno prima: insalate, ortaggi da cuocere, "
                "erbe aromatiche.",
                "15.00",
                (("5 kg", "1"), ("8 kg", "1.5")),
            ),
            Item(
                "Frutta, verdura e uova",
                "Mele di collina",
                "Mele di varietà antiche e moderne, non trattate dopo la raccolta.",
                "5.50",
                (("2 kg", "1"), ("5 kg", "2.3")),
            ),
            Item(
                "Frutta, verdura e uova",
                "Patate di montagna",
                "Patate a pasta gialla coltivate sopra i 500 metri.",
                "6.50",
                (("5 kg", "1"),),
            ),
            Item(
                "Frutta, verdura e uova",
                "Zucche e ortaggi d'autunno",
                "Zucche, cavoli e radici per zuppe e minestre.",
                "7.00",
                (("3 kg", "1"),),
            ),
            Item(
                "Frutta, verdura e uova",
                "Uova fresche da galline allevate all'aperto",
                "Uova deposte da galline libere di razzolare, consegnate entro tre giorni.",
                "3.20",
                (("6 uova", "1"), ("10 uova", "1.6")),
                vat="10",
            ),
            Item(
                "Pane, farine e conserve",
                "Farina di mais Spinato per polenta",
                "Farina macinata a pietra da mais di varietà locale, per la polenta bergamasca.",
                "3.50",
                (("1 kg", "1"), ("2,5 kg", "2.3")),
            ),
            Item(
                "Frutta, verdura e uova",
                "Piccoli frutti di bosco",
                "Lamponi, mirtilli e more coltivati in collina, nella stagione estiva.",
                "4.80",
                (("vaschetta 250 g", "1"),),
            ),
        ),
    ),
    "dairy": Kind(
        category=C_KM0,
        product_class=BOXED,
        vat="4",
        benefit=BenefitType.C3_FRINGE,
        method="conventional",
        description="Caseificio e allevamento di valle: latte delle proprie vacche e capre, "
        "formaggi freschi e stagionati, salumi nostrani.",
        production_notes="Vacche di razza Bruna al pascolo d'estate, fieno locale, latte crudo "
        "lavorato in giornata, stagionatura in cantina naturale.",
        items=(
            Item(
                "Latte, formaggi e salumi",
                "Formaggella {zone}",
                "Formaggio a pasta morbida di latte vaccino, stagionato da 20 a 40 giorni.",
                "9.00",
                (("circa 500 g", "1"), ("forma intera circa 1,5 kg", "2.8")),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Stracchino fresco",
                "Formaggio fresco cremoso, prodotto ogni settimana.",
                "3.20",
                (("250 g", "1"),),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Caprino fresco di capra",
                "Caprino a coagulazione lenta, delicato e leggermente acidulo.",
                "4.50",
                (("200 g", "1"),),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Latte fresco intero",
                "Latte pastorizzato in azienda, in bottiglia di vetro a rendere.",
                "1.80",
                (("1 litro", "1"), ("3 litri", "2.8")),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Burro di montagna",
                "Burro di panna di affioramento.",
                "4.50",
                (("250 g", "1"),),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Yogurt intero naturale",
                "Yogurt da latte intero, senza zuccheri aggiunti.",
                "4.00",
                (("4 vasetti da 125 g", "1"),),
            ),
            Item(
                "Latte, formaggi e salumi",
                "Salame nostrano bergamasco",
                "Salame di suino allevato in zona, stagionato almeno due mesi.",
                "12.00",
                (("circa 400 g", "1"),),
                vat="10",
            ),
            Item(
                "Latte, formaggi e salumi",
                "Ricotta fresca",
                "Ricotta di siero vaccino, da consumare entro pochi giorni.",
                "4.00",
                (("500 g", "1"),),
            ),
        ),
    ),
    "honey": Kind(
        category=C_KM0,
        product_class=BOXED,
        vat="10",
        benefit=BenefitType.C3_FRINGE,
        method="artisanal",
        description="Apicoltura e laboratorio di trasformazione: miele delle colline del lago, "
        "confetture e conserve dell'orto.",
        production_notes="Arnie stanziali tra castagneti e prati di montagna, smielatura a freddo, "
        "conserve senza conservanti.",
        items=(
            Item(
                "Specialità del lago e delle colline",
                "Miele di castagno {zone}",
                "Miele scuro e amarognolo dei castagneti di collina.",
                "9.50",
                (("500 g", "1"), ("1 kg", "1.85")),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Miele millefiori di montagna",
                "Miele chiaro e profumato dei prati fioriti in quota.",
                "8.50",
                (("500 g", "1"), ("1 kg", "1.85")),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Miele di acacia",
                "Miele delicato e liquido, adatto anche ai bambini sopra l'anno di età.",
                "9.00",
                (("250 g", "0.55"), ("500 g", "1")),
            ),
            Item(
                "Pane, farine e conserve",
                "Confettura extra di albicocche",
                "Confettura con il 70% di frutta, cotta in piccoli lotti.",
                "5.50",
                (("340 g", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Confettura extra di frutti di bosco",
                "Lamponi, mirtilli e more di collina.",
                "6.00",
                (("340 g", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Passata di pomodoro",
                "Pomodori dell'orto passati e imbottigliati in estate.",
                "3.50",
                (("700 g", "1"),),
                vat="4",
            ),
            Item(
                "Pane, farine e conserve",
                "Giardiniera sott'aceto",
                "Verdure dell'orto in agrodolce, croccanti.",
                "5.20",
                (("350 g", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Succo di mela torbido",
                "Succo di sole mele spremute, senza zucchero aggiunto.",
                "3.80",
                (("1 litro", "1"),),
            ),
        ),
    ),
    "lake": Kind(
        category=C_KM0,
        product_class=BOXED,
        vat="10",
        benefit=BenefitType.C3_FRINGE,
        method="integrated",
        description="Produttori del lago d'Iseo: olio extravergine delle colline rivierasche "
        "e pesce di lago pescato e lavorato secondo tradizione.",
        production_notes="Oliveti terrazzati in lotta integrata, frangitura a freddo entro 24 ore; "
        "pesca con reti tradizionali e nel rispetto dei periodi di fermo.",
        items=(
            Item(
                "Specialità del lago e delle colline",
                "Olio extravergine di oliva del Sebino",
                "Olio delle colline affacciate sul lago d'Iseo, fruttato leggero.",
                "14.00",
                (("0,5 l", "1"), ("1 l", "1.9")),
                vat="4",
            ),
            Item(
                "Specialità del lago e delle colline",
                "Sardine di lago essiccate (missoltini)",
                "Agoni pescati nel lago, salati ed essiccati al sole come da tradizione.",
                "12.00",
                (("200 g", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Filetti di coregone",
                "Filetti freschi di lavarello del lago d'Iseo.",
                "11.00",
                (("300 g", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Filetti di persico",
                "Pesce persico del lago, sfilettato a mano.",
                "16.00",
                (("250 g", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Olive in salamoia del lago",
                "Olive raccolte a mano e conservate in salamoia leggera.",
                "6.50",
                (("300 g", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Paté di olive",
                "Crema di olive del lago con olio extravergine.",
                "5.80",
                (("180 g", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Trota affumicata",
                "Filetti di trota affumicati a legna di faggio.",
                "9.50",
                (("200 g", "1"),),
            ),
        ),
    ),
    "bakery": Kind(
        category=C_KM0,
        product_class=BOXED,
        vat="4",
        benefit=BenefitType.C3_FRINGE,
        method="social_agriculture",
        description="Forno sociale dove lavorano persone in inserimento lavorativo: pane a lievito "
        "madre, biscotti e dolci della tradizione bergamasca.",
        production_notes="Farine di grani locali macinate a pietra, lievito madre, cottura in forno "
        "a legna; inserimento lavorativo di persone svantaggiate (L. 381/1991).",
        items=(
            Item(
                "Pane, farine e conserve",
                "Pane di segale e noci",
                "Pagnotta scura con noci, si conserva per una settimana.",
                "4.00",
                (("500 g", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Pane integrale a lievito madre",
                "Pane di farina integrale di grani antichi.",
                "6.00",
                (("1 kg", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Biscotti di farina di mais",
                "Biscotti friabili con farina di mais e burro di montagna.",
                "5.00",
                (("300 g", "1"),),
                vat="10",
            ),
            Item(
                "Pane, farine e conserve",
                "Torta di grano saraceno",
                "Torta con farina di grano saraceno e confettura di mirtilli.",
                "14.00",
                (("intera, 8 porzioni", "1"),),
                vat="10",
            ),
            Item(
                "Pane, farine e conserve",
                "Grissini artigianali all'olio",
                "Grissini stirati a mano con olio extravergine.",
                "3.50",
                (("250 g", "1"),),
            ),
            Item(
                "Pane, farine e conserve",
                "Polenta e osei dolce",
                "Il dolce bergamasco di pan di Spagna e marzapane.",
                "9.00",
                (("4 pezzi", "1"),),
                vat="10",
            ),
            Item(
                "Pane, farine e conserve",
                "Pasta fresca all'uovo",
                "Tagliatelle e casoncelli fatti a mano.",
                "6.50",
                (("500 g", "1"),),
            ),
        ),
    ),
    "wine": Kind(
        category=C_KM0,
        product_class=SHIPPED,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="integrated",
        description="Cantina delle colline tra il lago e la pianura: vini DOC e DOCG del territorio.",
        production_notes="Vigneti in lotta integrata, vendemmia a mano, affinamento in cantina aziendale.",
        items=(
            Item(
                "Specialità del lago e delle colline",
                "Valcalepio Rosso DOC",
                "Rosso da uve Merlot e Cabernet Sauvignon, affinato in botte.",
                "11.00",
                (("bottiglia 0,75 l", "1"), ("cassa da 6 bottiglie", "5.6")),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Valcalepio Bianco DOC",
                "Bianco da Pinot bianco e Chardonnay, fresco e fruttato.",
                "9.50",
                (("bottiglia 0,75 l", "1"), ("cassa da 6 bottiglie", "5.6")),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Moscato di Scanzo DOCG",
                "Vino passito rosso, raro e profumato, da uve appassite.",
                "35.00",
                (("bottiglia 0,5 l", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Franciacorta Brut DOCG",
                "Metodo classico da Chardonnay e Pinot nero, almeno 18 mesi sui lieviti.",
                "21.00",
                (("bottiglia 0,75 l", "1"),),
            ),
            Item(
                "Specialità del lago e delle colline",
                "Rosato delle colline del Sebino IGT",
                "Rosato leggero, per l'estate sul lago.",
                "8.50",
                (("bottiglia 0,75 l", "1"),),
            ),
        ),
    ),
    "sport": Kind(
        category=C_LEISURE,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C2_F,
        method="service",
        description="Associazione sportiva dilettantistica: corsi per tutte le età, piscina e palestra.",
        production_notes="Istruttori con brevetto federale, corsi in piccoli gruppi, "
        "attività adattata per over 65.",
        items=(
            Item(
                "Sport e movimento",
                "Corso di nuoto per adulti a {place}",
                "Corso per imparare o migliorare gli stili, in vasca da 25 metri.",
                "90.00",
                (("10 lezioni", "1"),),
            ),
            Item(
                "Sport e movimento",
                "Ingressi in piscina",
                "Nuoto libero nelle fasce orarie dedicate.",
                "55.00",
                (("carnet 10 ingressi", "1"),),
            ),
            Item(
                "Sport e movimento",
                "Ginnastica dolce per over 65",
                "Mobilità, equilibrio e respirazione, due volte a settimana.",
                "80.00",
                (("trimestre", "1"),),
            ),
            Item(
                "Sport e movimento",
                "Abbonamento palestra a {place}",
                "Sala attrezzi e corsi di gruppo.",
                "45.00",
                (("1 mese", "1"), ("3 mesi", "2.7")),
            ),
            Item(
                "Sport e movimento",
                "Corso di yoga",
                "Hatha yoga per principianti, la sera dopo il lavoro.",
                "75.00",
                (("8 lezioni", "1"),),
            ),
            Item(
                "Sport e movimento",
                "Corso di nuoto per bambini",
                "Acquaticità e primi stili per bambini dai 4 ai 10 anni.",
                "85.00",
                (("10 lezioni", "1"),),
            ),
            Item(
                "Sport e movimento",
                "Nordic walking sul lungolago",
                "Camminata con i bastoncini e un istruttore, tutti i sabati mattina.",
                "40.00",
                (("6 uscite", "1"),),
            ),
        ),
    ),
    "outdoors": Kind(
        category=C_LEISURE,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C2_F,
        method="service",
        description="Guide naturalistiche e accompagnatori di media montagna: escursioni, "
        "uscite in barca e in canoa sul lago.",
        production_notes="Guide iscritte all'albo regionale, attrezzatura inclusa, "
        "gruppi di massimo 15 persone.",
        items=(
            Item(
                "Escursioni e lago",
                "Escursione guidata sul Monte Bronzone",
                "Anello panoramico tra boschi e prati con vista sul lago d'Iseo.",
                "15.00",
                (("a persona", "1"), ("famiglia, 4 persone", "3.2")),
            ),
            Item(
                "Escursioni e lago",
                "Noleggio canoa sul lago di Endine",
                "Canoa canadese o kayak con giubbotti e breve istruzione.",
                "18.00",
                (("2 ore", "1"), ("giornata", "2.5")),
            ),
            Item(
                "Escursioni e lago",
                "Uscita in barca a vela sul lago d'Iseo",
                "Mezza giornata con uno skipper, anche per chi non è mai salito su una barca.",
                "60.00",
                (("a persona", "1"),),
            ),
            Item(
                "Escursioni e lago",
                "Ciaspolata guidata al chiaro di luna",
                "Escursione serale con le racchette da neve e cena in rifugio.",
                "35.00",
                (("a persona", "1"),),
            ),
            Item(
                "Escursioni e lago",
                "Visita guidata al borgo di {place}",
                "Storia, chiese e angoli nascosti del paese con una guida locale.",
                "10.00",
                (("a persona", "1"), ("gruppo fino a 10 persone", "7")),
            ),
            Item(
                "Escursioni e lago",
                "Giro in battello a Monte Isola",
                "Traversata e visita dell'isola lacustre più grande d'Europa.",
                "22.00",
                (("adulto", "1"), ("bambino", "0.5")),
            ),
        ),
    ),
    "courses": Kind(
        category=C_LEISURE,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C2_F,
        method="service",
        description="Associazione culturale: corsi e laboratori serali e del fine settimana.",
        production_notes="Docenti esperti, materiali inclusi, sede accessibile.",
        items=(
            Item(
                "Corsi e laboratori",
                "Corso di ceramica",
                "Modellazione al tornio e a mano, con cottura dei pezzi.",
                "120.00",
                (("6 incontri", "1"),),
            ),
            Item(
                "Corsi e laboratori",
                "Laboratorio di cucina bergamasca",
                "Casoncelli, polenta taragna e dolci tradizionali, con cena finale.",
                "35.00",
                (("serata", "1"), ("ciclo di 4 serate", "3.6")),
            ),
            Item(
                "Corsi e laboratori",
                "Corso di fotografia naturalistica",
                "Teoria e uscite sul lago e in montagna.",
                "95.00",
                (("5 incontri", "1"),),
            ),
            Item(
                "Corsi e laboratori",
                "Lezioni di chitarra",
                "Lezioni individuali per ragazzi e adulti.",
                "100.00",
                (("4 lezioni individuali", "1"),),
            ),
            Item(
                "Corsi e laboratori",
                "Corso di inglese per adulti",
                "Conversazione per il lavoro e i viaggi, in piccoli gruppi.",
                "160.00",
                (("20 ore", "1"),),
            ),
            Item(
                "Corsi e laboratori",
                "Corso di informatica per over 60",
                "Smartphone, posta elettronica, SPID e servizi online del comune.",
                "60.00",
                (("8 incontri", "1"),),
            ),
            Item(
                "Corsi e laboratori",
                "Laboratorio di orto sinergico",
                "Progettare e coltivare un piccolo orto familiare.",
                "45.00",
                (("3 sabati", "1"),),
            ),
        ),
    ),
    "wellness": Kind(
        category=C_LEISURE,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C2_F,
        method="service",
        description="Centro benessere e termale: acque sulfuree, percorsi benessere e massaggi.",
        production_notes="Operatori diplomati, prodotti naturali, accesso per persone con mobilità ridotta.",
        items=(
            Item(
                "Benessere e terme",
                "Ingresso al centro benessere di {place}",
                "Sauna, bagno turco, idromassaggio e zona relax.",
                "28.00",
                (("giornaliero", "1"), ("carnet 5 ingressi", "4.4")),
            ),
            Item(
                "Benessere e terme",
                "Massaggio rilassante",
                "Massaggio svedese con oli vegetali.",
                "50.00",
                (("50 minuti", "1"), ("80 minuti", "1.5")),
            ),
            Item(
                "Benessere e terme",
                "Percorso termale",
                "Piscina termale e percorso vascolare con acque sulfuree.",
                "35.00",
                (("mezza giornata", "1"),),
            ),
            Item(
                "Benessere e terme",
                "Giornata benessere per due",
                "Percorso, massaggio e pranzo leggero per due persone.",
                "150.00",
                (("coppia", "1"),),
            ),
            Item(
                "Benessere e terme",
                "Trattamento viso naturale",
                "Pulizia del viso con prodotti biologici.",
                "45.00",
                (("60 minuti", "1"),),
            ),
            Item(
                "Benessere e terme",
                "Acquagym in acqua termale",
                "Ginnastica in acqua calda, adatta anche a chi ha dolori articolari.",
                "70.00",
                (("10 lezioni", "1"),),
            ),
        ),
    ),
    "eco_goods": Kind(
        category=C_SUST,
        product_class=SHIPPED,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="artisanal",
        description="Bottega di prodotti per la casa a basso impatto: detersivi alla spina, "
        "saponi artigianali e accessori riutilizzabili.",
        production_notes="Formule biodegradabili, flaconi a rendere, imballaggi riciclati.",
        items=(
            Item(
                "Casa ed ecodetersivi",
                "Detersivo ecologico per bucato",
                "Detersivo liquido biodegradabile, in flacone a rendere.",
                "3.90",
                (("1 litro", "1"), ("5 litri", "4.2")),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Sapone di Marsiglia artigianale",
                "Saponette all'olio d'oliva, per bucato a mano e uso personale.",
                "9.00",
                (("3 saponette", "1"),),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Detergente multiuso ecologico",
                "Per superfici e pavimenti, con aceto e oli essenziali.",
                "4.50",
                (("750 ml", "1"), ("ricarica 3 litri", "3")),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Panni in microfibra riciclata",
                "Panni lavabili per la casa, da bottiglie di plastica riciclate.",
                "8.00",
                (("set di 4", "1"),),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Detersivo per piatti concentrato",
                "Detersivo delicato sulle mani, certificato Ecolabel.",
                "3.20",
                (("1 litro", "1"),),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Spazzolino in bambù",
                "Manico in bambù compostabile.",
                "3.50",
                (("confezione da 4", "1"),),
            ),
            Item(
                "Casa ed ecodetersivi",
                "Shampoo solido naturale",
                "Shampoo senza flacone, dura quanto due bottiglie.",
                "8.50",
                (("80 g", "1"),),
            ),
        ),
    ),
    "crafts": Kind(
        category=C_SUST,
        product_class=SHIPPED,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="artisanal",
        description="Laboratorio artigiano di cooperativa sociale di tipo B: oggetti in legno, "
        "tessuto e vimini fatti a mano da persone in inserimento lavorativo.",
        production_notes="Legno di castagno dei boschi locali, tessuti di recupero, "
        "inserimento lavorativo di persone svantaggiate (L. 381/1991).",
        items=(
            Item(
                "Artigianato e commercio equo",
                "Tagliere in legno di castagno",
                "Tagliere in un solo pezzo, rifinito a olio alimentare.",
                "19.00",
                (("piccolo", "1"), ("grande", "1.6")),
            ),
            Item(
                "Artigianato e commercio equo",
                "Borsa in tessuto di recupero",
                "Borsa per la spesa cucita con tessuti di scarto delle aziende tessili della valle.",
                "18.00",
                (("", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Grembiule da cucina cucito a mano",
                "Grembiule in cotone con tasca, lavabile a 60 gradi.",
                "22.00",
                (("", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Sciarpa in lana tessuta a mano",
                "Lana di pecora bergamasca tessuta al telaio.",
                "35.00",
                (("", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Cesto in vimini intrecciato",
                "Cesto per la legna o la frutta, intrecciato a mano.",
                "28.00",
                (("medio", "1"), ("grande", "1.4")),
            ),
            Item(
                "Artigianato e commercio equo",
                "Casetta per uccelli in legno",
                "Nido artificiale in legno grezzo per cince e passeri.",
                "24.00",
                (("", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Quaderno in carta riciclata rilegato a mano",
                "Quaderno A5 con copertina in cartone riciclato.",
                "9.00",
                (("", "1"),),
            ),
        ),
    ),
    "fair_trade": Kind(
        category=C_SUST,
        product_class=SHIPPED,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="organic",
        description="Bottega del commercio equo e solidale gestita da volontari.",
        production_notes="Prodotti di cooperative di produttori garantiti dalla filiera del "
        "commercio equo, trasporto consolidato.",
        items=(
            Item(
                "Artigianato e commercio equo",
                "Caffè del commercio equo 100% arabica",
                "Caffè macinato da cooperative di piccoli produttori.",
                "4.80",
                (("250 g", "1"), ("1 kg", "3.6")),
            ),
            Item(
                "Artigianato e commercio equo",
                "Cioccolato fondente equo e solidale",
                "Cioccolato al 70% di cacao biologico.",
                "2.60",
                (("100 g", "1"), ("confezione da 5", "4.7")),
            ),
            Item(
                "Artigianato e commercio equo",
                "Tè verde biologico",
                "Tè verde in foglia da piccoli coltivatori.",
                "5.50",
                (("100 g", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Zucchero di canna integrale",
                "Zucchero non raffinato da cooperative di produttori.",
                "3.20",
                (("500 g", "1"),),
            ),
            Item(
                "Artigianato e commercio equo",
                "Cesto regalo solidale",
                "Una selezione di prodotti equi e del territorio in un cesto di vimini.",
                "35.00",
                (("piccolo", "1"), ("grande", "1.7")),
            ),
            Item(
                "Artigianato e commercio equo",
                "Borraccia in acciaio inox",
                "Borraccia termica riutilizzabile.",
                "19.00",
                (("0,5 l", "1"),),
            ),
        ),
    ),
    "repairs": Kind(
        category=C_SUST,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="service",
        description="Officina sociale del riuso: riparazioni di biciclette, piccoli "
        "elettrodomestici e abiti, perché le cose durino di più.",
        production_notes="Ricambi recuperati dove possibile; inserimento lavorativo di persone svantaggiate.",
        items=(
            Item(
                "Riparazioni e riuso",
                "Riparazione bicicletta",
                "Controllo di freni, cambio e ruote e sostituzione delle parti consumate.",
                "25.00",
                (("messa a punto", "1"), ("revisione completa", "2.2")),
            ),
            Item(
                "Riparazioni e riuso",
                "Riparazione piccoli elettrodomestici",
                "Diagnosi e riparazione di ferri da stiro, frullatori, aspirapolvere.",
                "30.00",
                (("intervento", "1"),),
            ),
            Item(
                "Riparazioni e riuso",
                "Sartoria: orli e riparazioni",
                "Orli, cerniere e rammendi in giornata.",
                "10.00",
                (("capo singolo", "1"), ("5 capi", "4.5")),
            ),
            Item(
                "Riparazioni e riuso",
                "Ricondizionamento computer portatile",
                "Pulizia, sostituzione del disco e sistema operativo libero.",
                "60.00",
                (("intervento", "1"),),
            ),
            Item(
                "Riparazioni e riuso",
                "Affilatura coltelli e forbici",
                "Affilatura professionale, ritiro e consegna al punto SFA.",
                "12.00",
                (("fino a 5 pezzi", "1"),),
            ),
        ),
    ),
    "clinic": Kind(
        category=C_HEALTH,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F,
        method="service",
        description="Poliambulatorio con medici specialisti: visite, esami e prevenzione "
        "con tempi di attesa brevi.",
        production_notes="Struttura autorizzata dalla ATS di Bergamo, medici specialisti iscritti all'albo.",
        items=(
            Item(
                "Visite e prevenzione",
                "Visita cardiologica con elettrocardiogramma",
                "Visita specialistica con ECG e referto immediato.",
                "120.00",
                (("", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Visita dermatologica con controllo dei nei",
                "Visita con dermatoscopia digitale.",
                "100.00",
                (("", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Controllo della vista",
                "Esame optometrico e visita oculistica.",
                "60.00",
                (("adulto", "1"), ("bambino", "0.8")),
            ),
            Item(
                "Visite e prevenzione",
                "Pacchetto prevenzione over 50",
                "Esami del sangue, ECG e visita internistica in una mattina.",
                "180.00",
                (("", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Visita nutrizionistica",
                "Piano alimentare personalizzato.",
                "90.00",
                (("prima visita", "1"), ("controllo", "0.5")),
            ),
            Item(
                "Visite e prevenzione",
                "Igiene dentale professionale",
                "Ablazione del tartaro e lucidatura.",
                "70.00",
                (("", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Visita ginecologica con ecografia",
                "Visita specialistica ed ecografia pelvica.",
                "110.00",
                (("", "1"),),
            ),
        ),
    ),
    "physio": Kind(
        category=C_HEALTH,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F,
        method="service",
        description="Studio di fisioterapia e riabilitazione, anche a domicilio.",
        production_notes="Fisioterapisti iscritti all'Ordine, piano di trattamento scritto.",
        items=(
            Item(
                "Fisioterapia e riabilitazione",
                "Seduta di fisioterapia",
                "Terapia manuale ed esercizio terapeutico.",
                "45.00",
                (("singola", "1"), ("ciclo di 10", "9")),
            ),
            Item(
                "Fisioterapia e riabilitazione",
                "Fisioterapia a domicilio",
                "Riabilitazione a casa dopo un intervento o una caduta.",
                "60.00",
                (("seduta", "1"), ("ciclo di 10", "9")),
            ),
            Item(
                "Fisioterapia e riabilitazione",
                "Ginnastica posturale in piccolo gruppo",
                "Esercizi per schiena e collo, massimo 6 persone.",
                "90.00",
                (("8 incontri", "1"),),
            ),
            Item(
                "Fisioterapia e riabilitazione",
                "Linfodrenaggio manuale",
                "Trattamento per edemi e gonfiori.",
                "50.00",
                (("seduta", "1"),),
            ),
            Item(
                "Fisioterapia e riabilitazione",
                "Riabilitazione del pavimento pelvico",
                "Percorso individuale dopo il parto o in menopausa.",
                "55.00",
                (("seduta", "1"),),
            ),
        ),
    ),
    "psychology": Kind(
        category=C_HEALTH,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F,
        method="service",
        description="Centro di psicologia e logopedia per adulti, bambini e famiglie.",
        production_notes="Psicologi e psicoterapeuti iscritti all'Ordine, logopediste e psicomotriciste.",
        items=(
            Item(
                "Supporto psicologico e logopedia",
                "Colloquio psicologico individuale",
                "Spazio di ascolto e sostegno con uno psicologo.",
                "60.00",
                (("singolo", "1"), ("ciclo di 5", "4.6")),
            ),
            Item(
                "Supporto psicologico e logopedia",
                "Sostegno psicologico per caregiver",
                "Percorso per chi assiste un familiare anziano o malato.",
                "55.00",
                (("colloquio", "1"),),
            ),
            Item(
                "Supporto psicologico e logopedia",
                "Gruppo di mutuo aiuto",
                "Incontri di gruppo condotti da uno psicologo.",
                "60.00",
                (("ciclo di 6 incontri", "1"),),
            ),
            Item(
                "Supporto psicologico e logopedia",
                "Valutazione logopedica per bambini",
                "Valutazione del linguaggio e indicazioni per la famiglia e la scuola.",
                "70.00",
                (("", "1"),),
            ),
            Item(
                "Supporto psicologico e logopedia",
                "Psicomotricità per bambini",
                "Sedute di gruppo per bambini dai 3 ai 6 anni.",
                "280.00",
                (("10 sedute", "1"),),
            ),
            Item(
                "Supporto psicologico e logopedia",
                "Trattamento logopedico",
                "Terapia individuale per disturbi del linguaggio e dell'apprendimento.",
                "45.00",
                (("seduta", "1"), ("ciclo di 10", "9")),
            ),
        ),
    ),
    "nursing": Kind(
        category=C_HEALTH,
        product_class=SERVICE,
        vat="esente",
        benefit=BenefitType.C2_F,
        method="service",
        description="Servizio infermieristico a domicilio, sette giorni su sette.",
        production_notes="Infermieri iscritti all'OPI di Bergamo, reperibilità telefonica.",
        items=(
            Item(
                "Visite e prevenzione",
                "Prestazione infermieristica a domicilio",
                "Medicazioni, iniezioni, gestione del catetere e controllo dei parametri.",
                "30.00",
                (("accesso singolo", "1"), ("pacchetto 10 accessi", "9")),
            ),
            Item(
                "Visite e prevenzione",
                "Prelievo del sangue a domicilio",
                "Prelievo a casa e consegna al laboratorio convenzionato.",
                "25.00",
                (("", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Misurazione di pressione e glicemia",
                "Controllo periodico dei parametri con annotazione nel diario.",
                "10.00",
                (("singola", "1"), ("mensile, 4 controlli", "3.6")),
            ),
            Item(
                "Fisioterapia e riabilitazione",
                "Educazione all'uso degli ausili",
                "Consigli su letto, sollevatore e carrozzina per la famiglia.",
                "35.00",
                (("visita", "1"),),
            ),
            Item(
                "Visite e prevenzione",
                "Vaccinazione antinfluenzale a domicilio",
                "Per chi non può raggiungere l'ambulatorio.",
                "20.00",
                (("", "1"),),
            ),
        ),
    ),
    "tax_help": Kind(
        category=C_HEALTH,
        product_class=SERVICE,
        vat="22",
        benefit=BenefitType.C3_FRINGE,
        method="service",
        description="Centro di assistenza fiscale e patronato: dichiarazioni, pensioni e pratiche "
        "per la famiglia.",
        production_notes="Operatori abilitati CAF, appuntamenti anche il sabato mattina.",
        items=(
            Item(
                "Assistenza fiscale e previdenziale",
                "Compilazione del modello 730",
                "Dichiarazione dei redditi con controllo delle detrazioni.",
                "50.00",
                (("singolo", "1"), ("congiunto", "1.5")),
            ),
            Item(
                "Assistenza fiscale e previdenziale",
                "Consulenza previdenziale e calcolo della pensione",
                "Verifica dell'estratto contributivo e stima della pensione.",
                "60.00",
                (("", "1"),),
            ),
            Item(
                "Assistenza fiscale e previdenziale",
                "Pratica ISEE",
                "Dichiarazione sostitutiva unica per l'ISEE del nucleo familiare.",
                "20.00",
                (("", "1"),),
            ),
            Item(
                "Assistenza fiscale e previdenziale",
                "Pratica di successione",
                "Dichiarazione di successione e volture catastali.",
                "250.00",
                (("", "1"),),
            ),
            Item(
                "Assistenza fiscale e previdenziale",
                "Contratto per assistente familiare",
                "Assunzione di colf e badanti: contratto, buste paga per un anno e contributi.",
                "180.00",
                (("", "1"),),
            ),
            Item(
                "Assistenza fiscale e previdenziale",
                "Domanda di assegno unico e bonus famiglia",
                "Presentazione delle domande INPS per i figli.",
                "15.00",
                (("", "1"),),
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Supplier:
    name: str
    legal_form: str
    seat: str  # municipality name
    kind: str
    reach: str = ""  # services: "all", "area", "near"
    protected_work: bool = False


SUPPLIERS: list[Supplier] = [
    # Care
    Supplier("Il Sorriso", "Società Cooperativa Sociale ONLUS", "Trescore Balneario", "home_care", "all"),
    Supplier("La Fenice", "Società Cooperativa Sociale", "Sarnico", "home_care", "area"),
    Supplier("Aurora Servizi", "Società Cooperativa Sociale ONLUS", "Casazza", "home_care", "area"),
    Supplier("Casa Serena Lovere", "Società Cooperativa Sociale", "Lovere", "home_care", "near"),
    Supplier(
        "Amici del Sollievo", "Organizzazione di Volontariato", "Endine Gaiano", "volunteer_care", "near"
    ),
    Supplier(
        "Anziani Attivi Basso Sebino", "Organizzazione di Volontariato", "Villongo", "volunteer_care", "all"
    ),
    # Children
    Supplier("Insieme per Crescere", "Società Cooperativa Sociale", "Villongo", "childcare", "area"),
    Supplier("Il Girasole", "Società Cooperativa Sociale ONLUS", "San Paolo d'Argon", "childcare", "near"),
    Supplier("L'Alveare", "Società Cooperativa Sociale", "Gorlago", "childcare", "area"),
    Supplier("Sebino Ragazzi", "Società Cooperativa Sociale", "Predore", "childcare", "near"),
    Supplier(
        "Consultorio Familiare Val Cavallina", "Fondazione", "Trescore Balneario", "family_support", "all"
    ),
    # Km 0
    Supplier("Cascina Cornale", "Azienda Agricola", "Zandobbio", "produce"),
    Supplier("Le Coste", "Società Agricola Semplice", "Credaro", "produce"),
    Supplier("La Collina", "Cooperativa Sociale Agricola", "Gandosso", "produce", protected_work=True),
    Supplier("Orti del Lago", "Azienda Agricola", "Paratico", "produce"),
    Supplier("Caseificio Sociale Val Cavallina", "Società Cooperativa Agricola", "Casazza", "dairy"),
    Supplier("Cascina del Bosco", "Azienda Agricola", "Ranzanico", "dairy"),
    Supplier("Malga Lunga", "Azienda Agricola", "Gandino", "dairy"),
    # Reaches homes in its area: the demo supplier also offers a home service (shop/bookings/demo.py).
    Supplier("Apicoltura Monte Bronzone", "Azienda Agricola", "Vigolo", "honey", "area"),
    Supplier(
        "Il Favo", "Società Cooperativa Sociale Agricola", "Adrara San Rocco", "honey", protected_work=True
    ),
    Supplier("Dolci Colline", "Azienda Agricola", "Viadanica", "honey"),
    Supplier("Frantoio del Sebino", "Società Agricola", "Predore", "lake"),
    Supplier("Pescatori di Monte Isola", "Società Cooperativa", "Monte Isola", "lake"),
    Supplier("Ulivi di Marone", "Azienda Agricola", "Marone", "lake"),
    Supplier("Il Pane Buono", "Cooperativa Sociale di tipo B", "Entratico", "bakery", protected_work=True),
    Supplier("Forno della Valle", "Società Cooperativa Sociale", "Sovere", "bakery", protected_work=True),
    Supplier("Cantina del Calepio", "Società Agricola", "Castelli Calepio", "wine"),
    Supplier("Vigneti di Iseo", "Azienda Agricola", "Iseo", "wine"),
    # Leisure
    Supplier(
        "Polisportiva Val Cavallina",
        "Associazione Sportiva Dilettantistica",
        "Trescore Balneario",
        "sport",
        "area",
    ),
    Supplier("Sarnico Nuoto", "Società Sportiva Dilettantistica", "Sarnico", "sport", "near"),
    Supplier("Guide del Sebino", "Associazione", "Tavernola Bergamasca", "outdoors", "all"),
    Supplier(
        "Canoa Lago di Endine", "Associazione Sportiva Dilettantistica", "Spinone al Lago", "outdoors", "near"
    ),
    Supplier("Il Telaio", "Associazione di Promozione Sociale", "Borgo di Terzo", "courses", "near"),
    Supplier("Università del Tempo Libero", "Associazione", "Sarnico", "courses", "area"),
    Supplier("Terme di Gaverina", "S.r.l.", "Gaverina Terme", "wellness", "all"),
    Supplier("Benessere Trescore Terme", "S.r.l.", "Trescore Balneario", "wellness", "area"),
    # Sustainable consumption
    Supplier("EcoBottega del Lago", "Società Cooperativa", "Paratico", "eco_goods"),
    Supplier("Saponificio Valle Calepio", "S.n.c.", "Grumello del Monte", "eco_goods"),
    Supplier("Legno Vivo", "Cooperativa Sociale di tipo B", "Luzzana", "crafts", protected_work=True),
    Supplier("Filo Rosso", "Cooperativa Sociale di tipo B", "Villongo", "crafts", protected_work=True),
    Supplier("Il Seme", "Società Cooperativa Sociale", "Sarnico", "fair_trade"),
    Supplier(
        "Riuso Solidale", "Cooperativa Sociale di tipo B", "Gorlago", "repairs", "area", protected_work=True
    ),
    # Health and pensions
    Supplier("Poliambulatorio San Martino", "S.r.l.", "Trescore Balneario", "clinic", "all"),
    Supplier("Centro Medico Sebino", "S.r.l.", "Villongo", "clinic", "area"),
    Supplier("Fisioterapia Sebino", "Studio Associato", "Sarnico", "physio", "near"),
    Supplier("Fisiomedica Val Cavallina", "S.r.l.", "Casazza", "physio", "area"),
    Supplier("Arcobaleno", "Centro di Psicologia e Logopedia", "San Paolo d'Argon", "psychology", "near"),
    Supplier("Infermieri a Casa", "Società Cooperativa Sociale", "Endine Gaiano", "nursing", "area"),
    Supplier("CAF Lavoro e Famiglia Basso Sebino", "S.r.l.", "Villongo", "tax_help", "near"),
]
