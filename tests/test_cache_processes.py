"""Two app processes sharing one Redis: an edit saved by one refreshes the pages the other
serves at once. Needs PostgreSQL (a database both processes can open) and Redis."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.factories import make_release

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.fixture
def shared_redis(settings):
    if not redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"test-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "osce_site.redis_cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return prefix


def run_in_another_process(code, prefix):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "osce_site.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_in_one_process_refreshes_the_pages_of_another(client, shared_redis):
    if connection.vendor != "postgresql":
        pytest.skip("two processes need a database server to share")
    make_release("Original title", slug="shared")
    assert "Original title" in client.get("/press-releases/shared/").content.decode()
    assert "Original title" in client.get("/press-releases/").content.decode()

    run_in_another_process(
        "from press.models import PressRelease\n"
        "release = PressRelease.objects.get(slug='shared')\n"
        "release.title = 'Changed in another process'\n"
        "release.save()\n",
        shared_redis,
    )
    # Announced on a Redis channel: this process hears it within moments, not on a timer.
    assert eventually(
        lambda: "Changed in another" in client.get("/press-releases/shared/").content.decode()
    )
    assert "Changed in another process" in client.get("/press-releases/").content.decode()

    run_in_another_process(
        "from press.models import PressRelease\n"
        "from press import services\n"
        "services.unpublish(PressRelease.objects.filter(slug='shared'))\n",
        shared_redis,
    )
    assert eventually(lambda: client.get("/press-releases/shared/").status_code == 404)


def eventually(check, seconds=0.5):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
