"""`cso manage raise_overdue_alarms [--every SECONDS]`: raise missed check-in alarms even when
no board or field page is open (from cron, a systemd timer, or as a long-running loop)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from cso.units.services import alarms_raise_overdue


class Command(BaseCommand):
    help = "Raise an alarm for every lone CSO whose check-in is overdue."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="Repeat every this many seconds (0: once and stop).",
        )

    def handle(self, *args: Any, every: float, **options: Any) -> None:
        while True:
            for alarm in alarms_raise_overdue(now=timezone.now()):
                self.stdout.write(
                    f"Missed check-in: {alarm.unit.callsign}, due {alarm.due_at:%H:%M:%S}"
                )
            if every <= 0:
                return
            time.sleep(every)
