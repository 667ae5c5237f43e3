import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuye.settings")
application = get_wsgi_application()

# Import every view and API module now, not in the first request a worker serves (about half
# a second), then leave what start-up made out of the garbage collector's rounds: those
# objects live as long as the process, and scanning them again and again slows every request.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
gc.freeze()
