"""gunicorn settings for Werkstation, read from the working directory (`gunicorn 'werkstation:create_app()'`).

Two sync workers (one request at a time each; they take turns accepting, so a request waits only when both are
busy: with threads, a busy worker also accepts and its requests share one core while the other idles); each
worker encodes both matching sides as it starts, so the first vacancy or profile saved does not pay for that.
"""

workers = 2
threads = 1
timeout = 60


def post_worker_init(worker):
    """Encode both matching sides as the worker starts, in a thread: a large neighbourhood may take longer than
    the worker timeout, and gunicorn would kill a worker that has not started serving by then. A request that
    needs a side meanwhile waits for it (the index lock); a failure (e.g. a database not migrated yet) only logs a
    warning and the side is built on first use."""
    import threading

    from werkstation.matching_bridge import warm_indexes

    def warm():
        try:
            with worker.wsgi.app_context():
                warm_indexes()
        except Exception as error:  # noqa: BLE001 (the worker serves anyway)
            worker.log.warning("matching indexes not warmed: %s", error)

    worker.warming = threading.Thread(target=warm, name="warm-matching-indexes", daemon=True)
    worker.warming.start()
