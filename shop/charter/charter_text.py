"""The text of the suppliers' ethical charter, in Italian, as the Alliance adopted it.

Version 1 is the founding text; version 2 adds the commitments on packaging and on
people in protected work. Used by the demo data and as the starting point of new drafts.
"""

TITLE = "Carta etica dei fornitori AtC56W+"

PREAMBLE = """\
L'Alleanza per la conciliazione famiglia-lavoro del Basso Sebino e della Val Cavallina \
promuove un welfare territoriale: il credito welfare che le imprese aderenti riconoscono \
ai propri dipendenti si spende presso fornitori del territorio che condividono questa carta.

Chi sottoscrive la carta si impegna, per sé e per chi lavora con sé, a rispettare gli \
impegni che seguono, a renderne conto al gestore quando richiesto e ad accettare le \
verifiche concordate. Il mancato rispetto degli impegni può comportare la sospensione \
dalla vendita nel negozio.

La carta è aggiornata dal gestore: a ogni nuova versione il fornitore la rilegge e la \
firma di nuovo entro il periodo di proroga indicato."""

COMMITMENTS_V1: list[tuple[str, str]] = [
    ("environment", "Ridurre gli sprechi di materia, acqua ed energia in ogni fase della produzione."),
    ("environment", "Preferire imballaggi riutilizzabili, riciclabili o compostabili."),
    ("environment", "Consegnare con percorsi brevi e raggruppati, riducendo i viaggi a vuoto."),
    ("territory", "Produrre o erogare il servizio nel territorio dell'Alleanza o entro il raggio km 0."),
    ("territory", "Collaborare con le altre realtà del territorio: cooperative, associazioni, scuole."),
    ("territory", "Reinvestire nel territorio una parte del valore generato."),
    (
        "social_conduct",
        "Applicare i contratti collettivi nazionali e rispettare le norme su salute e sicurezza.",
    ),
    ("social_conduct", "Garantire pari opportunità e contrastare ogni discriminazione."),
    ("social_conduct", "Favorire la conciliazione tra vita familiare e lavoro delle proprie persone."),
    ("product_origin", "Dichiarare con verità il comune di produzione di ogni prodotto."),
    (
        "product_origin",
        "Indicare l'origine delle materie prime principali e non vendere come locale ciò che non lo è.",
    ),
    (
        "production_method",
        "Dichiarare il metodo di produzione "
        "(biologico, integrato, convenzionale, artigianale, agricoltura sociale).",
    ),
    (
        "production_method",
        "Non usare pratiche che danneggiano il benessere animale o la fertilità del suolo.",
    ),
]

COMMITMENTS_V2: list[tuple[str, str]] = COMMITMENTS_V1 + [
    ("environment", "Eliminare entro un anno la plastica monouso dalle confezioni destinate al negozio."),
    (
        "social_conduct",
        "Indicare quando al prodotto o al servizio hanno lavorato "
        "persone in inserimento lavorativo protetto.",
    ),
    (
        "production_method",
        "Conservare per tre anni la documentazione che prova il metodo di produzione dichiarato.",
    ),
]
