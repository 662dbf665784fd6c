"""The Italian catalogue is complete and its compiled form matches it."""

from pathlib import Path

import polib

CATALOGUE = Path("locale/it/LC_MESSAGES/django.po")


def test_every_interface_string_has_an_italian_translation():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE))
    mo = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo if e.msgid}
    source = {
        (e.msgctxt, e.msgid): e.msgstr or {int(k): v for k, v in e.msgstr_plural.items()}
        for e in po.translated_entries()
    }
    assert compiled == source
