"""Every model change has its migration (branches merged side by side can each add one
and still miss the change the other made)."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_without_a_migration():
    # --check exits non-zero (SystemExit) when a migration would be written
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
