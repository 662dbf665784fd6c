"""The two articles' public addresses, for a fact base loaded before they were known.

An address an admin has already filled in is kept.
"""

from django.db import migrations

ADDRESSES = {
    "en-article": "https://en.wikipedia.org/wiki/All-Russian_Conference_of_the_Soviets",
    # A draft ("Bozza") on the Italian Wikipedia: its text is the Italian article's.
    "it-article": "https://it.wikipedia.org/wiki/Bozza:Conferenza_panrussa_dei_Soviet",
}


def fill(apps, schema_editor):
    Source = apps.get_model("conference", "Source")
    for key, address in ADDRESSES.items():
        Source.objects.filter(key=key, address="").update(address=address)


class Migration(migrations.Migration):
    dependencies = [("conference", "0003_source_public_address")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
