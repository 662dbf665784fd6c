"""export_facts writes the database back to the fixture form, byte for byte."""

from pathlib import Path

import pytest
from django.core.management import call_command

from conference import models

pytestmark = pytest.mark.django_db


def test_loading_then_exporting_changes_no_byte(facts, tmp_path):
    out = tmp_path / "conference.yaml"
    call_command("export_facts", output=str(out), verbosity=0)
    assert out.read_bytes() == Path("fixtures/conference.yaml").read_bytes()


def test_an_admin_edit_shows_as_a_one_line_diff(facts, tmp_path):
    count = models.Count.objects.get(key="soviets")
    count.value = 140
    count.save()
    out = tmp_path / "conference.yaml"
    call_command("export_facts", output=str(out), verbosity=0)
    before = Path("fixtures/conference.yaml").read_text().splitlines()
    after = out.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    value: 139", "    value: 140")]


def test_the_export_uses_natural_keys_and_no_primary_keys(facts, tmp_path):
    out = tmp_path / "conference.yaml"
    call_command("export_facts", output=str(out), verbosity=0)
    text = out.read_text()
    assert "pk:" not in text
    assert "cited_in: [[en-article, 2], [it-article, 2]]" in text
    assert "party: [mensheviks]" in text


def test_an_exported_file_loads_into_an_empty_database(facts, tmp_path, django_db_blocker):
    out = tmp_path / "conference.yaml"
    call_command("export_facts", output=str(out), verbosity=0)
    models.Membership.objects.all().delete()
    models.Tally.objects.all().delete()
    call_command("loaddata", str(out), verbosity=0)
    assert models.Membership.objects.count() == 16
    assert models.Tally.objects.count() == 2
