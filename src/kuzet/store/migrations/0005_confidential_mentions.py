"""Person mentions can be confidential; a monitor's choice of a person's name is a
link decision of its own kind (``name``). Both for roles and review (issue 6)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("store", "0004_facets"),
    ]

    operations = [
        migrations.AddField(
            model_name="personmention",
            name="confidential",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="linkdecision",
            name="kind",
            field=models.CharField(
                choices=[("merge", "merge"), ("split", "split"), ("name", "name")], max_length=5
            ),
        ),
    ]
