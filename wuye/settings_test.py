"""Test settings: the real settings with fast hashing, tasks run in-process, plain static files."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "huey": {"BACKEND": "wuye.core.tasks_backend.HueyTaskBackend"},
}
# In-memory huey, run in-process; a test may switch `immediate` off to inspect the queue.
HUEY = {"huey_class": "huey.MemoryHuey", "name": "wuye-test", "immediate": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SMS_BACKEND = "memory"
SMS_RATE_PER_SECOND = 0
# A page or API read of a scoped model without for_access() fails the test (core/scoping.py).
WUYE_STRICT_SCOPING = True
