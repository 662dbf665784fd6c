"""Drop the indexes of slots and responses by attempt alone: slot_unique_position and
response_unique_position, whose indexes start with the attempt, serve those lookups.

Django would rebuild both tables on SQLite to change db_index (a copy of every row under
the write lock); dropping the two indexes by name does the same on SQLite and PostgreSQL
in an instant. The names are the ones 0001_initial gave them on both.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "quizzes_attemptquestion": "quizzes_attemptquestion_attempt_id_2b0c5fba",
    "quizzes_response": "quizzes_response_attempt_id_3504bb54",
}


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("attempt_id")',
                )
                for table, index in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="attemptquestion",
                    name="attempt",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slots",
                        to="quizzes.attempt",
                    ),
                ),
                migrations.AlterField(
                    model_name="response",
                    name="attempt",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="quizzes.attempt",
                    ),
                ),
            ],
        ),
    ]
