"""Starting pictogram rules by a word of the title (the manager edits them in the admin)."""

from django.db import migrations

# (word the title starts a word with, pictogram key); earlier rows win.
TITLE_WORDS = [
    ("miele", "honey"),
    ("zucchero", "package"),
    ("biscott", "biscuits"),
    ("torta", "biscuits"),
    ("farina", "maize"),
    ("polenta", "biscuits"),
    ("grissini", "bread"),
    ("pane", "bread"),
    ("pasta", "pasta"),
    ("uova", "eggs"),
    ("verdura", "vegetables"),
    ("ortaggi", "vegetables"),
    ("insalat", "vegetables"),
    ("zucche", "roots"),
    ("carot", "roots"),
    ("patate", "potatoes"),
    ("frutti", "berries"),
    ("mele", "fruit"),
    ("frutta", "fruit"),
    ("formagg", "cheese"),
    ("stracchino", "cheese"),
    ("caprino", "cheese"),
    ("ricotta", "cheese"),
    ("latte", "milk"),
    ("yogurt", "milk"),
    ("burro", "butter"),
    ("salame", "meat"),
    ("salumi", "meat"),
    ("sardine", "fish"),
    ("missoltini", "fish"),
    ("coregone", "fish"),
    ("persico", "fish"),
    ("trota", "fish"),
    ("pesce", "fish"),
    ("olio", "olives"),
    ("olive", "olives"),
    ("paté", "jar"),
    ("confettura", "jar"),
    ("marmellata", "jar"),
    ("giardiniera", "jar"),
    ("passata", "tomato"),
    ("pomodor", "tomato"),
    ("succo", "juice"),
    ("vino", "wine"),
    ("valcalepio", "wine"),
    ("moscato", "wine"),
    ("rosato", "wine"),
    ("franciacorta", "bottle"),
    ("caffè", "coffee"),
    ("tè", "coffee"),
    ("cioccolat", "chocolate"),
    ("sapone", "soap"),
    ("shampoo", "soap"),
    ("detersivo", "detergent"),
    ("detergente", "detergent"),
    ("quaderno", "notebook"),
    ("cesto", "basket"),
    ("borsa", "bag"),
    ("tagliere", "wood"),
    ("casetta", "wood"),
]


def seed(apps, schema_editor):
    PictogramRule = apps.get_model("logistics", "PictogramRule")
    for position, (word, key) in enumerate(TITLE_WORDS, start=1):
        PictogramRule.objects.get_or_create(
            title_word=word,
            category=None,
            product_class=None,
            defaults={"pictogram": key, "position": position * 10},
        )


def unseed(apps, schema_editor):
    PictogramRule = apps.get_model("logistics", "PictogramRule")
    PictogramRule.objects.filter(
        title_word__in=[word for word, _key in TITLE_WORDS], category=None, product_class=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("logistics", "0002_pictogram_rules_undo_count")]

    operations = [migrations.RunPython(seed, unseed)]
