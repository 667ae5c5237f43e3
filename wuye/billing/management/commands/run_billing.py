"""Bill a period from the command line: manage.py run_billing --community YGHY --period 2026-11"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from wuye.billing.services.issuing import execute_run
from wuye.billing.services.runs import cancel_run, confirm_run, preview_run
from wuye.core.errors import DomainError
from wuye.org.models import Community


class Command(BaseCommand):
    help = "Preview and issue a billing run for one community and period (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True, help="community code, e.g. YGHY")
        parser.add_argument("--period", required=True, help="first month billed, YYYY-MM")
        parser.add_argument(
            "--months", type=int, default=None, help="months billed (default: the policy's cycle)"
        )
        parser.add_argument("--preview", action="store_true", help="only show what would be billed")

    def handle(self, *args, **options):
        community = Community.objects.filter(code__iexact=options["community"]).first()
        if community is None:
            raise CommandError(f"No community with code {options['community']!r}")
        try:
            period = dt.date.fromisoformat(f"{options['period']}-01")
        except ValueError as exc:
            raise CommandError("--period must look like 2026-11") from exc
        try:
            run = preview_run(
                community=community, period=period, months=options["months"], actor=None
            )
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        preview = run.preview
        self.stdout.write(
            f"{community.name} {period:%Y-%m}: {preview['targets']} bills, {preview['lines']} lines, "
            f"¥{preview['total']} ({preview['skipped']} lines already billed, {preview['anomaly_count']} readings held back)"
        )
        for row in preview["by_item"]:
            self.stdout.write(f"  {row['item']}: {row['lines']} lines, ¥{row['amount']}")
        if options["preview"] or not preview["lines"]:
            cancel_run(run, reason="preview only (command line)", actor=None)
            return
        run = confirm_run(run, actor=None, enqueue=False)
        run = execute_run(run)
        self.stdout.write(
            self.style.SUCCESS(f"Issued {run.bills_created} bills, ¥{run.total_amount}")
        )
