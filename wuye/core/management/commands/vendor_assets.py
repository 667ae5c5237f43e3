"""Copy the front-end files Wuye serves from node_modules into var/vendor (then collectstatic).

Only the files listed here are served; node_modules itself never is.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# destination (under static/vendor/) : source (under node_modules/)
FILES = {
    "tabler/tabler.min.css": "@tabler/core/dist/css/tabler.min.css",
    "tabler/tabler.min.css.map": "@tabler/core/dist/css/tabler.min.css.map",
    "tabler/tabler.min.js": "@tabler/core/dist/js/tabler.min.js",
    "tabler/tabler.min.js.map": "@tabler/core/dist/js/tabler.min.js.map",
    "tabler-icons/tabler-icons.min.css": "@tabler/icons-webfont/dist/tabler-icons.min.css",
    "tabler-icons/fonts/tabler-icons.woff2": "@tabler/icons-webfont/dist/fonts/tabler-icons.woff2",
    "tabler-icons/fonts/tabler-icons.woff": "@tabler/icons-webfont/dist/fonts/tabler-icons.woff",
    "tabler-icons/fonts/tabler-icons.ttf": "@tabler/icons-webfont/dist/fonts/tabler-icons.ttf",
    "htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "alpine/alpine-csp.min.js": "@alpinejs/csp/dist/cdn.min.js",
    "echarts/echarts.min.js": "echarts/dist/echarts.min.js",
}


class Command(BaseCommand):
    help = "Copy the pinned front-end packages' files into var/vendor."

    def handle(self, *args, **options):
        source_root = Path(settings.BASE_DIR) / "node_modules"
        target_root = Path(settings.VENDOR_DIR)
        missing = [src for src in FILES.values() if not (source_root / src).exists()]
        if missing:
            raise CommandError(
                f"Front-end packages are missing ({', '.join(missing)}). Run `npm ci` (make does it)."
            )
        copied = 0
        for dest, src in FILES.items():
            source, target = source_root / src, target_root / dest
            if (
                target.exists()
                and target.stat().st_size == source.stat().st_size
                and target.stat().st_mtime >= source.stat().st_mtime
            ):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied += 1
        if options["verbosity"] > 1:
            self.stdout.write(f"{copied} vendor files copied to {target_root}")
