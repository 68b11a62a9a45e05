"""gunicorn settings for Werkstation, read from the working directory (`gunicorn 'werkstation:create_app()'`).

Two sync workers (one request at a time each; they take turns accepting, so a request waits only when both are
busy: with threads, a busy worker also accepts and its requests share one core while the other idles); each
worker encodes both matching sides before its first request, so nobody waits for that.
"""

workers = 2
threads = 1
timeout = 60


def post_worker_init(worker):
    """Encode both matching sides in this worker before it serves (skipped with a warning when that fails, e.g. on
    a database that is not migrated yet)."""
    from werkstation.match_service import warm_indexes

    try:
        with worker.wsgi.app_context():
            warm_indexes()
    except Exception as error:  # noqa: BLE001 (the worker serves anyway; the index is built on first use)
        worker.log.warning("matching indexes not warmed: %s", error)
